// `npm run bench`: measures how fast the explorer fills and how light it is,
// against the local emulator with a fixed latency per request, and compares a
// refresh with the AWS CLI v2 reading the same data. Prints a table and writes
// bench-results.json at the repository root. docs/benchmarks.md records the
// figures and how to read them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isolateProcessFromAws } from '../../test/support/awsEnvironment';
import { measureActivation, type ActivationTimes } from './activation';
import { findAwsCliV2, timeAwsCliRead, type AwsCli } from './awsCli';
import { sequentialBoundPages, pagesNeeded, requestLimitedPages } from './bounds';
import { packageExtension, removePackagedCopy } from './bundle';
import { EmulatorProcess } from './emulatorProcess';
import { measureModelHeap } from './memory';
import { measureColdLoad, RefreshBench, type ColdLoad, type RefreshRun } from './refresh';
import { formatTable } from './report';
import { median, round } from './stats';
import {
  DEFAULT_MAX_CONCURRENT_REQUESTS, describeMachine, describeSessions, LOW_SETTING, resultsFile, tableRows,
  type GrowthFigures, type Measurements, type RefreshFigures, type Sizes,
} from './summary';

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
const RESULTS_FILE = path.join(REPOSITORY_ROOT, 'bench-results.json');

const FULL: Sizes = {
  projects: 20,
  sessionsPerProject: 100,
  pageSize: 20,
  latencyMs: 30,
  runs: 5,
  warmUpRuns: 2,
  activationRuns: 20,
  growthSessionsPerProject: [1, 10, 100, 1000],
  growthRuns: 3,
  heapProjects: 10,
  heapSessionsPerProject: 1000,
};

/**
 * Small sizes for CI, which only checks that the harness still runs. Figures at
 * these sizes are not comparable with the targets. With more projects than
 * `LOW_SETTING` and two pages of projects, the request limit and project
 * paging still run.
 */
const QUICK: Sizes = {
  projects: 8,
  sessionsPerProject: 10,
  pageSize: 5,
  latencyMs: 10,
  runs: 1,
  warmUpRuns: 1,
  activationRuns: 3,
  growthSessionsPerProject: [1, 10, 100],
  growthRuns: 1,
  heapProjects: 10,
  heapSessionsPerProject: 1000,
};

const HELP = `Usage: npm run bench -- [options]
  --quick       small sizes and single runs (about 15 s), to check that the harness works
  --runs N      timed refreshes per setting, each paired with one AWS CLI read (default 5)
  --aws PATH    the AWS CLI v2 to compare with (default /usr/bin/aws); a missing CLI skips that row
Writes bench-results.json at the repository root.`;

interface RefreshConfiguration {
  label: string;
  /** The model's `maxConcurrentRequests`: page requests in flight at once, across every list. */
  maxConcurrentRequests: number;
}

/** The settings each refresh round runs, the default first, as `Measurements.refresh` expects. */
const REFRESH_CONFIGURATIONS: RefreshConfiguration[] = [
  { label: `default setting, ${DEFAULT_MAX_CONCURRENT_REQUESTS} requests at a time`, maxConcurrentRequests: DEFAULT_MAX_CONCURRENT_REQUESTS },
  { label: `setting ${LOW_SETTING}, ${LOW_SETTING} requests at a time`, maxConcurrentRequests: LOW_SETTING },
];

function readOptions(): { sizes: Sizes; quick: boolean; awsPath: string; argv: string[] } {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      aws: { type: 'string', default: '/usr/bin/aws' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const sizes = { ...(values.quick ? QUICK : FULL) };
  if (values.runs !== undefined) {
    const runs = Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1) {
      console.error(`Invalid --runs ${values.runs}: expected a whole number of at least 1.\n\n${HELP}`);
      process.exit(2);
    }
    sizes.runs = runs;
  }
  return { sizes, quick: values.quick, awsPath: values.aws, argv };
}

/**
 * Runs every refresh configuration and the AWS CLI in turns, one of each per
 * round, so each ratio compares runs made under the same machine load.
 */
async function measureRefreshAndCli(sizes: Sizes, cli: AwsCli | undefined): Promise<{ refresh: RefreshFigures[]; cliRunsMs: number[]; pairedRuns: RefreshRun[][]; coldLoad: ColdLoad; pages: number }> {
  const emulator = await EmulatorProcess.start({
    projects: sizes.projects,
    sessionsPerProject: sizes.sessionsPerProject,
    pageSize: sizes.pageSize,
    latencyMs: 0,
  });
  const configurations = REFRESH_CONFIGURATIONS;
  const benches = configurations.map(configuration => new RefreshBench(emulator, {
    maxConcurrentRequests: configuration.maxConcurrentRequests,
    latencyMs: sizes.latencyMs,
  }));
  try {
    for (const bench of benches) {
      await bench.expandAll();
      for (let run = 0; run < sizes.warmUpRuns; run++) {
        await bench.run();
      }
    }

    const pairedRuns: RefreshRun[][] = configurations.map(() => []);
    const cliRunsMs: number[] = [];
    for (let round = 0; round < sizes.runs; round++) {
      for (const [index, bench] of benches.entries()) {
        pairedRuns[index].push(await bench.run());
      }
      if (cli) {
        await emulator.setLatency(sizes.latencyMs);
        cliRunsMs.push(timeAwsCliRead(cli, emulator));
        await emulator.takeRequests();
      }
      process.stdout.write(`  round ${round + 1} of ${sizes.runs} done\n`);
    }

    const boundMs = sequentialBoundPages(emulator.projects, sizes.pageSize) * sizes.latencyMs;
    const refresh = configurations.map((configuration, index): RefreshFigures => {
      const runs = pairedRuns[index];
      const wallMs = median(runs.map(run => run.wallMs));
      const limitBoundMs = requestLimitedPages(emulator.projects, sizes.pageSize, configuration.maxConcurrentRequests) * sizes.latencyMs;
      return {
        label: configuration.label,
        maxConcurrentRequests: configuration.maxConcurrentRequests,
        wallMs: round(wallMs),
        boundMs,
        // Three decimals, so a ratio just above the 1.2 target does not print as 1.20.
        ratioToBound: round(wallMs / boundMs, 3),
        limitBoundMs,
        ratioToLimitBound: round(wallMs / limitBoundMs, 3),
        projectsReadyMs: round(median(runs.map(run => run.projectsReadyMs))),
        firstSessionsVisibleMs: round(median(runs.map(run => run.firstSessionsVisibleMs))),
        lastSessionsVisibleMs: round(median(runs.map(run => run.lastSessionsVisibleMs))),
        firstSessionsPageArrivedMs: round(median(runs.map(run => run.firstSessionsPageArrivedMs))),
        requests: median(runs.map(run => run.requests)),
        repeatedPages: Math.max(...runs.map(run => run.repeatedPages)),
        requestsMatchPages: runs.every(run => run.requestsMatchPages && run.requests === benches[index].pagesNeeded),
        maxInFlight: Math.max(...runs.map(run => run.maxInFlight)),
        emulatorMaxInFlight: Math.max(...runs.map(run => run.emulatorMaxInFlight)),
        firstLoadMaxInFlight: benches[index].firstLoadInFlight,
        cpuMs: round(median(runs.map(run => run.cpuMs))),
        runsMs: runs.map(run => round(run.wallMs)),
      };
    });
    const coldLoad = await measureColdLoad(emulator, sizes.latencyMs, DEFAULT_MAX_CONCURRENT_REQUESTS);
    return { refresh, cliRunsMs, pairedRuns, coldLoad, pages: pagesNeeded(emulator.projects, sizes.pageSize) };
  } finally {
    for (const bench of benches) {
      bench.dispose();
    }
    await emulator.stop();
  }
}

async function measureGrowth(sizes: Sizes): Promise<GrowthFigures[]> {
  const figures: GrowthFigures[] = [];
  for (const sessionsPerProject of sizes.growthSessionsPerProject) {
    const emulator = await EmulatorProcess.start({ projects: sizes.projects, sessionsPerProject, pageSize: sizes.pageSize, latencyMs: 0 });
    const bench = new RefreshBench(emulator, { maxConcurrentRequests: DEFAULT_MAX_CONCURRENT_REQUESTS, latencyMs: sizes.latencyMs });
    try {
      await bench.expandAll();
      const runs: RefreshRun[] = [];
      for (let run = 0; run < sizes.growthRuns; run++) {
        runs.push(await bench.run());
      }
      figures.push({
        sessionsPerProject,
        wallMs: round(median(runs.map(run => run.wallMs))),
        cpuMs: round(median(runs.map(run => run.cpuMs))),
        requests: median(runs.map(run => run.requests)),
        pagesNeeded: pagesNeeded(emulator.projects, sizes.pageSize),
        boundPages: requestLimitedPages(emulator.projects, sizes.pageSize, DEFAULT_MAX_CONCURRENT_REQUESTS),
        requestsMatchPages: runs.every(run => run.requestsMatchPages && run.repeatedPages === 0),
      });
      process.stdout.write(`  ${describeSessions(sessionsPerProject)} per project done\n`);
    } finally {
      bench.dispose();
      await emulator.stop();
    }
  }
  return figures;
}

/**
 * Prints each distinct process warning once instead of once per refresh, and
 * counts them for the results file.
 */
function collectWarnings(): Map<string, number> {
  const counts = new Map<string, number>();
  process.removeAllListeners('warning');
  process.on('warning', warning => {
    const key = `${warning.name}: ${warning.message.split('\n')[0]}`;
    if (!counts.has(key)) {
      console.warn(`(process warning, shown once) ${key}`);
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return counts;
}

async function main(): Promise<void> {
  const { sizes, quick, awsPath, argv } = readOptions();
  const awsFiles = isolateProcessFromAws();
  try {
    await runBenchmark(sizes, quick, awsPath, argv);
  } finally {
    fs.rmSync(awsFiles.directory, { recursive: true, force: true });
  }
}

async function runBenchmark(sizes: Sizes, quick: boolean, awsPath: string, argv: string[]): Promise<void> {
  const warnings = collectWarnings();
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  console.log(`Device Farm Explorer benchmark${quick ? ' (quick: sizes too small for the targets)' : ''}, ${describeMachine().cpu}, Node ${process.version}`);

  console.log('Packaging the extension (npm run package, in a temporary copy)');
  const packaged = packageExtension(REPOSITORY_ROOT);
  let activation: ActivationTimes;
  try {
    console.log(`Timing activation in ${sizes.activationRuns} fresh processes`);
    activation = measureActivation(packaged.bundlePath, packaged.directory, sizes.activationRuns, process.env);
  } finally {
    removePackagedCopy(packaged);
  }

  console.log(`Measuring the heap of ${sizes.heapProjects * sizes.heapSessionsPerProject} sessions in the model`);
  const heap = await measureModelHeap(REPOSITORY_ROOT, sizes.heapProjects, sizes.heapSessionsPerProject);

  const cliFound = findAwsCliV2(awsPath);
  const cli = typeof cliFound === 'string' ? undefined : cliFound;
  if (typeof cliFound === 'string') {
    console.log(`AWS CLI row skipped: ${cliFound}.`);
  }
  console.log(`Refreshing ${sizes.projects} projects × ${sizes.sessionsPerProject} sessions, page size ${sizes.pageSize}, ${sizes.latencyMs} ms per request, rounds: ${sizes.runs}${cli ? ` paired with ${cli.version}` : ''}`);
  const { refresh, cliRunsMs, pairedRuns, coldLoad, pages } = await measureRefreshAndCli(sizes, cli);

  console.log(`Growth: ${sizes.growthSessionsPerProject.join(', ')} sessions per project at the default setting`);
  const growth = await measureGrowth(sizes);

  const measurements: Measurements = {
    sizes, quick, argv, startedAt, loadBefore, packaged, activation, heap, cli, cliFound, cliRunsMs, pairedRuns, refresh, coldLoad, pages, growth, warnings,
  };
  console.log(`\n${formatTable(tableRows(measurements))}\n`);
  const results = resultsFile(measurements);
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Wrote ${path.relative(process.cwd(), RESULTS_FILE) || RESULTS_FILE}`);
}

main().catch(error => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
