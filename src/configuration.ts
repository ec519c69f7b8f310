// Reads the extension's settings. In an untrusted workspace the profile and
// endpoint come from user settings only, so a cloned repository cannot point
// requests signed with the user's credentials at its own server.
import * as vscode from 'vscode';
import type { ConnectionSettings } from './deviceFarm/client';

export const SETTINGS_SECTION = 'deviceFarm';
const CONNECTION_KEYS = ['profile', 'endpoint'] as const;

function readSetting(key: (typeof CONNECTION_KEYS)[number]): string | undefined {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const value = vscode.workspace.isTrusted
    ? configuration.get<string>(key)
    : configuration.inspect<string>(key)?.globalValue;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function readConnectionSettings(): ConnectionSettings {
  const http = vscode.workspace.getConfiguration('http');
  return {
    profile: readSetting('profile'),
    endpoint: readSetting('endpoint'),
    proxySettings: {
      proxy: http.get<string>('proxy') || undefined,
      noProxy: http.get<string[]>('noProxy') ?? [],
      strictSSL: http.get<boolean>('proxyStrictSSL') ?? true,
    },
  };
}

const DEFAULT_MAX_CONCURRENT_REQUESTS = 20;

/** Reads `deviceFarm.maxConcurrentRequests`: how many page requests may be in flight at once. */
export function readMaxConcurrentRequests(): number {
  const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<number>('maxConcurrentRequests', DEFAULT_MAX_CONCURRENT_REQUESTS);
  return Number.isInteger(value) ? Math.min(100, Math.max(1, value)) : DEFAULT_MAX_CONCURRENT_REQUESTS;
}

const PROXY_SETTINGS = ['http.proxy', 'http.noProxy', 'http.proxyStrictSSL'];

export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return CONNECTION_KEYS.some(key => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`))
    || PROXY_SETTINGS.some(key => event.affectsConfiguration(key));
}
