// Bundles the widget loader, the widget's call UI and the agent console into dist/.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const distDir = `${root}dist`;
/** The call UI's lazily loaded parts (a conversation's real-time text, annotations and files) are `dist/widget-chunk-<hash>.js`. */
export const widgetChunkPrefix = 'widget-chunk-';

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

/**
 * The console's headers on every host. It runs only its own script and talks
 * only to its own origin, so text a visitor sends that slips past escaping
 * still cannot run as script or send an agent's token elsewhere; and no other
 * site may frame it, so none can trick an agent into clicking its buttons.
 * Its one inline `<style>` needs `'unsafe-inline'` for styles only.
 */
export const consoleHeaders = {
  'Content-Security-Policy': [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Frame-Options': 'DENY',
};

// Workers assets read these headers; customers' pages load the widget from
// other origins, as a classic script and as modules (which need CORS). Chunks
// are named by their content, so they may be cached for good.
const assetHeaders = [
  ...['/widget.js', '/widget-ui.js'].map((path) => `${path}\n  Access-Control-Allow-Origin: *\n  Cache-Control: public, max-age=300\n`),
  `/${widgetChunkPrefix}*\n  Access-Control-Allow-Origin: *\n  Cache-Control: public, max-age=31536000, immutable\n`,
  `/console/*\n${Object.entries(consoleHeaders).map(([name, value]) => `  ${name}: ${value}\n`).join('')}`,
].join('');

/**
 * Builds every browser bundle into dist/.
 * @example await buildAll();
 */
export async function buildAll(): Promise<void> {
  await mkdir(`${distDir}/console`, { recursive: true });
  // Chunks of an earlier build would pile up under new hashes.
  for (const name of await readdir(distDir)) if (name.startsWith(widgetChunkPrefix)) await rm(`${distDir}/${name}`);
  await Promise.all([
    esbuild.build({ ...shared, entryPoints: ['widget/src/loader.ts'], outfile: `${distDir}/widget.js`, format: 'iife' }),
    esbuild.build({
      ...shared,
      entryPoints: { 'widget-ui': 'widget/src/ui/index.tsx' },
      outdir: distDir,
      format: 'esm',
      splitting: true,
      chunkNames: `${widgetChunkPrefix}[hash]`,
    }),
    esbuild.build({ ...shared, entryPoints: ['agent-console/src/main.tsx'], outfile: `${distDir}/console/app.js`, format: 'esm' }),
    copyFile(`${root}agent-console/index.html`, `${distDir}/console/index.html`),
    writeFile(`${distDir}/_headers`, assetHeaders),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAll();
