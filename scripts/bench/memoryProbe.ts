// Measures the heap the explorer model needs for every session of every
// project, in a fresh process started with --expose-gc. Prints one JSON line:
// {"heapBytes": N, "sessions": N, "projects": N}.
// Usage: node --expose-gc --import tsx memoryProbe.ts EMULATOR_URL
import { createConnection, type DeviceFarmConnection } from '../../src/deviceFarm/client';
import { ExplorerModel } from '../../src/tree/model';
import { silentLogger } from '../../test/support/connection';

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    throw new Error('global.gc is missing: run this probe with node --expose-gc.');
  }
  // Two passes, so objects freed by finalizers of the first pass go too.
  gc();
  gc();
}

async function loadEverything(connection: DeviceFarmConnection): Promise<ExplorerModel> {
  const model = new ExplorerModel(() => connection);
  await model.loadProjects();
  await Promise.all(model.projects.items.map(project => model.loadSessions(project.arn ?? '')));
  return model;
}

/** Runs one full load and drops it, so the SDK's lazily loaded code and caches are not counted. */
async function warmUp(connection: DeviceFarmConnection): Promise<void> {
  const model = new ExplorerModel(() => connection);
  await model.loadProjects();
  await model.loadSessions(model.projects.items[0]?.arn ?? '');
  model.dispose();
}

async function main(): Promise<void> {
  const endpoint = process.argv[2];
  if (!endpoint) {
    throw new Error('Usage: node --expose-gc --import tsx memoryProbe.ts EMULATOR_URL');
  }
  const connection = createConnection({ endpoint }, silentLogger);
  await warmUp(connection);

  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const model = await loadEverything(connection);
  collectGarbage();
  const after = process.memoryUsage().heapUsed;

  const sessions = model.loadedSessions().length;
  const failed = [model.projects, ...model.projects.items.map(project => model.sessionsOf(project.arn ?? ''))]
    .filter(list => list?.status !== 'complete');
  if (failed.length > 0) {
    throw new Error(`${failed.length} lists did not load completely, so the heap figure would be meaningless.`);
  }
  process.stdout.write(`${JSON.stringify({ heapBytes: after - before, sessions, projects: model.projects.items.length })}\n`);
  model.dispose();
  connection.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
