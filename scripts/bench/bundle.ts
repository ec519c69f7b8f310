// Builds the production bundle and the VSIX with the project's own
// `npm run package`, in a temporary copy of the repository, so the benchmark
// never overwrites dist/ or build/ while another build or test uses them.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Top-level entries that are not sources: installed packages, history and earlier outputs. */
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', 'build', 'out', '.test-output', 'bench-results.json']);

export interface PackagedExtension {
  /** The temporary copy; remove it with `removePackagedCopy`. */
  directory: string;
  bundlePath: string;
  bundleBytes: number;
  vsixPath: string;
  vsixBytes: number;
}

export function packageExtension(repositoryRoot: string): PackagedExtension {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'device-farm-bench-package-'));
  fs.cpSync(repositoryRoot, directory, {
    recursive: true,
    filter: source => !NOT_COPIED.has(path.relative(repositoryRoot, source).split(path.sep)[0]),
  });
  fs.symlinkSync(path.join(repositoryRoot, 'node_modules'), path.join(directory, 'node_modules'), 'dir');

  const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: directory, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`"npm run package" failed in ${directory} (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  const bundlePath = path.join(directory, 'dist', 'extension.js');
  const vsixPath = path.join(directory, 'build', 'device-farm-explorer.vsix');
  return {
    directory,
    bundlePath,
    bundleBytes: fs.statSync(bundlePath).size,
    vsixPath,
    vsixBytes: fs.statSync(vsixPath).size,
  };
}

export function removePackagedCopy(packaged: PackagedExtension): void {
  fs.rmSync(packaged.directory, { recursive: true, force: true });
}
