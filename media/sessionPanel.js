// Runs inside the session webview. Session data arrives by postMessage and is
// written with textContent only, so nothing in it can become markup.
// @ts-check
(function () {
  const vscode = acquireVsCodeApi();
  const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const nameElement = byId('session-name');
  const arnElement = byId('session-arn');
  const statusElement = byId('status');
  const jsonElement = byId('session-json');
  const revealButton = byId('toggle-reveal');
  const secretsElement = byId('secrets');
  const secretList = byId('secret-list');
  const loadingText = statusElement.textContent;

  byId('copy-arn').addEventListener('click', () => vscode.postMessage({ type: 'copyArn' }));
  byId('open-document').addEventListener('click', () => vscode.postMessage({ type: 'openDocument' }));
  byId('reload').addEventListener('click', () => vscode.postMessage({ type: 'reload' }));
  revealButton.addEventListener('click', () => vscode.postMessage({ type: 'toggleReveal' }));

  /** Lists the masked fields, each with a button that requests a copy of its value from the extension. */
  function showSecretPaths(paths) {
    secretList.replaceChildren();
    for (const path of paths) {
      const item = document.createElement('li');
      const label = document.createElement('code');
      label.textContent = String(path);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary copy-secret';
      button.textContent = secretList.dataset.copyLabel || 'Copy';
      button.addEventListener('click', () => vscode.postMessage({ type: 'copySecret', path: String(path) }));
      item.append(label, ' ', button);
      secretList.append(item);
    }
    secretsElement.hidden = paths.length === 0;
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message.type !== 'string') {
      return;
    }
    switch (message.type) {
      case 'loading':
        statusElement.textContent = loadingText;
        statusElement.hidden = false;
        statusElement.classList.remove('error');
        break;
      case 'session':
        nameElement.textContent = String(message.name);
        arnElement.textContent = String(message.arn);
        jsonElement.textContent = String(message.json);
        revealButton.setAttribute('aria-pressed', String(Boolean(message.revealed)));
        showSecretPaths(Array.isArray(message.secretPaths) ? message.secretPaths : []);
        statusElement.hidden = true;
        break;
      case 'error':
        arnElement.textContent = String(message.arn);
        statusElement.textContent = String(message.message);
        statusElement.classList.add('error');
        statusElement.hidden = false;
        break;
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
