// The launcher: the only thing the widget draws before the visitor shows
// intent, so it is plain DOM and CSS with no framework.
import { adoptStyles } from '../shadow-styles.ts';
import type { BrandColors } from './brand.ts';

// The host element is the one element a page's own rules reach (`* { font-size: 30px }`),
// and a page's rules beat :host's unless :host's are !important; they also stop
// what the page sets from being inherited inside (`all` leaves out `direction`).
// The focus ring is black, 3:1 apart from a white page (WCAG 1.4.11); a gap of the page keeps it off the button.
const css = `:host{all:initial!important;position:fixed!important;right:20px!important;bottom:20px!important;z-index:2147483000!important;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif!important;color:#111827!important;direction:ltr!important}
.launcher{width:56px;height:56px;border-radius:50%;border:0;padding:0;background:var(--accent);color:var(--on-accent);cursor:pointer;display:grid;place-items:center;box-shadow:0 6px 20px #0004}
.launcher:hover{background-image:linear-gradient(var(--veil) 0 0)}
.launcher:focus-visible,button:focus-visible{outline:3px solid #000;outline-offset:3px}
@media (forced-colors:active){.launcher{border:2px solid ButtonText}}
@media print{:host{display:none!important}}
.unavailable{position:absolute;right:0;bottom:68px;width:max-content;max-width:260px;padding:10px 14px;border-radius:10px;background:#fff;box-shadow:0 6px 24px #0003}`;

// Drawn with DOM calls, not HTML strings: a page that enforces Trusted Types
// (CSP `require-trusted-types-for 'script'`) refuses those, and the button would never show.
function element(name: string, attributes: Record<string, string>, ...children: Element[]): Element {
  const made = name === 'button' ? document.createElement(name) : document.createElementNS('http://www.w3.org/2000/svg', name);
  for (const [attribute, value] of Object.entries(attributes)) made.setAttribute(attribute, value);
  made.append(...children);
  return made;
}

/**
 * Adds the widget's host element with an open shadow root and draws the launcher in it, in `colors`.
 * @example const { root, launcher } = drawLauncher(defaultColors); launcher.addEventListener('click', openPanel);
 */
export function drawLauncher(colors: BrandColors): { root: ShadowRoot; launcher: HTMLButtonElement } {
  // A custom element name, so a host page's `div { … }` rules cannot reach the host element.
  const host = document.createElement('beckon-widget');
  const root = host.attachShadow({ mode: 'open' });
  const icon = element(
    'svg',
    { width: '26', height: '26', viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true', focusable: 'false' },
    element('path', { d: 'M4 14v-3a8 8 0 0 1 16 0v3' }),
    element('rect', { x: '3', y: '13', width: '4', height: '6', rx: '1.5' }),
    element('rect', { x: '17', y: '13', width: '4', height: '6', rx: '1.5' }),
    element('path', { d: 'M19 19a3 3 0 0 1-3 3h-3' }),
  );
  const launcher = element('button', { class: 'launcher', type: 'button', 'aria-label': 'Contact support', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' }, icon) as HTMLButtonElement;
  root.append(launcher);
  // Custom properties, which `all` leaves alone; !important, so a page's own rules do not change them.
  adoptStyles(root, `:host{--accent:${colors.accent}!important;--on-accent:${colors.onAccent}!important;--veil:${colors.veil}!important}${css}`);
  // Beside <body>, not in it: a page's transform on <body> would make the body, not the
  // window, what the fixed launcher sits in, and pages that swap their whole <body> to
  // navigate (Turbo, pjax) would take the widget with them.
  const html = document.documentElement;
  html.append(host);
  // A page that rebuilds all of <html> puts it back, with the panel and any call as they were.
  new MutationObserver(() => host.isConnected || html.append(host)).observe(html, { childList: true });
  return { root, launcher };
}

/**
 * Shows or hides the notice drawn when the call UI could not be loaded.
 * @example showUnavailable(root, true);
 */
export function showUnavailable(root: ShadowRoot, visible: boolean): void {
  let notice = root.querySelector<HTMLElement>('.unavailable');
  if (!notice) {
    notice = document.createElement('p');
    notice.className = 'unavailable';
    notice.setAttribute('role', 'status');
    notice.textContent = 'Support is unavailable right now';
    root.append(notice);
  }
  notice.hidden = !visible;
}
