import client from 'prom-client';
import type { PushObserver } from './push';
import type { CentralStore } from './store/store';

/**
 * Prometheus metrics of one central instance (`GET /metrics`), with prom-client. Each instance
 * has its own registry (tests run several in one process). Names start with `central_`; Node's
 * own (heap, event-loop lag, file descriptors) come with prom-client's defaults under the same
 * prefix. Labels are bounded sets (routes, outcomes, rejection codes, pools): never ids.
 */
export interface CentralMetrics {
  readonly registry: client.Registry;
  readonly contentType: string;
  /** One answered HTTP request; `route` is the route's pattern, never the URL. */
  request(method: string, route: string, status: number, seconds: number): void;
  /** A feed page served `lag` changes behind the head. */
  feed(lag: number, rows: number): void;
  readonly push: PushObserver;
  text(): Promise<string>;
}

export interface MetricsSources {
  readonly store: CentralStore;
  readonly listeners: () => number;
}

export function createMetrics(sources: MetricsSources): CentralMetrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'central_' });
  const requests = new client.Counter({
    name: 'central_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const durations = new client.Histogram({
    name: 'central_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const decisions = new client.Counter({
    name: 'central_push_decisions_total',
    help: 'Pushed mutations by outcome: applied, rejected (with the code), replayed (answered again), out_of_order.',
    labelNames: ['outcome', 'code'] as const,
    registers: [registry],
  });
  const groups = new client.Histogram({
    name: 'central_push_group_mutations',
    help: 'Mutations decided per group (one transaction).',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2000],
    registers: [registry],
  });
  const commits = new client.Histogram({
    name: 'central_push_group_seconds',
    help: 'Time to read, decide and commit one group of pushes.',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const stale = new client.Counter({
    name: 'central_push_stale_total',
    help: 'Groups decided again because another instance changed what they relied on first.',
    registers: [registry],
  });
  const lag = new client.Histogram({
    name: 'central_feed_lag_changes',
    help: 'How far behind the head (in seqs) clients asked for feed pages.',
    buckets: [0, 1, 10, 100, 1000, 10_000, 100_000, 1_000_000],
    registers: [registry],
  });
  const rows = new client.Counter({
    name: 'central_feed_rows_total',
    help: 'Changes and removals sent in feed pages.',
    registers: [registry],
  });
  new client.Gauge({
    name: 'central_feed_head',
    help: 'The highest committed seq this instance knows of.',
    registers: [registry],
    collect() {
      this.set(sources.store.knownHead);
    },
  });
  new client.Gauge({
    name: 'central_live_listeners',
    help: 'Open live-notification streams (GET /sync/live).',
    registers: [registry],
    collect() {
      this.set(sources.listeners());
    },
  });
  new client.Gauge({
    name: 'central_live_listening',
    help: 'PostgreSQL: 1 while other instances’ commits are heard (LISTEN is up), 0 while reconnecting.',
    registers: [registry],
    collect() {
      const listening = sources.store.listening;
      if (listening !== null) this.set(listening ? 1 : 0);
    },
  });
  new client.Gauge({
    name: 'central_db_pool_connections',
    help: 'PostgreSQL pool connections by pool (writer, reader) and state (total, idle, waiting requests).',
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
    collect() {
      for (const [name, pool] of Object.entries(sources.store.opened.pools)) {
        this.set({ pool: name, state: 'total' }, pool.totalCount);
        this.set({ pool: name, state: 'idle' }, pool.idleCount);
        this.set({ pool: name, state: 'waiting' }, pool.waitingCount);
      }
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    request(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      durations.observe({ method, route }, seconds);
    },
    feed(behind, sent) {
      lag.observe(behind);
      rows.inc(sent);
    },
    push: {
      decided(outcome, count) {
        const [kind, code] = outcome.split(':');
        decisions.inc({ outcome: kind ?? outcome, code: code ?? '' }, count);
      },
      group(mutations, _requests, commitMs, staleRounds) {
        groups.observe(mutations);
        commits.observe(commitMs / 1000);
        if (staleRounds > 0) stale.inc(staleRounds);
      },
    },
    text: () => registry.metrics(),
  };
}
