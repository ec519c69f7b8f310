// Times ExplorerModel.refresh() against the emulator process: the same
// service and model code the tree uses, with every request recorded on the
// client side (by SDK middleware) and on the server side (by the emulator).
import type { DeviceFarmClient } from '@aws-sdk/client-device-farm';
import { createConnection, type DeviceFarmConnection } from '../../src/deviceFarm/client';
import { ExplorerModel } from '../../src/tree/model';
import { silentLogger } from '../../test/support/connection';
import { expectedRequestCounts, pagesNeeded } from './bounds';
import type { EmulatorProcess } from './emulatorProcess';

interface SentRequest {
  operation: string;
  arn: string | undefined;
  nextToken: string | undefined;
  /** When the SDK returned the parsed reply, in ms since the refresh started. */
  finishedMs: number;
}

export interface RefreshRun {
  /** From calling refresh() until its promise resolves, in ms. */
  wallMs: number;
  /** CPU time (user plus system, all threads) of the benchmark process over the same span, in ms. The emulator's process is not counted. */
  cpuMs: number;
  /** Until the model's project list is complete again, in ms. */
  projectsReadyMs: number;
  /** Until the model first shows rows from the new read of any expanded project, in ms. */
  firstSessionsVisibleMs: number;
  /** Until the model shows rows from the new read of every expanded project, in ms. */
  lastSessionsVisibleMs: number;
  /** Until the SDK returned the first ListRemoteAccessSessions page, shown or not, in ms. */
  firstSessionsPageArrivedMs: number;
  /** Requests the emulator received during the refresh. */
  requests: number;
  /** Pages the client requested more than once (same list and token). */
  repeatedPages: number;
  /** True when the emulator saw exactly the expected requests per operation and page. */
  requestsMatchPages: boolean;
  /** The maximum number of requests in flight at one time, counted by the SDK middleware. */
  maxInFlight: number;
  /** The maximum number of requests the emulator was serving at one time. */
  emulatorMaxInFlight: number;
}

/** The maximum number of requests in flight while `expandAll` first loaded every project. */
export interface FirstLoadInFlight {
  /** Counted by the SDK middleware. */
  client: number;
  /** Counted by the emulator. */
  emulator: number;
}

export interface RefreshBenchOptions {
  /** The model's `maxConcurrentRequests`, as the `deviceFarm.maxConcurrentRequests` setting passes it. */
  maxConcurrentRequests: number;
  latencyMs: number;
}

/**
 * One model with every project expanded, refreshed again and again. Like the
 * Refresh command while the shared AWS files are unchanged, every refresh
 * reuses the client and its open sockets.
 */
export class RefreshBench {
  private connection: DeviceFarmConnection | undefined;
  private sent: SentRequest[] = [];
  private startedAt = 0;
  private inFlight = 0;
  private maxInFlight = 0;
  firstLoadInFlight: FirstLoadInFlight = { client: 0, emulator: 0 };
  readonly model: ExplorerModel;

  constructor(private readonly emulator: EmulatorProcess, private readonly options: RefreshBenchOptions) {
    this.model = new ExplorerModel(() => this.connect(), { maxConcurrentRequests: () => options.maxConcurrentRequests });
  }

  /**
   * Loads the project list and then every project's sessions at once, as when
   * the tree requests the children of every expanded project, so all count as
   * expanded. The emulator's latency applies, so requests overlap in flight as
   * they would against a remote service.
   */
  async expandAll(): Promise<void> {
    await this.emulator.setLatency(this.options.latencyMs);
    await this.emulator.takeRequests();
    this.maxInFlight = 0;
    await this.model.loadProjects();
    await Promise.all(this.emulator.projects.map(project => this.model.loadSessions(project.arn)));
    this.checkComplete('expanding every project');
    const log = await this.emulator.takeRequests();
    this.firstLoadInFlight = { client: this.maxInFlight, emulator: log.maxInFlight };
  }

  async run(): Promise<RefreshRun> {
    await this.emulator.setLatency(this.options.latencyMs);
    await this.emulator.takeRequests();
    // Like the Refresh command while the shared AWS files are unchanged, the client and its sockets are kept.
    this.sent = [];
    this.maxInFlight = 0;

    const oldFirstRows = new Map(this.emulator.projects.map(project => [project.arn, this.model.sessionsOf(project.arn)?.items[0]]));
    const visibleAt = new Map<string, number>();
    let projectsReadyMs = Number.NaN;
    const subscription = this.model.onDidChange(change => {
      const elapsed = performance.now() - this.startedAt;
      if (change.projectArn === undefined) {
        if (Number.isNaN(projectsReadyMs) && this.model.projects.status === 'complete') {
          projectsReadyMs = elapsed;
        }
        return;
      }
      // Rows from the new read are new objects, so the first row changes identity once they are shown.
      const items = this.model.sessionsOf(change.projectArn)?.items ?? [];
      if (!visibleAt.has(change.projectArn) && items.length > 0 && items[0] !== oldFirstRows.get(change.projectArn)) {
        visibleAt.set(change.projectArn, elapsed);
      }
    });

    const cpuBefore = process.cpuUsage();
    this.startedAt = performance.now();
    await this.model.refresh();
    const wallMs = performance.now() - this.startedAt;
    const cpu = process.cpuUsage(cpuBefore);
    subscription.dispose();

    this.checkComplete('a refresh');
    const log = await this.emulator.takeRequests();
    const received = log.requests;
    const visible = [...visibleAt.values()];
    const sessionPages = this.sent.filter(request => request.operation === 'ListRemoteAccessSessionsCommand');
    const pageKeys = this.sent.map(request => `${request.operation} ${request.arn ?? ''} ${request.nextToken ?? ''}`);
    return {
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      projectsReadyMs,
      firstSessionsVisibleMs: visible.length > 0 ? Math.min(...visible) : Number.NaN,
      lastSessionsVisibleMs: visible.length === this.emulator.projects.length ? Math.max(...visible) : Number.NaN,
      firstSessionsPageArrivedMs: Math.min(...sessionPages.map(request => request.finishedMs)),
      requests: received.length,
      repeatedPages: pageKeys.length - new Set(pageKeys).size,
      requestsMatchPages: sameCounts(
        countBy(received.map(request => `${request.operation} ${request.page}`)),
        expectedRequestCounts(this.emulator.projects, this.emulator.pageSize),
      ),
      maxInFlight: this.maxInFlight,
      emulatorMaxInFlight: log.maxInFlight,
    };
  }

  get pagesNeeded(): number {
    return pagesNeeded(this.emulator.projects, this.emulator.pageSize);
  }

  dispose(): void {
    this.model.dispose();
    this.dropConnection();
  }

  private connect(): DeviceFarmConnection {
    if (!this.connection) {
      this.connection = this.instrument(createConnection({ endpoint: this.emulator.url }, silentLogger));
    }
    return this.connection;
  }

  private dropConnection(): void {
    this.connection?.destroy();
    this.connection = undefined;
  }

  /** Returns the connection with a middleware on its client that records every request and its timing. */
  private instrument(connection: DeviceFarmConnection): DeviceFarmConnection {
    let instrumented: Promise<DeviceFarmClient> | undefined;
    const client = (): Promise<DeviceFarmClient> => (instrumented ??= connection.client().then(built => {
      this.addRecorder(built);
      return built;
    }));
    return { ...connection, client };
  }

  private addRecorder(client: DeviceFarmClient): void {
    client.middlewareStack.add(
      (next, context) => async args => {
        this.inFlight += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        try {
          return await next(args);
        } finally {
          this.inFlight -= 1;
          const input = args.input as { arn?: string; nextToken?: string };
          this.sent.push({
            operation: context.commandName ?? 'unknown',
            arn: input.arn,
            nextToken: input.nextToken,
            finishedMs: performance.now() - this.startedAt,
          });
        }
      },
      { step: 'initialize', name: 'benchRequestRecorder' },
    );
  }

  /** Throws unless the model contains every project and session, because a partial load would make the timing meaningless. */
  private checkComplete(after: string): void {
    const projects = this.model.projects;
    if (projects.status !== 'complete' || projects.items.length !== this.emulator.projects.length) {
      throw new Error(`After ${after} the model contains ${projects.items.length} of ${this.emulator.projects.length} projects (status ${projects.status}${projects.error ? `: ${projects.error.message}` : ''}).`);
    }
    for (const project of this.emulator.projects) {
      const sessions = this.model.sessionsOf(project.arn);
      if (sessions?.status !== 'complete' || sessions.items.length !== project.sessionCount) {
        throw new Error(`After ${after} the model contains ${sessions?.items.length ?? 0} of ${project.sessionCount} sessions of ${project.arn} (status ${sessions?.status ?? 'none'}${sessions?.error ? `: ${sessions.error.message}` : ''}).`);
      }
    }
  }
}

export interface ColdLoad {
  /** From the first loadProjects() until the project list is complete, in ms. */
  projectsMs: number;
  /** Until the first page of the first project's sessions is in the model, in ms. */
  firstSessionsPageMs: number;
  /** Until the last page of the first project's sessions is in the model, in ms. */
  allSessionsMs: number;
}

/**
 * Times a first load, as when the view opens and the user expands the first
 * project as soon as the list shows. Each page is appended to the rows as it
 * arrives.
 */
export async function measureColdLoad(emulator: EmulatorProcess, latencyMs: number, maxConcurrentRequests: number): Promise<ColdLoad> {
  await emulator.setLatency(latencyMs);
  const connection = createConnection({ endpoint: emulator.url }, silentLogger);
  const model = new ExplorerModel(() => connection, { maxConcurrentRequests: () => maxConcurrentRequests });
  const projectArn = emulator.projects[0].arn;
  let firstSessionsPageMs = Number.NaN;
  const subscription = model.onDidChange(change => {
    if (change.projectArn === projectArn && Number.isNaN(firstSessionsPageMs) && (model.sessionsOf(projectArn)?.items.length ?? 0) > 0) {
      firstSessionsPageMs = performance.now() - started;
    }
  });
  const started = performance.now();
  try {
    await model.loadProjects();
    const projectsMs = performance.now() - started;
    await model.loadSessions(projectArn);
    const allSessionsMs = performance.now() - started;
    if (model.sessionsOf(projectArn)?.items.length !== emulator.projects[0].sessionCount) {
      throw new Error(`The first load read ${model.sessionsOf(projectArn)?.items.length ?? 0} of ${emulator.projects[0].sessionCount} sessions of ${projectArn}.`);
    }
    return { projectsMs, firstSessionsPageMs, allSessionsMs };
  } finally {
    subscription.dispose();
    model.dispose();
    connection.destroy();
    await emulator.takeRequests();
  }
}

function countBy(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function sameCounts(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([key, count]) => b.get(key) === count);
}
