// The pages and bundles the Node host serves next to the API: the widget
// script, the agent console and the demo support page.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { Hono } from 'hono';
import { compress } from 'hono/compress';
import { consoleHeaders } from '../../../../scripts/build.ts';

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

/**
 * Adds the static routes to the app.
 * @example serveSite(app, { distDir: './dist', demoPage: './widget/demo/index.html' });
 */
export function serveSite(app: Hono, paths: { distDir: string; demoPage: string }): void {
  const file = async (path: string, headers: Record<string, string> = {}) => {
    const body = await readFile(path).catch(() => null);
    if (!body) return new Response('Not found', { status: 404 });
    return new Response(body, { headers: { 'Content-Type': types[extname(path)] ?? 'application/octet-stream', ...headers } });
  };
  // Customers' pages load the widget from other origins, as a classic script and as a module.
  const widgetHeaders = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300' };

  // The bundles go out compressed, as a CDN or Workers would send them.
  for (const path of ['/widget.js', '/widget-ui.js', '/widget-chunk-*', '/console/*', '/demo/']) app.use(path, compress());
  app.get('/', (c) => c.redirect('/demo/'));
  // Browsers ask every page's origin for one; the demo has none, and a 404 would show in its console on every load.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/widget.js', () => file(join(paths.distDir, 'widget.js'), widgetHeaders));
  app.get('/widget-ui.js', () => file(join(paths.distDir, 'widget-ui.js'), widgetHeaders));
  // The call UI's lazily loaded parts, named by their content.
  app.get('/:chunk{widget-chunk-[A-Za-z0-9]+\\.js}', (c) =>
    file(join(paths.distDir, c.req.param('chunk')), { ...widgetHeaders, 'Cache-Control': 'public, max-age=31536000, immutable' }),
  );
  app.get('/demo', (c) => c.redirect('/demo/'));
  app.get('/demo/', async (c) => {
    const page = await readFile(paths.demoPage, 'utf8');
    return c.html(page.replaceAll('{{ORIGIN}}', new URL(c.req.url).origin));
  });
  app.get('/console', (c) => c.redirect('/console/'));
  app.get('/console/', () => file(join(paths.distDir, 'console', 'index.html'), { ...consoleHeaders, 'Cache-Control': 'no-cache' }));
  app.get('/console/:name{[A-Za-z0-9._-]+}', (c) => {
    const name = normalize(c.req.param('name'));
    return file(join(paths.distDir, 'console', name), { ...consoleHeaders, 'Cache-Control': 'no-cache' });
  });
}
