// A customer's own website on other origins than Beckon's: one allowed by the
// demo tenant and one that is not. Each serves a support page carrying exactly
// the snippet a customer pastes; `?key=` picks the widget key (`?key=` with none leaves data-key out), `?css=hostile`
// adds page CSS that would break a widget not kept apart from it, and
// `?csp=strict` serves the page under a Content-Security-Policy without
// 'unsafe-inline' and with Trusted Types, as widget-api.md tells customers to write it; `?snippet=twice`
// has the snippet twice in <head>, without async, as a theme and a tag manager
// may both add it; `?queue=` sets the snippet's data-queue, `?color=` its data-color,
// `?identity=` its data-identity (a signed-in customer's identity token, as the site's server would render it).
import { createServer } from 'node:http';
import { allowedSitePort, beckonOrigin, foreignSitePort } from './environment.ts';

// Rules a real site may have that reach the widget's host element, or would reach its insides if they could.
const hostileCss = '* { all: unset; box-sizing: content-box; font-size: 30px } button { display: none }';

// The header of `?csp=strict`: the page's own scripts and styles, and the Beckon host as widget-api.md says.
const strictCsp = `default-src 'self'; script-src 'self' ${beckonOrigin}; style-src 'self'; connect-src 'self' ${beckonOrigin} ${beckonOrigin.replace('http', 'ws')}; require-trusted-types-for 'script'`;

// The page's own script, a file of its own so that it runs under the strict policy too.
const pageScript = `let clicks = 0;
document.getElementById('host-counter').addEventListener('click', (event) => {
  event.currentTarget.textContent = 'Clicked ' + ++clicks + ' times';
});
// The shortcut documentation sites have, leaving keys typed in text fields alone.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.target.closest('input, textarea, select, [contenteditable]')) return;
  event.preventDefault();
  document.getElementById('host-search').focus();
});
`;

/**
 * The host page with the customer snippet and a control of its own, to show
 * the page keeps working whatever the widget does.
 * @example supportPage('demo', { hostileCss: false, twiceInHead: false, queue: null, color: null, identity: null }) // '<!doctype html>…data-key="demo"…'
 */
export function supportPage(
  key: string,
  { hostileCss: hostile, twiceInHead, queue, color, identity }: { hostileCss: boolean; twiceInHead: boolean; queue: string | null; color: string | null; identity: string | null },
): string {
  const safeKey = key.replace(/[^\w-]/g, '');
  const dataQueue = queue === null ? '' : ` data-queue="${queue.replace(/[^\w -]/g, '')}"`;
  const dataColor = color === null ? '' : ` data-color="${color.replace(/[^\w#]/g, '')}"`;
  const dataIdentity = identity === null ? '' : ` data-identity="${identity.replace(/[^\w.-]/g, '')}"`;
  const dataKey = safeKey ? ` data-key="${safeKey}"` : '';
  const snippet = `<script src="${beckonOrigin}/widget.js"${dataKey}${dataQueue}${dataColor}${dataIdentity}${twiceInHead ? '' : ' async'}></script>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Example Shop — Help</title>${hostile ? `<style>${hostileCss}</style>` : ''}${twiceInHead ? snippet.repeat(2) : ''}</head>
<body>
<h1>Example Shop help centre</h1>
<p>Questions about your order? Talk to us.</p>
<button type="button" id="host-counter">Clicked 0 times</button>
<input type="search" id="host-search" aria-label="Search help (press /)">
<script src="/page.js"></script>
${twiceInHead ? '' : snippet}
</body>
</html>
`;
}

for (const port of [allowedSitePort, foreignSitePort]) {
  createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(pageScript);
      return;
    }
    if (url.pathname !== '/') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const csp = url.searchParams.get('csp') === 'strict' ? { 'content-security-policy': strictCsp } : {};
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...csp })
      .end(supportPage(url.searchParams.get('key') ?? 'demo', { hostileCss: url.searchParams.get('css') === 'hostile', twiceInHead: url.searchParams.get('snippet') === 'twice', queue: url.searchParams.get('queue'), color: url.searchParams.get('color'), identity: url.searchParams.get('identity') }));
  }).listen(port, '127.0.0.1');
}
