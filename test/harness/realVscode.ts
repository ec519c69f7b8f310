// Runs a real VS Code here: code-server's VS Code server on 127.0.0.1, with
// private folders for everything, and Debian's Chromium driven by
// playwright-core. Shared by the end-to-end tests and `npm start`.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
export const VSIX_PATH = path.join(REPOSITORY_ROOT, 'build', 'device-farm-explorer.vsix');
export const EXTENSION_ID = 'device-farm-explorer.device-farm-explorer';
const CHROMIUM = '/usr/bin/chromium';

/** Installs code-server and Chromium when missing and returns code-server's `server-main.js`. */
export function ensureRealVscode(): string {
  const installDir = execFileSync('bash', [path.join(REPOSITORY_ROOT, 'scripts', 'install-real-vscode.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim().split('\n').pop() ?? '';
  const serverMain = path.join(installDir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
  if (!fs.existsSync(serverMain)) {
    throw new Error(`code-server's VS Code server is missing at ${serverMain}; delete ${installDir} and run scripts/install-real-vscode.sh again.`);
  }
  return serverMain;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHttp(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`The VS Code server exited with code ${server.exitCode} before answering ${url}.`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(`The VS Code server did not answer ${url} within ${timeoutMs} ms.`);
}

export interface RealVscodeOptions {
  /** A folder of its own for this run; it is emptied first. */
  runDir: string;
  /** Installed into the server's private extensions folder before it starts. */
  vsixPath?: string;
  /** Environment for the server and so for the extension host: the AWS variables go here. */
  env: Record<string, string>;
  /** Variables removed from the inherited environment, such as the AWS keys for a no-credentials run. */
  unsetEnv?: string[];
  /** User settings added to the defaults below. */
  settings?: Record<string, unknown>;
  port?: number;
}

export interface RealVscode {
  url: string;
  workspaceUrl: string;
  runDir: string;
  stop(): Promise<void>;
}

/** Starts the VS Code server on 127.0.0.1 with private user, extension and data folders. */
export async function startRealVscode(options: RealVscodeOptions): Promise<RealVscode> {
  const serverMain = ensureRealVscode();
  const runDir = options.runDir;
  fs.rmSync(runDir, { recursive: true, force: true });
  for (const folder of ['user-data/User', 'extensions', 'server-data', 'workspace', 'xdg-config', 'xdg-data', 'xdg-cache', 'tmp']) {
    fs.mkdirSync(path.join(runDir, folder), { recursive: true });
  }
  fs.writeFileSync(path.join(runDir, 'user-data', 'User', 'settings.json'), JSON.stringify({
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.reduceMotion': 'on',
    'workbench.colorTheme': 'Default Dark Modern',
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'npm.fetchOnlinePackageInfo': false,
    'typescript.disableAutomaticTypeAcquisition': true,
    ...options.settings,
  }, null, 2));

  const env: Record<string, string> = {
    ...process.env as Record<string, string>,
    ...options.env,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg-cache'),
    TMPDIR: path.join(runDir, 'tmp'),
    // No marketplace: the default gallery would be open-vsx.org.
    EXTENSIONS_GALLERY: '{}',
  };
  for (const name of options.unsetEnv ?? []) {
    delete env[name];
  }
  const folders = ['--server-data-dir', path.join(runDir, 'server-data'), '--user-data-dir', path.join(runDir, 'user-data'), '--extensions-dir', path.join(runDir, 'extensions')];
  if (options.vsixPath) {
    execFileSync(process.execPath, [serverMain, ...folders, '--install-extension', options.vsixPath], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  const port = options.port || await freePort();
  const server = spawn(process.execPath, [
    serverMain, ...folders,
    '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms', '--telemetry-level', 'off',
    '--disable-workspace-trust', '--enable-smoke-test-driver', '--log', 'info',
  ], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const serverLog = fs.createWriteStream(path.join(runDir, 'server.log'));
  server.stdout?.pipe(serverLog);
  server.stderr?.pipe(serverLog);

  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/`, server, 60_000);

  const stop = async (): Promise<void> => {
    const groupAlive = (): boolean => {
      try {
        process.kill(-(server.pid ?? 0), 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      process.kill(-(server.pid ?? 0), 'SIGTERM');
    } catch {
      return;
    }
    const deadline = Date.now() + 10_000;
    while (groupAlive() && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    if (groupAlive()) {
      process.kill(-(server.pid ?? 0), 'SIGKILL');
    }
  };
  return { url, workspaceUrl: `${url}/?folder=${encodeURIComponent(path.join(runDir, 'workspace'))}`, runDir, stop };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Requests the browser tried to send anywhere but 127.0.0.1; each was aborted. */
  blockedRequests: string[];
  close(): Promise<void>;
}

/** Launches Debian's Chromium with a fresh profile; every request off 127.0.0.1 is aborted. */
export async function launchBrowser(runDir: string): Promise<Browser> {
  const home = path.join(runDir, 'chromium-home');
  fs.mkdirSync(home, { recursive: true });
  const context = await chromium.launchPersistentContext(path.join(runDir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    reducedMotion: 'reduce',
    env: { ...process.env as Record<string, string>, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  const blockedRequests: string[] = [];
  await context.route('**/*', route => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') {
      return route.continue();
    }
    blockedRequests.push(route.request().url());
    return route.abort();
  });
  const page = context.pages()[0] ?? await context.newPage();
  return { context, page, blockedRequests, close: () => context.close() };
}
