// Turns the benchmark's measurements into the printed table and the
// bench-results.json object, and checks each figure against its target.
import * as os from 'node:os';
import type { ActivationTimes } from './activation';
import type { AwsCli } from './awsCli';
import type { PackagedExtension } from './bundle';
import type { HeapMeasurement } from './memory';
import type { ColdLoad, RefreshRun } from './refresh';
import { formatBytes, formatMs, statusOf, type Row } from './report';
import { median, round } from './stats';

/** The default of `deviceFarm.maxConcurrentRequests` in package.json. */
export const DEFAULT_CONCURRENCY = 4;
/** The maximum package.json allows for `deviceFarm.maxConcurrentRequests`. */
export const SETTING_MAXIMUM = 16;

export const TARGETS = {
  refreshToBoundRatio: 1.2,
  cliToExtensionRatio: 5,
  /** Decimal megabytes, the stricter reading of "1 MB". */
  bundleBytes: 1_000_000,
  vsixBytes: 1_500_000,
  activationMs: 50,
  heapMb: 60,
  /** Growth counts as linear while time grows at most this much faster than the pages on the critical path. */
  growthTolerance: 1.25,
};

export interface Sizes {
  projects: number;
  sessionsPerProject: number;
  pageSize: number;
  latencyMs: number;
  /** Timed refreshes per configuration, each paired with one CLI read. */
  runs: number;
  /** Untimed refreshes per configuration first, so the JIT has compiled the hot paths. */
  warmUpRuns: number;
  activationRuns: number;
  growthSessionsPerProject: number[];
  growthRuns: number;
  heapProjects: number;
  heapSessionsPerProject: number;
}

export interface RefreshFigures {
  label: string;
  concurrency: number;
  requestLimit: number | null;
  wallMs: number;
  boundMs: number;
  ratioToBound: number;
  /** The critical path with this configuration's limit, in ms. */
  scheduledMs: number;
  projectsReadyMs: number;
  firstSessionsVisibleMs: number;
  lastSessionsVisibleMs: number;
  firstSessionsPageArrivedMs: number;
  requests: number;
  repeatedPages: number;
  requestsMatchPages: boolean;
  /** The maximum number of requests in flight during a refresh. */
  maxInFlight: number;
  /** The maximum number of requests in flight while every project was first loaded (loadSessions for each, at once). */
  firstLoadMaxInFlight: number;
  runsMs: number[];
}

export interface GrowthFigures {
  sessionsPerProject: number;
  wallMs: number;
  requests: number;
  pagesNeeded: number;
  scheduledPages: number;
  requestsMatchPages: boolean;
}

/** Everything one benchmark run measured. The first refresh configuration is the default setting. */
export interface Measurements {
  sizes: Sizes;
  quick: boolean;
  argv: string[];
  startedAt: Date;
  loadBefore: number[];
  packaged: PackagedExtension;
  activation: ActivationTimes;
  heap: HeapMeasurement;
  cli: AwsCli | undefined;
  /** The CLI found, or why it was skipped. */
  cliFound: AwsCli | string;
  cliRunsMs: number[];
  /** Per refresh configuration, the timed runs in round order, so run i pairs with CLI run i. */
  pairedRuns: RefreshRun[][];
  refresh: RefreshFigures[];
  coldLoad: ColdLoad;
  pages: number;
  growth: GrowthFigures[];
  warnings: Map<string, number>;
}

export function describeSessions(count: number): string {
  return `${count} session${count === 1 ? '' : 's'}`;
}

export function describeMachine(): { cpu: string; memoryGb: number; os: string; node: string } {
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memoryGb: round(os.totalmem() / 1e9, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

/**
 * Checks that growth is linear in pages: requests equal the pages needed at
 * every size, and from one size to the next the wall time grows at most
 * `growthTolerance` times as fast as the pages on the critical path.
 */
export function growthIsLinear(growth: GrowthFigures[]): boolean {
  return growth.every((figures, index) => {
    if (!figures.requestsMatchPages || figures.requests !== figures.pagesNeeded) {
      return false;
    }
    const previous = growth[index - 1];
    return previous === undefined ||
      figures.wallMs / previous.wallMs <= TARGETS.growthTolerance * (figures.scheduledPages / previous.scheduledPages);
  });
}

/** Pairs each CLI run with the refresh run of the same round, and returns the median ratio. */
function cliRatio(measurements: Measurements, configurationIndex: number): number | null {
  if (!measurements.cli) {
    return null;
  }
  const runs = measurements.pairedRuns[configurationIndex];
  return round(median(measurements.cliRunsMs.map((cliMs, index) => cliMs / runs[index].wallMs)), 1);
}

function heapMb(heap: HeapMeasurement): number {
  return round(heap.heapBytes / 1e6, 1);
}

function heading(measure: string, target = '', status: Row['status'] = ''): Row {
  return { measure, result: '', target, status };
}

export function tableRows(measurements: Measurements): Row[] {
  const { sizes, refresh, packaged, activation, heap, cli, cliFound, coldLoad, growth } = measurements;
  const byDefault = refresh[0];
  const cliToExtensionRatio = cliRatio(measurements, 0);
  const requestsExact = refresh.every(figures => figures.requestsMatchPages && figures.repeatedPages === 0);

  return [
    heading(`1. Refresh, ${sizes.projects} expanded projects × ${describeSessions(sizes.sessionsPerProject)} (bound ${formatMs(byDefault.boundMs)})`),
    ...refresh.map(figures => ({
      measure: `   ${figures.label}`,
      result: `${formatMs(figures.wallMs)} = ${figures.ratioToBound.toFixed(2)} × bound, ${figures.maxInFlight} in flight`,
      target: `≤ ${TARGETS.refreshToBoundRatio} × bound`,
      status: statusOf(figures.ratioToBound <= TARGETS.refreshToBoundRatio),
    })),
    {
      measure: `   requests in flight, first load of ${sizes.projects} expanded projects`,
      result: String(byDefault.firstLoadMaxInFlight),
      target: `≤ ${DEFAULT_CONCURRENCY} (the default setting)`,
      status: statusOf(byDefault.firstLoadMaxInFlight <= DEFAULT_CONCURRENCY),
    },

    heading('2. AWS CLI v2, same data'),
    cli
      ? {
        measure: `   ${cli.version}, one call after another, vs default setting`,
        result: `${formatMs(median(measurements.cliRunsMs))} = ${cliToExtensionRatio} × refresh`,
        target: `≥ ${TARGETS.cliToExtensionRatio} ×`,
        status: statusOf((cliToExtensionRatio ?? 0) >= TARGETS.cliToExtensionRatio),
      }
      : { measure: '   skipped', result: typeof cliFound === 'string' ? cliFound : '', target: `≥ ${TARGETS.cliToExtensionRatio} ×`, status: '' },

    {
      measure: '3. Requests per refresh',
      result: `${byDefault.requests} (pages needed ${measurements.pages}, ${Math.max(...refresh.map(figures => figures.repeatedPages))} repeated)`,
      target: 'exactly the pages',
      status: statusOf(requestsExact),
    },

    heading('4. Time to first rows, refresh at the default setting'),
    { measure: '   project list complete', result: formatMs(byDefault.projectsReadyMs), target: '', status: '' },
    { measure: '   first new session rows shown (list complete)', result: formatMs(byDefault.firstSessionsVisibleMs), target: '', status: '' },
    { measure: '   first sessions page received, not shown yet', result: formatMs(byDefault.firstSessionsPageArrivedMs), target: '', status: '' },
    { measure: '   first load: first sessions page shown', result: formatMs(coldLoad.firstSessionsPageMs), target: '', status: '' },

    heading('5. Size and activation'),
    { measure: '   dist/extension.js, minified', result: formatBytes(packaged.bundleBytes), target: '≤ 1 MB', status: statusOf(packaged.bundleBytes <= TARGETS.bundleBytes) },
    { measure: '   VSIX', result: formatBytes(packaged.vsixBytes), target: '≤ 1.5 MB', status: statusOf(packaged.vsixBytes <= TARGETS.vsixBytes) },
    {
      measure: `   load + activate(), Node with a vscode stand-in, median of ${sizes.activationRuns}`,
      result: formatMs(activation.medianMs),
      target: `≤ ${TARGETS.activationMs} ms`,
      status: statusOf(activation.medianMs <= TARGETS.activationMs),
    },

    heading('6. Memory'),
    {
      measure: `   heap growth, model holding ${heap.sessions} sessions in ${heap.projects} projects`,
      result: `${heapMb(heap)} MB`,
      target: `≤ ${TARGETS.heapMb} MB`,
      status: statusOf(heapMb(heap) <= TARGETS.heapMb),
    },

    heading(`7. Growth, default setting, ${sizes.projects} projects`, 'linear in pages', statusOf(growthIsLinear(growth))),
    ...growth.map(figures => ({
      measure: `   ${describeSessions(figures.sessionsPerProject)} per project`,
      result: `${formatMs(figures.wallMs)}, ${figures.requests} requests (${figures.pagesNeeded} pages, ${figures.scheduledPages} on the critical path)`,
      target: '',
      status: '' as const,
    })),
  ];
}

/** Builds bench-results.json: the figures the issue names at the top, the rest under `details`. */
export function resultsFile(measurements: Measurements): Record<string, unknown> {
  const { sizes, refresh, packaged, activation, heap, cli, cliFound, coldLoad, growth, argv } = measurements;
  const byDefault = refresh[0];
  const allAtOnceIndex = Math.max(0, refresh.findIndex(figures => figures.concurrency >= sizes.projects && figures.requestLimit === null));

  return {
    refreshToBoundRatio: byDefault.ratioToBound,
    cliToExtensionRatio: cliRatio(measurements, 0),
    requestsPerRefresh: byDefault.requests,
    pagesNeeded: measurements.pages,
    firstProjectsMs: byDefault.projectsReadyMs,
    firstSessionsPageMs: byDefault.firstSessionsVisibleMs,
    bundleBytes: packaged.bundleBytes,
    vsixBytes: packaged.vsixBytes,
    activationMs: round(activation.medianMs),
    heapMbFor10kSessions: heapMb(heap),
    growth: growth.map(figures => ({ sessionsPerProject: figures.sessionsPerProject, wallMs: figures.wallMs, requests: figures.requests })),
    details: {
      quick: measurements.quick,
      command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
      date: measurements.startedAt.toISOString(),
      machine: {
        ...describeMachine(),
        loadAverageBefore: measurements.loadBefore.map(value => round(value, 2)),
        loadAverageAfter: os.loadavg().map(value => round(value, 2)),
      },
      sizes,
      targets: TARGETS,
      refreshToBoundRatioAllAtOnce: refresh[allAtOnceIndex].ratioToBound,
      refresh,
      awsCli: cli
        ? {
          version: cli.version,
          path: cli.path,
          runsMs: measurements.cliRunsMs.map(value => round(value)),
          medianMs: round(median(measurements.cliRunsMs)),
          ratioToAllAtOnce: cliRatio(measurements, allAtOnceIndex),
        }
        : { skipped: cliFound },
      firstRows: {
        projectsReadyMs: byDefault.projectsReadyMs,
        firstSessionsVisibleMs: byDefault.firstSessionsVisibleMs,
        lastSessionsVisibleMs: byDefault.lastSessionsVisibleMs,
        firstSessionsPageArrivedMs: byDefault.firstSessionsPageArrivedMs,
        coldLoad: {
          projectsMs: round(coldLoad.projectsMs),
          firstSessionsPageMs: round(coldLoad.firstSessionsPageMs),
          allSessionsMs: round(coldLoad.allSessionsMs),
        },
      },
      activation: {
        host: 'Node with a vscode stand-in (scripts/bench/vscodeStub.cjs), not the VS Code extension host',
        medianMs: round(activation.medianMs),
        medianLoadMs: round(activation.medianLoadMs),
        runsMs: activation.runs.map(value => round(value)),
      },
      heap,
      growth: { linear: growthIsLinear(growth), tolerance: TARGETS.growthTolerance, sizes: growth },
      processWarnings: Object.fromEntries(measurements.warnings),
    },
  };
}
