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

  byId('copy-arn').addEventListener('click', () => vscode.postMessage({ type: 'copyArn' }));
  byId('open-document').addEventListener('click', () => vscode.postMessage({ type: 'openDocument' }));
  byId('reload').addEventListener('click', () => vscode.postMessage({ type: 'reload' }));

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message.type !== 'string') {
      return;
    }
    switch (message.type) {
      case 'loading':
        statusElement.hidden = false;
        statusElement.classList.remove('error');
        break;
      case 'session':
        nameElement.textContent = String(message.name);
        arnElement.textContent = String(message.arn);
        jsonElement.textContent = String(message.json);
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
