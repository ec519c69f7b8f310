// A minimal stand-in for the `vscode` module: just what the extension's
// activate() and the modules it loads touch, so activation can be timed in
// plain Node. Nothing here renders or persists anything.
'use strict';

const noop = () => undefined;
const disposable = () => ({ dispose: noop });

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = listener => {
      this.listeners.add(listener);
      return { dispose: () => this.listeners.delete(listener) };
    };
  }

  fire(value) {
    for (const listener of [...this.listeners]) {
      listener(value);
    }
  }

  dispose() {
    this.listeners.clear();
  }
}

class Uri {
  constructor(scheme, path, query = '') {
    this.scheme = scheme;
    this.path = path;
    this.query = query;
    this.fsPath = path;
  }

  static file(path) {
    return new Uri('file', path);
  }

  static from(components) {
    return new Uri(components.scheme, components.path ?? '', components.query ?? '');
  }

  static joinPath(base, ...segments) {
    return new Uri(base.scheme, [base.path, ...segments].join('/'), base.query);
  }

  toString() {
    return `${this.scheme}:${this.path}${this.query ? `?${this.query}` : ''}`;
  }
}

class TreeItem {
  constructor(label, collapsibleState) {
    this.label = label;
    this.collapsibleState = collapsibleState;
  }
}

class ThemeIcon {
  constructor(id, color) {
    this.id = id;
    this.color = color;
  }
}

class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}

class MarkdownString {
  constructor(value = '', supportThemeIcons = false) {
    this.value = value;
    this.supportThemeIcons = supportThemeIcons;
  }

  appendText(text) {
    this.value += text;
    return this;
  }

  appendMarkdown(text) {
    this.value += text;
    return this;
  }
}

function createLogOutputChannel(name) {
  return {
    name,
    trace: noop,
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    append: noop,
    appendLine: noop,
    show: noop,
    hide: noop,
    clear: noop,
    dispose: noop,
  };
}

function createTreeView(id, options) {
  return {
    id,
    options,
    message: undefined,
    onDidExpandElement: disposable,
    onDidCollapseElement: disposable,
    onDidChangeSelection: disposable,
    onDidChangeVisibility: disposable,
    reveal: () => Promise.resolve(),
    dispose: noop,
  };
}

const configuration = {
  get: (_key, fallback) => fallback,
  inspect: () => undefined,
  has: () => false,
  update: () => Promise.resolve(),
};

/** Formats `{0}`-style placeholders, as `vscode.l10n.t` does with no bundle loaded. */
function translate(message, ...args) {
  const values = args.length === 1 && typeof args[0] === 'object' && args[0] !== null ? args[0] : args;
  return String(message).replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));
}

module.exports = {
  EventEmitter,
  Uri,
  TreeItem,
  ThemeIcon,
  ThemeColor,
  MarkdownString,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  Disposable: class Disposable {
    constructor(callOnDispose) {
      this.dispose = callOnDispose;
    }
  },
  l10n: { t: translate, bundle: undefined, uri: undefined },
  env: { clipboard: { writeText: () => Promise.resolve(), readText: () => Promise.resolve('') }, language: 'en' },
  window: {
    createOutputChannel: createLogOutputChannel,
    createTreeView,
    registerTreeDataProvider: disposable,
    createWebviewPanel: () => {
      throw new Error('The vscode stand-in has no webviews.');
    },
    showErrorMessage: () => Promise.resolve(undefined),
    showInformationMessage: () => Promise.resolve(undefined),
    showQuickPick: () => Promise.resolve(undefined),
    showTextDocument: () => Promise.resolve(undefined),
    setStatusBarMessage: disposable,
    withProgress: (_options, task) => task({ report: noop }, { isCancellationRequested: false, onCancellationRequested: disposable }),
  },
  workspace: {
    isTrusted: true,
    getConfiguration: () => configuration,
    onDidChangeConfiguration: disposable,
    onDidGrantWorkspaceTrust: disposable,
    registerTextDocumentContentProvider: disposable,
    openTextDocument: () => Promise.resolve(undefined),
  },
  commands: {
    registerCommand: disposable,
    executeCommand: () => Promise.resolve(undefined),
  },
};
