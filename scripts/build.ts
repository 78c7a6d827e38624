// Bundles the widget loader, the widget's call UI and the agent console into dist/.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const distDir = `${root}dist`;

const shared: esbuild.BuildOptions = {
  bundle: true,
  minify: true,
  target: 'es2022',
  legalComments: 'none',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  absWorkingDir: root,
};

// Workers assets read these headers; customers' pages load the widget from
// other origins, as a classic script and as a module (which needs CORS).
const assetHeaders = ['/widget.js', '/widget-ui.js']
  .map((path) => `${path}\n  Access-Control-Allow-Origin: *\n  Cache-Control: public, max-age=300\n`)
  .join('');

/**
 * Builds every browser bundle into dist/.
 * @example await buildAll();
 */
export async function buildAll(): Promise<void> {
  await mkdir(`${distDir}/console`, { recursive: true });
  await Promise.all([
    esbuild.build({ ...shared, entryPoints: ['widget/src/loader.ts'], outfile: `${distDir}/widget.js`, format: 'iife' }),
    esbuild.build({ ...shared, entryPoints: ['widget/src/ui/index.tsx'], outfile: `${distDir}/widget-ui.js`, format: 'esm' }),
    esbuild.build({ ...shared, entryPoints: ['agent-console/src/main.tsx'], outfile: `${distDir}/console/app.js`, format: 'esm' }),
    copyFile(`${root}agent-console/index.html`, `${distDir}/console/index.html`),
    writeFile(`${distDir}/_headers`, assetHeaders),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAll();
