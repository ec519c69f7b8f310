// Keeps every test, script and helper away from real AWS: fake static keys,
// private shared config files, and no EC2/ECS metadata probes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const FAKE_ACCESS_KEY_ID = 'AKIAEMULATOREXAMPLE1';
export const FAKE_SECRET_ACCESS_KEY = 'emulator/secret/key/not/real/0123456789ab';

/** Variables a shell may export that would point the SDK at a real account, profile or endpoint. */
export const AWS_VARIABLES_TO_CLEAR = [
  'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_DEVICE_FARM', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy',
];

export interface IsolatedAwsFiles {
  directory: string;
  configFile: string;
  credentialsFile: string;
}

/**
 * Writes private, empty AWS config and credentials files in a new temporary
 * folder and returns the environment variables that point the SDK and the
 * AWS CLI at them, with fake static keys.
 */
export function createIsolatedAwsEnvironment(parent = os.tmpdir()): { env: Record<string, string>; files: IsolatedAwsFiles } {
  const directory = fs.mkdtempSync(path.join(parent, 'device-farm-aws-'));
  const configFile = path.join(directory, 'config');
  const credentialsFile = path.join(directory, 'credentials');
  fs.writeFileSync(configFile, '', { mode: 0o600 });
  fs.writeFileSync(credentialsFile, '', { mode: 0o600 });
  return {
    env: {
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: FAKE_SECRET_ACCESS_KEY,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_REGION: 'us-west-2',
      AWS_DEFAULT_REGION: 'us-west-2',
      NO_PROXY: '127.0.0.1,localhost',
    },
    files: { directory, configFile, credentialsFile },
  };
}

/** Applies an isolated AWS environment to this process and clears variables that could redirect it. */
export function isolateProcessFromAws(): IsolatedAwsFiles {
  for (const name of AWS_VARIABLES_TO_CLEAR) {
    delete process.env[name];
  }
  const { env, files } = createIsolatedAwsEnvironment();
  Object.assign(process.env, env);
  return files;
}
