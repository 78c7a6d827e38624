// What the Node host tells an operator's Prometheus (`GET /metrics` with the
// bearer token BECKON_METRICS_TOKEN): open sockets, actors in memory, HTTP
// answers and socket messages, failures, storage, the event loop and memory.
// Counts only: no tenant, visitor or agent is named.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export type SocketKind = 'agent' | 'supervisor' | 'conversation';

/** What the host holds at the moment of a scrape. */
export interface MetricsState {
  sockets: Record<SocketKind, number>;
  actors: { switchboards: number; conversations: number };
  storageFailing: boolean;
}

type Sample = [labels: string, value: number];

/**
 * Starts counting; `text` renders the Prometheus text format (0.0.4).
 * @example const metrics = createMetrics(); metrics.countResponse(404); metrics.text(state);
 */
export function createMetrics() {
  const responses = new Map<string, number>();
  let socketMessages = 0;
  let socketFailures = 0;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = Date.now();

  const metric = (name: string, type: 'counter' | 'gauge', help: string, samples: Sample[]) =>
    [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(([labels, value]) => `${name}${labels} ${value}`)].join('\n');

  return {
    countResponse(status: number): void {
      const group = `${Math.floor(status / 100)}xx`;
      responses.set(group, (responses.get(group) ?? 0) + 1);
    },
    countSocketMessage(): void {
      socketMessages++;
    },
    countSocketFailure(): void {
      socketFailures++;
    },
    text(state: MetricsState): string {
      const memory = process.memoryUsage();
      const seconds = (nanoseconds: number) => nanoseconds / 1e9;
      const text = [
        metric('beckon_up_seconds', 'gauge', 'How long the host has been running.', [['', (Date.now() - started) / 1000]]),
        metric('beckon_sockets_open', 'gauge', 'Open WebSockets: agents\' consoles, supervisors\' boards, conversation participants.',
          (['agent', 'supervisor', 'conversation'] as const).map((kind) => [`{kind="${kind}"}`, state.sockets[kind]])),
        metric('beckon_actors_loaded', 'gauge', 'Actors in memory; idle ones leave it.', [['{kind="switchboard"}', state.actors.switchboards], ['{kind="conversation"}', state.actors.conversations]]),
        metric('beckon_http_responses_total', 'counter', 'HTTP answers by status class.', ['2xx', '3xx', '4xx', '5xx'].map((group) => [`{code="${group}"}`, responses.get(group) ?? 0])),
        metric('beckon_socket_messages_total', 'counter', 'WebSocket messages received.', [['', socketMessages]]),
        metric('beckon_socket_failures_total', 'counter', 'WebSocket messages the host failed to handle (answered internal; the log says why).', [['', socketFailures]]),
        metric('beckon_storage_failing', 'gauge', '1 while a write failed in the last 30 seconds (a full disk), else 0.', [['', state.storageFailing ? 1 : 0]]),
        metric('beckon_event_loop_delay_seconds', 'gauge', 'How late the event loop ran timers since the last scrape.',
          loop.count === 0 ? [] : [['{quantile="0.5"}', seconds(loop.percentile(50))], ['{quantile="0.99"}', seconds(loop.percentile(99))], ['{quantile="1"}', seconds(loop.max)]]),
        metric('beckon_memory_bytes', 'gauge', 'The process\'s memory.', [['{kind="resident"}', memory.rss], ['{kind="heap_used"}', memory.heapUsed]]),
      ].join('\n');
      loop.reset();
      return `${text}\n`;
    },
    stop(): void {
      loop.disable();
    },
  };
}
