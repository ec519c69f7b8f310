// Bundles the extension into dist/extension.js. `--production` minifies and
// drops source maps; `--watch` rebuilds on change; `--integration` also
// bundles the in-host integration tests into out/integration/.
import * as fs from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const integration = process.argv.includes('--integration');

const extension = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
};

const integrationTests = {
  entryPoints: [
    'test/integration/index.ts',
    ...fs.readdirSync('test/integration').filter(name => name.endsWith('.test.ts')).map(name => `test/integration/${name}`),
  ],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: 'out/integration',
  // mocha stays a runtime require from node_modules: it loads test files by path.
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
};

if (watch) {
  const context = await esbuild.context(extension);
  await context.watch();
} else {
  await esbuild.build(extension);
  if (integration) {
    fs.rmSync('out/integration', { recursive: true, force: true });
    await esbuild.build(integrationTests);
  }
}
