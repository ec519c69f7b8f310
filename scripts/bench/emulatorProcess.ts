// Starts the emulator in a child process (emulatorHost.ts) and wraps its IPC
// messages in promises: change the latency, take the request log, stop.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { EmulatorOptions, RecordedRequest } from '../../test/emulator/server';

export interface ProjectShape {
  arn: string;
  sessionCount: number;
  /** The emulator returns page 1 of this project's sessions with no items and a nextToken. */
  emptyFirstPage: boolean;
}

export type EmulatorRequest =
  | { type: 'setLatency'; id: number; latencyMs: number }
  | { type: 'takeRequests'; id: number }
  | { type: 'stop' };

export type EmulatorReply =
  | { type: 'ready'; url: string; projects: ProjectShape[] }
  | { type: 'done'; id: number }
  | { type: 'requests'; id: number; requests: RecordedRequest[]; maxInFlight: number };

/** The emulator's request log since it was last taken. */
export interface RequestLog {
  requests: RecordedRequest[];
  /** The maximum number of API requests the emulator was serving at one time. */
  maxInFlight: number;
}

const HOST_SCRIPT = path.join(__dirname, 'emulatorHost.ts');
const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

export class EmulatorProcess {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: EmulatorReply) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly projects: ProjectShape[],
    readonly pageSize: number,
  ) {
    child.on('message', (reply: EmulatorReply) => {
      if (reply.type !== 'ready') {
        this.pending.get(reply.id)?.(reply);
        this.pending.delete(reply.id);
      }
    });
  }

  /** Forks the host and resolves once its server listens on 127.0.0.1. */
  static start(options: EmulatorOptions & { pageSize: number }): Promise<EmulatorProcess> {
    const child = fork(HOST_SCRIPT, [JSON.stringify(options)], {
      cwd: REPOSITORY_ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', code => reject(new Error(`The emulator process exited with code ${code} before it listened.`)));
      child.once('message', (reply: EmulatorReply) => {
        if (reply.type !== 'ready') {
          reject(new Error(`Expected a ready message from the emulator process, got ${reply.type}.`));
          return;
        }
        child.removeAllListeners('exit');
        resolve(new EmulatorProcess(child, reply.url, reply.projects, options.pageSize));
      });
    });
  }

  async setLatency(latencyMs: number): Promise<void> {
    await this.call({ type: 'setLatency', id: this.nextId++, latencyMs });
  }

  /** Returns the requests received since the last call and the maximum served at once, and clears both. */
  async takeRequests(): Promise<RequestLog> {
    const reply = await this.call({ type: 'takeRequests', id: this.nextId++ });
    return reply.type === 'requests' ? { requests: reply.requests, maxInFlight: reply.maxInFlight } : { requests: [], maxInFlight: 0 };
  }

  stop(): Promise<void> {
    return new Promise(resolve => {
      if (this.child.exitCode !== null) {
        resolve();
        return;
      }
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'stop' } satisfies EmulatorRequest);
    });
  }

  private call(message: EmulatorRequest & { id: number }): Promise<EmulatorReply> {
    return new Promise(resolve => {
      this.pending.set(message.id, resolve);
      this.child.send(message);
    });
  }
}
