// Turns the benchmark's measurements into the printed table and the
// bench-results.json object, and checks each figure against its target.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ActivationTimes } from './activation';
import type { AwsCli } from './awsCli';
import type { PackagedExtension } from './bundle';
import type { HeapMeasurement } from './memory';
import type { ColdLoad, FirstLoadInFlight, RefreshRun } from './refresh';
import { formatBytes, formatMs, statusOf, type Row } from './report';
import { median, round } from './stats';

/** `deviceFarm.maxConcurrentRequests` as package.json declares it: the cap on page requests in flight across every list. */
export interface RequestSetting {
  default: number;
  minimum: number;
  maximum: number;
}

/** Reads the setting's default and range from package.json, so the benchmark follows the manifest. */
function readRequestSetting(): RequestSetting {
  const manifestPath = path.resolve(__dirname, '..', '..', 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
    contributes?: { configuration?: { properties?: Record<string, Partial<RequestSetting>> } };
  };
  const declared = manifest.contributes?.configuration?.properties?.['deviceFarm.maxConcurrentRequests'];
  const setting = { default: declared?.default, minimum: declared?.minimum, maximum: declared?.maximum };
  if (!Object.values(setting).every(value => Number.isInteger(value))) {
    throw new Error(`${manifestPath} declares deviceFarm.maxConcurrentRequests without an integer default, minimum and maximum: ${JSON.stringify(declared)}.`);
  }
  return setting as RequestSetting;
}

export const REQUEST_SETTING = readRequestSetting();
/** The default of `deviceFarm.maxConcurrentRequests`: page requests in flight at once. */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = REQUEST_SETTING.default;
/** The maximum package.json allows for `deviceFarm.maxConcurrentRequests`. */
export const SETTING_MAXIMUM = REQUEST_SETTING.maximum;
/** A setting below the number of projects, so the refresh must queue requests and the limit can be checked. */
export const LOW_SETTING = 4;

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

/**
 * One refresh configuration's figures: each field of `RefreshRun` is the
 * median over the timed runs, except the in-flight counts and repeated pages,
 * which are the maximum, and `requestsMatchPages`, true only when every run matched.
 */
export interface RefreshFigures extends RefreshRun {
  label: string;
  /** The `maxConcurrentRequests` the model got. */
  maxConcurrentRequests: number;
  /** Sequential bound, the target's reference (`sequentialBoundPages` latencies): the project list, then the longest session chain, in ms. */
  boundMs: number;
  ratioToBound: number;
  /** Lower bound at this configuration's request limit when every list starts at once (`requestLimitedPages` latencies), in ms. */
  limitBoundMs: number;
  ratioToLimitBound: number;
  /** The maximum number of requests in flight while every project was first loaded (loadSessions for each, at once). */
  firstLoadMaxInFlight: FirstLoadInFlight;
  runsMs: number[];
}

export interface GrowthFigures {
  sessionsPerProject: number;
  wallMs: number;
  /** Median CPU time of the benchmark process during a refresh, in ms. */
  cpuMs: number;
  requests: number;
  pagesNeeded: number;
  /** Lower bound at the default setting when every list starts at once, in latencies (`requestLimitedPages`). */
  boundPages: number;
  requestsMatchPages: boolean;
}

/** Everything one benchmark run measured. The first refresh configuration is the default setting, the second `LOW_SETTING`. */
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
 * `growthTolerance` times as fast as the latencies of the bound.
 */
export function growthIsLinear(growth: GrowthFigures[]): boolean {
  return growth.every((figures, index) => {
    if (!figures.requestsMatchPages || figures.requests !== figures.pagesNeeded) {
      return false;
    }
    const previous = growth[index - 1];
    return previous === undefined ||
      figures.wallMs / previous.wallMs <= TARGETS.growthTolerance * (figures.boundPages / previous.boundPages);
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

/** Returns the maximum number of requests in flight in a configuration's first load and timed refreshes, by either count. */
function maxInFlightOf(figures: RefreshFigures): number {
  return Math.max(figures.maxInFlight, figures.emulatorMaxInFlight, figures.firstLoadMaxInFlight.client, figures.firstLoadMaxInFlight.emulator);
}

function describeInFlight(client: number, emulator: number): string {
  return `${client} (emulator: ${emulator})`;
}

function refreshRows(measurements: Measurements): Row[] {
  const { sizes, refresh } = measurements;
  const [byDefault, low] = refresh;
  const firstLoadMax = Math.max(byDefault.firstLoadMaxInFlight.client, byDefault.firstLoadMaxInFlight.emulator);
  const rows: Row[] = [
    heading(`1. Refresh, ${sizes.projects} expanded projects × ${describeSessions(sizes.sessionsPerProject)} (sequential bound ${formatMs(byDefault.boundMs)}: project list, then sessions)`),
    {
      measure: `   ${byDefault.label}`,
      result: `${formatMs(byDefault.wallMs)} = ${byDefault.ratioToBound.toFixed(3)} × bound (${byDefault.ratioToLimitBound.toFixed(2)} × the ${formatMs(byDefault.limitBoundMs)} lower bound of lists started at once), ${byDefault.maxInFlight} in flight, CPU ${formatMs(byDefault.cpuMs)}`,
      target: `≤ ${TARGETS.refreshToBoundRatio} × bound`,
      status: statusOf(byDefault.wallMs <= TARGETS.refreshToBoundRatio * byDefault.boundMs),
    },
    {
      measure: `   requests in flight, first load, ${byDefault.label}`,
      result: describeInFlight(byDefault.firstLoadMaxInFlight.client, byDefault.firstLoadMaxInFlight.emulator),
      target: `≤ ${DEFAULT_MAX_CONCURRENT_REQUESTS} (the default setting)`,
      status: statusOf(firstLoadMax <= DEFAULT_MAX_CONCURRENT_REQUESTS),
    },
  ];
  if (low) {
    rows.push(
      {
        measure: `   ${low.label}`,
        result: `${formatMs(low.wallMs)} = ${low.ratioToLimitBound.toFixed(2)} × its bound of ${formatMs(low.limitBoundMs)}, ${low.ratioToBound.toFixed(2)} × the bound`,
        target: '',
        status: '',
      },
      {
        measure: `   requests in flight, ${low.label}, first load and refresh`,
        result: describeInFlight(Math.max(low.maxInFlight, low.firstLoadMaxInFlight.client), Math.max(low.emulatorMaxInFlight, low.firstLoadMaxInFlight.emulator)),
        target: `≤ ${low.maxConcurrentRequests}`,
        status: statusOf(maxInFlightOf(low) <= low.maxConcurrentRequests),
      },
    );
  }
  return rows;
}

export function tableRows(measurements: Measurements): Row[] {
  const { sizes, refresh, packaged, activation, heap, cli, cliFound, coldLoad, growth } = measurements;
  const byDefault = refresh[0];
  const cliToExtensionRatio = cliRatio(measurements, 0);
  const requestsExact = refresh.every(figures => figures.requestsMatchPages && figures.repeatedPages === 0);

  return [
    ...refreshRows(measurements),

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
      measure: '3. Requests per refresh, every setting',
      result: `${byDefault.requests} (pages needed ${measurements.pages}, ${Math.max(...refresh.map(figures => figures.repeatedPages))} repeated)`,
      target: 'exactly the pages',
      status: statusOf(requestsExact),
    },

    heading('4. Time to first rows, refresh at the default setting'),
    { measure: '   project list complete', result: formatMs(byDefault.projectsReadyMs), target: '', status: '' },
    { measure: '   first session page received', result: formatMs(byDefault.firstSessionsPageArrivedMs), target: '', status: '' },
    { measure: '   first new session rows shown', result: formatMs(byDefault.firstSessionsVisibleMs), target: '', status: '' },
    { measure: '   new session rows shown in every project', result: formatMs(byDefault.lastSessionsVisibleMs), target: '', status: '' },
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
      result: `${formatMs(figures.wallMs)}, CPU ${formatMs(figures.cpuMs)}, ${figures.requests} requests (${figures.pagesNeeded} pages, ${figures.boundPages} in a row at least)`,
      target: '',
      status: '' as const,
    })),
  ];
}

/** Builds bench-results.json: the figures the issue names at the top, the rest under `details`. */
export function resultsFile(measurements: Measurements): Record<string, unknown> {
  const { sizes, refresh, packaged, activation, heap, cli, cliFound, coldLoad, growth, argv } = measurements;
  const [byDefault, low] = refresh;

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
      maxConcurrentRequestsSetting: REQUEST_SETTING,
      refresh,
      lowSetting: low
        ? { maxConcurrentRequests: low.maxConcurrentRequests, maxInFlight: maxInFlightOf(low), withinLimit: maxInFlightOf(low) <= low.maxConcurrentRequests }
        : null,
      awsCli: cli
        ? {
          version: cli.version,
          path: cli.path,
          runsMs: measurements.cliRunsMs.map(value => round(value)),
          medianMs: round(median(measurements.cliRunsMs)),
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
