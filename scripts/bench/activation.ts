// Times loading the bundled extension plus activate() in fresh Node
// processes, with the `vscode` stand-in from vscodeStub.cjs.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { median } from './stats';

const PROBE = path.join(__dirname, 'activationProbe.cjs');

export interface ActivationTimes {
  /** Median of load plus activate(), in ms. */
  medianMs: number;
  /** Median of loading the bundle alone, in ms. */
  medianLoadMs: number;
  runs: number[];
}

export function measureActivation(bundlePath: string, extensionDirectory: string, runs: number, env: NodeJS.ProcessEnv): ActivationTimes {
  const totals: number[] = [];
  const loads: number[] = [];
  for (let run = 0; run < runs; run++) {
    const result = spawnSync(process.execPath, [PROBE, bundlePath, extensionDirectory], { encoding: 'utf8', env });
    if (result.status !== 0) {
      throw new Error(`The activation probe failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
    }
    const times = JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as { loadMs: number; totalMs: number };
    totals.push(times.totalMs);
    loads.push(times.loadMs);
  }
  return { medianMs: median(totals), medianLoadMs: median(loads), runs: totals };
}
