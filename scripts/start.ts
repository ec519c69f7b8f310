// `npm start`: builds the extension, starts the Device Farm emulator with
// sample data and a real VS Code (code-server) with the extension installed,
// all on 127.0.0.1, prints the URL to open, and stops both on Ctrl+C.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from '../test/emulator/server';
import { AWS_VARIABLES_TO_CLEAR, createIsolatedAwsEnvironment } from '../test/support/awsEnvironment';
import { REPOSITORY_ROOT, startRealVscode, VSIX_PATH } from '../test/harness/realVscode';

const QA_TEAM_ACCESS_KEY_ID = 'AKIADEMOQATEAM000001';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      'emulator-port': { type: 'string', default: '4566' },
    },
  });

  console.log('Building and packaging the extension');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPOSITORY_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

  const emulator = await startEmulator({ port: Number(values['emulator-port']), projects: 5, sessionsPerProject: 40, pageSize: 10 });
  emulator.addAccount(QA_TEAM_ACCESS_KEY_ID, { projects: 2, sessionsPerProject: 6, seed: 77, projectNames: ['QA Team Sandbox', 'QA Team Release Gate'] });
  console.log(`Device Farm emulator listening on ${emulator.url}`);

  // Two profiles with fake keys, so "Select AWS Profile" has something to show:
  // the qa-team profile's key gets an account of its own with two projects.
  const runDir = path.join(REPOSITORY_ROOT, '.test-output', 'demo');
  fs.mkdirSync(runDir, { recursive: true });
  const { env, files } = createIsolatedAwsEnvironment(runDir);
  fs.writeFileSync(files.credentialsFile, [
    '[default]', 'aws_access_key_id = AKIADEMODEFAULT00001', 'aws_secret_access_key = demo/default/not/a/real/secret', '',
    '[qa-team]', `aws_access_key_id = ${QA_TEAM_ACCESS_KEY_ID}`, 'aws_secret_access_key = demo/qa-team/not/a/real/secret', '',
  ].join('\n'));

  // A profile, session token, endpoint or proxy exported in the shell would take the place of the demo's.
  const inheritedAwsVariables = [
    ...AWS_VARIABLES_TO_CLEAR,
    ...Object.keys(process.env).filter(name => name.startsWith('AWS_') && !(name in env)),
  ];
  const vscodeServer = await startRealVscode({
    runDir: path.join(runDir, 'vscode'),
    vsixPath: VSIX_PATH,
    env,
    unsetEnv: inheritedAwsVariables,
    settings: { 'deviceFarm.endpoint': emulator.url },
    port: Number(values.port),
  });
  console.log(`\nVS Code with Device Farm Explorer: ${vscodeServer.workspaceUrl}`);
  console.log('Open it in a browser on this machine, then the Device Farm icon in the activity bar. Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nStopping VS Code and the emulator');
    await vscodeServer.stop();
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
