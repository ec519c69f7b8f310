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
import { criticalPathPages, pagesNeeded, requestLimitedPages, scheduledPages } from './bounds';
import { packageExtension, removePackagedCopy } from './bundle';
import { EmulatorProcess } from './emulatorProcess';
import { measureModelHeap } from './memory';
import { measureColdLoad, RefreshBench, type ColdLoad, type RefreshRun } from './refresh';
import { formatTable } from './report';
import { median, round } from './stats';
import {
  DEFAULT_CONCURRENCY, describeMachine, describeSessions, resultsFile, SETTING_MAXIMUM, tableRows,
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

/** Small sizes for CI, which only checks that the harness still runs. Figures at these sizes say nothing about the targets. */
const QUICK: Sizes = {
  projects: 4,
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
  --quick       small sizes and single runs (about 30 s), to check that the harness works
  --runs N      timed refreshes per configuration, each paired with one AWS CLI read (default 5)
  --aws PATH    the AWS CLI v2 to compare with (default /usr/bin/aws); a missing CLI skips that row
Writes bench-results.json at the repository root.`;

interface RefreshConfiguration {
  label: string;
  /** The model's `maxConcurrentLists`. */
  concurrency: number;
  /** Experiment: the cap on requests in flight across all lists. */
  requestLimit?: number;
}

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

function refreshConfigurations(projects: number): RefreshConfiguration[] {
  const candidates: RefreshConfiguration[] = [
    { label: `default setting (${DEFAULT_CONCURRENCY} projects at a time)`, concurrency: DEFAULT_CONCURRENCY },
    { label: `setting at its maximum (${SETTING_MAXIMUM} projects at a time)`, concurrency: SETTING_MAXIMUM },
    { label: `all ${projects} projects at once (model option)`, concurrency: projects },
    { label: `experiment: all projects started, ${SETTING_MAXIMUM} requests at a time`, concurrency: projects, requestLimit: SETTING_MAXIMUM },
  ];
  // With few projects, several settings read the same way, so only the first of each is kept.
  const seen = new Set<string>();
  return candidates.filter(candidate => {
    const key = `${Math.min(candidate.concurrency, projects)} ${candidate.requestLimit ?? ''}`;
    const isNew = !seen.has(key);
    seen.add(key);
    return isNew;
  });
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
  const configurations = refreshConfigurations(sizes.projects);
  const benches = configurations.map(configuration => new RefreshBench(emulator, {
    concurrency: configuration.concurrency,
    latencyMs: sizes.latencyMs,
    requestLimit: configuration.requestLimit,
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

    const boundMs = criticalPathPages(emulator.projects, sizes.pageSize) * sizes.latencyMs;
    const refresh = configurations.map((configuration, index): RefreshFigures => {
      const runs = pairedRuns[index];
      const wallMs = median(runs.map(run => run.wallMs));
      const scheduled = configuration.requestLimit === undefined
        ? scheduledPages(emulator.projects, sizes.pageSize, configuration.concurrency)
        : requestLimitedPages(emulator.projects, sizes.pageSize, configuration.requestLimit);
      return {
        label: configuration.label,
        concurrency: configuration.concurrency,
        requestLimit: configuration.requestLimit ?? null,
        wallMs: round(wallMs),
        boundMs,
        ratioToBound: round(wallMs / boundMs, 2),
        scheduledMs: scheduled * sizes.latencyMs,
        projectsReadyMs: round(median(runs.map(run => run.projectsReadyMs))),
        firstSessionsVisibleMs: round(median(runs.map(run => run.firstSessionsVisibleMs))),
        lastSessionsVisibleMs: round(median(runs.map(run => run.lastSessionsVisibleMs))),
        firstSessionsPageArrivedMs: round(median(runs.map(run => run.firstSessionsPageArrivedMs))),
        requests: median(runs.map(run => run.requests)),
        repeatedPages: Math.max(...runs.map(run => run.repeatedPages)),
        requestsMatchPages: runs.every(run => run.requestsMatchPages && run.requests === benches[index].pagesNeeded),
        maxInFlight: Math.max(...runs.map(run => run.maxInFlight)),
        firstLoadMaxInFlight: benches[index].expandMaxInFlight,
        runsMs: runs.map(run => round(run.wallMs)),
      };
    });
    const coldLoad = await measureColdLoad(emulator, sizes.latencyMs);
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
    const bench = new RefreshBench(emulator, { concurrency: DEFAULT_CONCURRENCY, latencyMs: sizes.latencyMs });
    try {
      await bench.expandAll();
      const runs: RefreshRun[] = [];
      for (let run = 0; run < sizes.growthRuns; run++) {
        runs.push(await bench.run());
      }
      figures.push({
        sessionsPerProject,
        wallMs: round(median(runs.map(run => run.wallMs))),
        requests: median(runs.map(run => run.requests)),
        pagesNeeded: pagesNeeded(emulator.projects, sizes.pageSize),
        scheduledPages: scheduledPages(emulator.projects, sizes.pageSize, DEFAULT_CONCURRENCY),
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
