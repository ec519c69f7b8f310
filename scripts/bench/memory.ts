// Starts an emulator with the given number of sessions and runs memoryProbe.ts
// against it in a fresh process, so nothing else on the benchmark's heap is counted.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { EmulatorProcess } from './emulatorProcess';

export interface HeapMeasurement {
  heapBytes: number;
  sessions: number;
  projects: number;
}

const PROBE = path.join(__dirname, 'memoryProbe.ts');

/**
 * Measures the heap growth of a model holding `projects × sessionsPerProject`
 * sessions. The emulator serves 100 items a page with no latency, because
 * only the final heap matters here.
 */
export async function measureModelHeap(repositoryRoot: string, projects: number, sessionsPerProject: number): Promise<HeapMeasurement> {
  const emulator = await EmulatorProcess.start({ projects, sessionsPerProject, pageSize: 100, latencyMs: 0 });
  try {
    const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', PROBE, emulator.url], {
      cwd: repositoryRoot,
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      throw new Error(`The memory probe failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
    }
    const measurement = JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as HeapMeasurement;
    const expected = emulator.projects.reduce((sum, project) => sum + project.sessionCount, 0);
    if (measurement.sessions !== expected) {
      throw new Error(`The memory probe loaded ${measurement.sessions} of ${expected} sessions.`);
    }
    return measurement;
  } finally {
    await emulator.stop();
  }
}
