// Times one activation in a fresh Node process: loading the bundled
// extension (with the `vscode` stand-in) plus calling activate(). Prints one
// JSON line: {"loadMs": N, "activateMs": N, "totalMs": N}.
// Usage: node activationProbe.cjs PATH/TO/dist/extension.js EXTENSION_DIRECTORY
'use strict';

const Module = require('node:module');
const path = require('node:path');
const vscodeStub = require('./vscodeStub.cjs');

const [bundlePath, extensionDirectory] = process.argv.slice(2);
if (!bundlePath || !extensionDirectory) {
  console.error('Usage: node activationProbe.cjs BUNDLE_PATH EXTENSION_DIRECTORY');
  process.exit(2);
}

// Serve `require('vscode')` from the stand-in, as the extension host serves its API.
const STUB_ID = 'vscode-stand-in';
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveVscode(request, ...rest) {
  return request === 'vscode' ? STUB_ID : resolveFilename.call(this, request, ...rest);
};
require.cache[STUB_ID] = { id: STUB_ID, filename: STUB_ID, loaded: true, exports: vscodeStub };

const extensionUri = vscodeStub.Uri.file(path.resolve(extensionDirectory));
const context = {
  subscriptions: [],
  extensionUri,
  extensionPath: extensionUri.fsPath,
  globalState: { get: () => undefined, update: () => Promise.resolve(), keys: () => [] },
  workspaceState: { get: () => undefined, update: () => Promise.resolve(), keys: () => [] },
};

const started = performance.now();
const extension = require(path.resolve(bundlePath));
const loaded = performance.now();
const api = extension.activate(context);
const activated = performance.now();

if (!api || !api.model || context.subscriptions.length === 0) {
  console.error('activate() returned no model or registered nothing, so the stand-in may be missing an API.');
  process.exit(1);
}
for (const subscription of context.subscriptions) {
  subscription.dispose();
}
process.stdout.write(`${JSON.stringify({ loadMs: loaded - started, activateMs: activated - loaded, totalMs: activated - started })}\n`);
