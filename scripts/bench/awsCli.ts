// Reads the same data with the AWS CLI v2 as a user's shell loop would: one
// `aws devicefarm list-projects`, then one `list-remote-access-sessions` per
// project, one after another. The CLI follows nextToken by itself.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createIsolatedAwsEnvironment } from '../../test/support/awsEnvironment';
import type { EmulatorProcess } from './emulatorProcess';

export interface AwsCli {
  path: string;
  version: string;
}

/** Returns the CLI at `cliPath` when it is installed and is version 2, or the reason it cannot be used. */
export function findAwsCliV2(cliPath: string): AwsCli | string {
  if (!fs.existsSync(cliPath)) {
    return `${cliPath} is not installed`;
  }
  const { env, directory } = cliEnvironment();
  const result = spawnSync(cliPath, ['--version'], { encoding: 'utf8', env });
  fs.rmSync(directory, { recursive: true, force: true });
  const version = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0 || !version.startsWith('aws-cli/2.')) {
    return `${cliPath} is not the AWS CLI v2 (it printed "${version || `exit ${result.status}`}")`;
  }
  return { path: cliPath, version: version.split(' ')[0] };
}

/**
 * Builds an environment that keeps the CLI away from real AWS and the user's files:
 * fake static keys, private empty config files (also as HOME), no metadata
 * probes, no pager and no auto-prompt.
 */
function cliEnvironment(): { env: Record<string, string>; directory: string } {
  const { env, files } = createIsolatedAwsEnvironment();
  return {
    directory: files.directory,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      HOME: files.directory,
      AWS_PAGER: '',
      AWS_CLI_AUTO_PROMPT: 'off',
      ...env,
    },
  };
}

/** Times one full read of projects and sessions with the CLI, in ms, and checks every item arrived. */
export function timeAwsCliRead(cli: AwsCli, emulator: EmulatorProcess): number {
  const { env, directory } = cliEnvironment();
  const run = (args: string[]): Record<string, unknown> => {
    const result = spawnSync(cli.path, [
      'devicefarm', ...args,
      '--endpoint-url', emulator.url, '--region', 'us-west-2', '--output', 'json', '--no-cli-pager',
    ], { encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024 });
    if (result.status !== 0) {
      throw new Error(`"aws devicefarm ${args[0]}" failed (exit ${result.status ?? result.signal}): ${result.stderr}`);
    }
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  try {
    const started = performance.now();
    const projects = run(['list-projects']).projects as Array<{ arn?: string }>;
    const sessionCounts = projects.map(project =>
      (run(['list-remote-access-sessions', '--arn', String(project.arn)]).remoteAccessSessions as unknown[]).length);
    const elapsed = performance.now() - started;

    if (projects.length !== emulator.projects.length) {
      throw new Error(`The AWS CLI listed ${projects.length} of ${emulator.projects.length} projects.`);
    }
    projects.forEach((project, index) => {
      const expected = emulator.projects.find(candidate => candidate.arn === project.arn)?.sessionCount;
      if (sessionCounts[index] !== expected) {
        throw new Error(`The AWS CLI listed ${sessionCounts[index]} sessions of ${project.arn}; the emulator serves ${expected ?? 'no such project'}.`);
      }
    });
    return elapsed;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
