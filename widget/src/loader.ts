// widget.js: the part of Beckon every host page loads. It draws the launcher,
// installs `window.Beckon`, and loads the call UI only when it is wanted.
import type { Mount, WidgetCommand } from './context.ts';
import { createCommandQueue, createHostEvents, isQueueId } from './loader/beckon.ts';
import { brandColors, defaultColors } from './loader/brand.ts';
import { drawLauncher, showUnavailable } from './loader/launcher.ts';
import { rememberedConversationKey } from './ui/remembered-conversation.ts';

type Beckon = ((...args: unknown[]) => unknown) & { q?: ArrayLike<unknown>[]; loaded?: true };

declare global {
  interface Window {
    Beckon?: Beckon;
  }
}

// Read now: `currentScript` is only set while this script first runs.
const script = (document.currentScript ??
  document.querySelector('script[data-key][src*="widget.js"]')) as HTMLScriptElement | null;

function start(script: HTMLScriptElement): void {
  const base = new URL(script.src).origin;
  const key = script.dataset.key ?? '';
  // Told as the page loads, not first when a visitor opens the panel and finds support unavailable.
  if (!key) console.error('Beckon: the widget.js script tag has no data-key; add data-key="…" with your widget key (agent console: Admin, Widget keys)');
  // A mistyped data-queue ("Billing") would refuse every chat and call of the page: the default queue takes them instead.
  const { queue: dataQueue, color: dataColor } = script.dataset;
  const pageQueue = isQueueId(dataQueue) ? dataQueue : undefined;
  const colors = dataColor === undefined ? defaultColors : brandColors(dataColor);
  const events = createHostEvents();
  const { root, launcher } = drawLauncher(colors ?? defaultColors);
  let loading = false;

  const load = () => {
    if (loading) return;
    loading = true;
    import(`${base}/widget-ui.js`)
      .then((chunk: { mount: Mount }) => chunk.mount({ base, key, queue: pageQueue, identity: script.dataset.identity, root, emit: events.emit, launcher }))
      .then(queue.handOver, (error: unknown) => {
        let visible = false;
        // Intent shown from now on gets the notice instead of a panel that cannot come.
        queue.handOver((command: WidgetCommand) => {
          visible = command.name === 'toggle' ? !visible : command.name === 'open' || command.name === 'startCall';
          showUnavailable(root, visible);
        });
        events.emit('error', { code: 'widget_unavailable', message: `The support widget could not be loaded: ${String(error)}` });
      });
  };

  const queue = createCommandQueue(events, load);
  const stub = window.Beckon;
  const beckon: Beckon = (...args) => queue.beckon(...args);
  beckon.loaded = true;
  window.Beckon = beckon;
  for (const args of stub?.q ?? []) queue.beckon(...Array.from(args));
  if (dataQueue !== undefined && !pageQueue) queue.refuse(`data-queue="${dataQueue}" is not a queue id (lowercase letters, digits, - or _); chats and calls wait in the default queue`);
  if (!colors) queue.refuse(`data-color="${dataColor}" is not a colour such as #1d4ed8`);

  for (const intent of ['pointerenter', 'focus']) launcher.addEventListener(intent, load, { once: true });
  // A conversation going on before this page loaded (a reload, another page or tab of the site) comes back at once.
  try {
    if (localStorage.getItem(rememberedConversationKey(key))) load();
  } catch {
    // Storage blocked: nothing to come back to.
  }
  launcher.addEventListener('click', () => queue.dispatch({ name: 'toggle' }));
  // Fetched (not run) when the page is idle, so showing intent finds it ready
  // without the host page paying for running it before anyone asks.
  const prefetch = () => {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = `${base}/widget-ui.js`;
    document.head.append(link);
  };
  if ('requestIdleCallback' in window) requestIdleCallback(prefetch, { timeout: 10_000 });
  else setTimeout(prefetch, 3000);
}

// Claims `window.Beckon` at once, keeping calls as the stub does until `start`:
// a second copy of the snippet in <head> runs before the body exists too, and
// must find the page taken rather than draw a second button.
function claim(): void {
  const stub: Beckon = window.Beckon ?? ((...args) => void stub.q!.push(args));
  stub.q ??= [];
  stub.loaded = true;
  window.Beckon = stub;
}

if (!script?.src) console.warn('Beckon: cannot find the widget.js script tag');
else if (!window.Beckon?.loaded) {
  claim();
  if (document.body) start(script);
  else document.addEventListener('DOMContentLoaded', () => start(script));
}
