// The public `window.Beckon(command, ...args)` function: validates what the
// host page asks for, keeps it in order until the call UI is loaded, and
// owns the event listeners so `on` works before the UI arrives.
import type { HostEventDetails, HostEventName, WidgetCommand } from '../context.ts';

const eventNames: readonly string[] = [
  'call:queued',
  'call:connected',
  'call:ended',
  'call:escalated',
  'chat:message',
  'survey:submitted',
  'queue:closed',
  'call:long-wait',
  'message:sent',
  'callback:requested',
  'callback:ringing',
  'error',
] satisfies HostEventName[];

type Listener = (detail: never) => void;

/** The listeners host pages register with `Beckon('on', …)`. */
export interface HostEvents {
  on(name: HostEventName, listener: Listener): () => void;
  emit<N extends HostEventName>(name: N, detail: HostEventDetails[N]): void;
}

/**
 * Creates the host page's event registry.
 * @example const events = createHostEvents(); events.on('error', (e) => console.log(e)); events.emit('error', { code: 'bad_request', message: 'x' });
 */
export function createHostEvents(): HostEvents {
  const listeners = new Map<string, Set<Listener>>();
  return {
    on(name, listener) {
      const named = listeners.get(name) ?? new Set();
      listeners.set(name, named.add(listener));
      return () => void named.delete(listener);
    },
    emit(name, detail) {
      for (const listener of [...(listeners.get(name) ?? [])]) {
        // A bug in one of the host's listeners must not stop the others or the widget.
        try {
          (listener as (detail: HostEventDetails[typeof name]) => void)(detail);
        } catch (error) {
          console.error(error);
        }
      }
    },
  };
}

/**
 * Whether `value` can name a queue: lowercase letters, digits, `-` and `_`, as the API takes.
 * @example isQueueId('billing') // true; isQueueId('Billing Team') // false
 */
export function isQueueId(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z0-9][a-z0-9_-]{0,63}$/.test(value);
}

/**
 * Reads the arguments of `Beckon(...)` into a command, or the reason it is refused.
 * @example parseCommand(['startCall', { video: true }]) // { name: 'startCall', video: true, skipCheck: false }
 */
export function parseCommand(args: ArrayLike<unknown>): WidgetCommand | string {
  const [name, options] = Array.from(args);
  if (name === 'open' || name === 'close' || name === 'hangUp') return { name };
  // The call UI checks the token: the loader stays small.
  if (name === 'identify') return { name, token: options };
  if (name !== 'startCall' && name !== 'startChat') return `Unknown command: ${typeof name === 'string' ? name : typeof name}`;
  const usage =
    name === 'startCall' ? 'startCall takes { video: true | false, skipCheck: true | false, queue: "a-queue-id" }' : 'startChat takes { queue: "a-queue-id" }';
  if (options !== undefined && (typeof options !== 'object' || options === null)) return usage;
  // A misspelt option (`vidoe: true`) would otherwise start another call than the page asked for.
  const unknown = Object.keys(options ?? {}).find((option) => !(name === 'startCall' ? ['video', 'skipCheck', 'queue'] : ['queue']).includes(option));
  if (unknown !== undefined) return `${name} has no option ${unknown}: ${usage}`;
  const { video, skipCheck, queue } = (options ?? {}) as { video?: unknown; skipCheck?: unknown; queue?: unknown };
  if (queue !== undefined && !isQueueId(queue)) return usage;
  const inQueue = queue === undefined ? {} : { queue };
  if (name === 'startChat') return { name, ...inQueue };
  if (![video, skipCheck].every((flag) => flag === undefined || typeof flag === 'boolean')) return usage;
  return { name, video: video === true, skipCheck: skipCheck === true, ...inQueue };
}

/** The real `window.Beckon`, plus the hand-over points the loader drives. */
export interface CommandQueue {
  beckon(...args: unknown[]): (() => void) | undefined;
  /** Runs a command from the widget itself (the launcher), skipping public validation. */
  dispatch(command: WidgetCommand): void;
  /** Gives every waiting command, then every later one, to the loaded call UI. */
  handOver(handler: (command: WidgetCommand) => void): void;
  /** Tells the host page's developer (console and `error` event) what the widget could not use. */
  refuse(message: string): void;
}

/**
 * Creates the command queue behind `window.Beckon`; `wake` is called whenever a command waits for the UI.
 * @example const queue = createCommandQueue(events, loadUi); for (const args of stub.q ?? []) queue.beckon(...Array.from(args));
 */
export function createCommandQueue(events: HostEvents, wake: () => void): CommandQueue {
  const waiting: WidgetCommand[] = [];
  let handler: ((command: WidgetCommand) => void) | null = null;

  const refuse = (message: string) => {
    console.warn(`Beckon: ${message}`);
    events.emit('error', { code: 'bad_request', message });
  };
  const run = (command: WidgetCommand) => {
    try {
      handler!(command);
    } catch (error) {
      events.emit('error', { code: 'internal', message: String(error) });
    }
  };
  const dispatch = (command: WidgetCommand) => {
    if (handler) return run(command);
    waiting.push(command);
    wake();
  };

  return {
    beckon(...args) {
      if (args[0] === 'on') {
        const [, name, listener] = args;
        if (typeof name === 'string' && eventNames.includes(name) && typeof listener === 'function') {
          return events.on(name as HostEventName, listener as Listener);
        }
        return void refuse(`on takes one of ${eventNames.join(', ')} and a function`);
      }
      const command = parseCommand(args);
      if (typeof command === 'string') return void refuse(command);
      dispatch(command);
    },
    dispatch,
    handOver(next) {
      handler = next;
      for (const command of waiting.splice(0)) run(command);
    },
    refuse,
  };
}
