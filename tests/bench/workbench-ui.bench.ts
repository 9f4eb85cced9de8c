import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page, type Response } from 'playwright-core';
import { DOSSIER_SORT_FIELDS } from '@shared/contract/api';
import { foldVietnamese } from '@shared/domain/text';
import { createCore, type Core } from '../../core/app';
import { BUILTIN_QUEUES } from '../../core/views/queues';
import { startBrowserHost } from '../../core/browser-host/server';
import { CHROMIUM_ARGS, chromiumExecutable } from '../support/browser';
import { RENDERER_DIR } from '../support/host';
import { SEED_NOW, seededStoreDir } from '../support/stores';
import { summarize, type BenchReport } from './lib';

/**
 * Issue 5's and issue 17's figures on screen, in Chromium, at a million dossiers: opening a queue,
 * changing the sort (every sortable column, both ways) or a filter (every status and deadline
 * choice the queues' column filters offer, and the queues' own status sets with each deadline
 * state), with the core's own time for the same first pages measured apart; searching (to the
 * screen and in SQL); steady 10-second scrolls at 1,000, 3,000 and 10,000 rows a second (long
 * tasks, frames whose visible rows all show their record, DOM rows, heap); far jumps (the time
 * from the scroll's last move to the rows on screen); a scripted 10-second scroll through the
 * whole grid. Everything is timed inside the page, from the officer's click, keystroke or scroll
 * to the frame after the new rows are in the DOM, so Playwright's own round trips do not count.
 *
 * It reuses the store that workbench-store.bench.ts seeds (same size, same place), serves the
 * built renderer (dist/renderer; `npm run build` or `npx vite build` first; BENCH_RENDERER_DIR
 * points elsewhere, e.g. at a private build while others rebuild dist/) and runs signed out:
 * the demo workbench, every queue over the whole cache.
 */
const DOSSIERS = Number(process.env.BENCH_WORKBENCH_DOSSIERS ?? 1_000_000);
const COMPLAINTS = Math.round(DOSSIERS / 20);
const SECTION = 'workbench UI';
const RENDERER = process.env.BENCH_RENDERER_DIR ?? RENDERER_DIR;
/** The search box waits this long after the last keystroke (renderer/search/search-model.ts). */
const SEARCH_DEBOUNCE_MS = 120;

const OPENINGS = 20;
/** Each sortable column is clicked this many times round (each time first-click way, then back). */
const SORT_ROUNDS = 3;
const QUERIES = 30;
const SCROLL_MS = 10_000;
/** Issue 17's steady scrolls: rows a second, with the share of frames that must be all real. */
const STEADY_SCROLLS = [
  { rowsPerSecond: 1_000, filledPct: 95 },
  { rowsPerSecond: 3_000, filledPct: 95 },
  { rowsPerSecond: 10_000, filledPct: 80 },
] as const;
const STEADY_SCROLL_MS = 10_000;
/** Where far jumps land, as shares of the list: spread over it, the last rows among them. */
const JUMP_TARGETS = [0.137, 0.842, 0.421, 0.973, 0.058, 0.615, 0.299, 0.76, 0.505, 0.901, 1];
/** Where dragged jumps stop: elsewhere, so that none lands on rows a jump left cached. */
const DRAG_TARGETS = [0.211, 0.689, 0.352, 0.918, 0.104, 0.557, 0.446, 0.803, 0.03, 0.947, 0.6];
/** A dragged scrollbar: this many frames of moves before it stops at the target. */
const DRAG_FRAMES = 8;

/**
 * Installed before the renderer's scripts run (its transport keeps a reference to fetch): notes
 * when each call to the host left and when its answer came, so a figure can be split into
 * waiting for the host and the renderer's own work.
 */
const FETCH_PROBE = `(() => {
  const calls = [];
  window.__benchCalls = calls;
  const realFetch = window.fetch.bind(window);
  window.fetch = async (url, init) => {
    const call = { method: String(url).split('/').pop(), t0: performance.now(), t1: 0,
      body: init && typeof init.body === 'string' ? init.body : '' };
    calls.push(call);
    const response = await realFetch(url, init);
    call.t1 = performance.now();
    return response;
  };
})()`;

/**
 * Helpers installed in the page once. A string, not functions: tsx would wrap functions handed
 * to page.evaluate with its own __name helper, which does not exist in the page.
 *
 * `changeRows(click)` is the common measure: tag the rows on screen, act, then wait until the
 * grid is ready again with a row that was not there before (a new list renders placeholders
 * first, so every row of the new list is a new element) or says it is empty; the time is taken
 * in the frame after that, i.e. when the rows can be painted.
 */
const PAGE_HELPERS = `(() => {
  const grid = () => document.querySelector('[data-testid="dossier-grid"]');
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  }));
  const when = (predicate, timeoutMs) => new Promise((resolve, reject) => {
    if (predicate()) { resolve(); return; }
    const observer = new MutationObserver(() => {
      if (!predicate()) return;
      observer.disconnect(); clearTimeout(timer); resolve();
    });
    const timer = setTimeout(() => {
      observer.disconnect(); reject(new Error('timed out waiting for the page'));
    }, timeoutMs);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true,
      attributeFilter: ['data-status', 'data-phase', 'data-testid'] });
  });
  const newRows = () => {
    const g = grid();
    if (!g || g.dataset.status !== 'ready') return false;
    if (g.querySelector('[data-testid="grid-empty"]')) return true;
    for (const row of g.querySelectorAll('[data-testid="dossier-row"]')) if (!row.__benchOld) return true;
    return false;
  };
  const calls = window.__benchCalls;
  // The new list is drawn: rows that were not there before, or the list said empty; or, when
  // its first rows are the ones already drawn (the grid keeps their elements), ready again after
  // it was busy with the change.
  const changeRows = async (act) => {
    for (const row of document.querySelectorAll('[data-testid="dossier-row"]')) row.__benchOld = true;
    let wasBusy = false;
    const drawn = () => {
      const status = grid()?.dataset.status;
      if (status !== 'ready') wasBusy = true;
      return newRows() || (wasBusy && status === 'ready');
    };
    const t0 = performance.now();
    const from = calls.length;
    act();
    const tAct = performance.now();
    await when(drawn, 60000);
    const tDom = performance.now();
    const t1 = await painted();
    const g = grid();
    return { ms: t1 - t0, act: tAct - t0, dom: tDom - t0, rows: g.querySelectorAll('[data-testid="dossier-row"]').length,
      empty: g.querySelector('[data-testid="grid-empty"]') !== null,
      answered: (() => {
        const first = calls.slice(from).find((c) => c.method === 'dossiers.list');
        return first && first.t1 > 0 ? first.t1 - t0 : 0;
      })() };
  };
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const type = (input, text) => {
    setValue.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  window.__bench = {
    // Opens a queue (nothing to time when it is open already: the same rows stay).
    openQueue: async (id) => {
      const item = document.querySelector('[data-testid="queue-item"][data-queue-id="' + id + '"]');
      if (item.getAttribute('aria-current') === 'page') return { ms: 0, act: 0, dom: 0, rows: 0, empty: false, answered: 0 };
      return await changeRows(() => item.click());
    },
    sortBy: (column) => changeRows(() =>
      document.querySelector('[data-testid="sort-header-' + column + '"] button.grid__sort').click()),
    openFilter: async (column) => {
      document.querySelector('[data-testid="column-filter-' + column + '"]').click();
      await when(() => document.querySelector('[data-testid="column-filter-' + column + '-panel"] [data-testid^="filter-option-"]') !== null, 5000);
    },
    filterOptions: (column) => [...document.querySelectorAll('[data-testid="column-filter-' + column + '-panel"] [data-testid^="filter-option-"]')]
      .map((el) => el.dataset.testid.slice('filter-option-'.length)),
    toggleFilter: (column, value) => changeRows(() =>
      document.querySelector('[data-testid="column-filter-' + column + '-panel"] [data-testid="filter-option-' + value + '"]').click()),
    // Types the last few letters a keystroke apart (faster than the debounce, as people type),
    // then times from the last keystroke to the frame after the answer is in the list.
    search: async (text) => {
      const input = document.querySelector('[data-testid="search-box"]');
      input.focus();
      for (let cut = 2; cut >= 1; cut -= 1) {
        if (text.length > cut + 1) { type(input, text.slice(0, text.length - cut)); await sleep(45); }
      }
      let sawSearching = false;
      const phase = () => document.querySelector('[data-testid="search-results"]')?.dataset.phase;
      const done = () => {
        if (phase() === 'searching') sawSearching = true;
        return sawSearching && phase() === 'done';
      };
      const t0 = performance.now();
      type(input, text);
      await when(done, 30000);
      const t1 = await painted();
      // When the box's pause ended and the question left for the host.
      const asked = calls.filter((c) => c.method === 'search.query' && c.t0 >= t0).pop();
      return { ms: t1 - t0, sent: asked ? asked.t0 - t0 : 0,
        hits: document.querySelectorAll('[data-testid="search-result"]').length };
    },
    clearSearch: () => {
      const input = document.querySelector('[data-testid="search-box"]');
      type(input, '');
      input.blur();
    },
    // Scrolls from the top to the bottom (or to row toRow) in durationMs, one step a frame.
    scroll: async (durationMs, toRow) => {
      const longTasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      const scroller = grid().querySelector('.grid__body');
      scroller.scrollTop = 0;
      await painted();
      const total = Number(grid().getAttribute('aria-rowcount')) - 1;
      const reach = toRow === undefined ? 1 : Math.min(1, toRow / total);
      const rowCounts = [];
      const gaps = [];
      let filled = 0;
      const start = performance.now();
      let last = start;
      await new Promise((resolve) => {
        const step = (now) => {
          gaps.push(now - last); last = now;
          const t = Math.min(1, (performance.now() - start) / durationMs);
          scroller.scrollTop = t * reach * (scroller.scrollHeight - scroller.clientHeight);
          const rows = scroller.querySelectorAll('[data-testid="dossier-row"]').length;
          const placeholders = scroller.querySelectorAll('[data-testid="dossier-row-placeholder"]').length;
          rowCounts.push(rows + placeholders);
          if (placeholders === 0 && rows > 0) filled += 1;
          if (t < 1) requestAnimationFrame(step); else resolve();
        };
        requestAnimationFrame(step);
      });
      // Long-task entries are delivered asynchronously: give the last ones a moment.
      await new Promise((resolve) => setTimeout(resolve, 300));
      observer.disconnect();
      const lastRow = [...scroller.querySelectorAll('[data-testid="dossier-row"], [data-testid="dossier-row-placeholder"]')]
        .reduce((max, el) => Math.max(max, Number(el.dataset.rowIndex)), -1);
      return { longTasks, minRows: Math.min(...rowCounts), maxRows: Math.max(...rowCounts),
        frames: rowCounts.length, filled, maxGap: Math.max(...gaps.slice(1)), lastRow };
    },
    // Issue 17's steady scroll: from the top at rowsPerSecond for durationMs, one step a frame.
    // Each frame checks the rows the step before brought into view (the grid has answered that
    // scroll event by the next frame): every visible row drawn with its record, none a
    // placeholder. Visible rows follow from the scroll position alone (rows have one height),
    // so the check reads no layout.
    steady: async (rowsPerSecond, durationMs) => {
      const longTasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      const g = grid();
      const scroller = g.querySelector('.grid__body');
      scroller.scrollTop = 0;
      await painted();
      await sleep(300);
      const geometry = measure(scroller);
      observer.observe({ type: 'longtask', buffered: false });
      const rowCounts = [];
      const gaps = [];
      let frames = 0;
      let filled = 0;
      let shown = null;
      const start = performance.now();
      let last = start;
      await new Promise((resolve) => {
        const step = (now) => {
          gaps.push(now - last); last = now;
          rowCounts.push(scroller.querySelectorAll('[data-row-index]').length);
          if (shown !== null) {
            frames += 1;
            if (allReal(scroller, geometry, shown)) filled += 1;
          }
          const elapsed = performance.now() - start;
          if (elapsed >= durationMs) { resolve(); return; }
          scroller.scrollTop = geometry.scrollTopFor((elapsed / 1000) * rowsPerSecond);
          shown = scroller.scrollTop;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      await sleep(300);
      observer.disconnect();
      return { longTasks, frames, filled, minRows: Math.min(...rowCounts), maxRows: Math.max(...rowCounts),
        maxGap: Math.max(...gaps.slice(1)), reached: Math.round(geometry.rowAt(shown ?? 0)) };
    },
    // A far jump to a row: set once ('jump': a click on the track, End) or dragged there in
    // a few frames ('drag'); the time from the scroll's last move to the frame that shows every
    // visible row with its record.
    jump: async (row, mode, dragFrames) => {
      const scroller = grid().querySelector('.grid__body');
      const geometry = measure(scroller);
      const from = scroller.scrollTop;
      const to = geometry.scrollTopFor(row);
      const moves = mode === 'drag' ? dragFrames : 1;
      for (let i = 1; i < moves; i += 1) {
        scroller.scrollTop = from + ((to - from) * i) / moves;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      scroller.scrollTop = to;
      const shown = scroller.scrollTop;
      const t0 = performance.now();
      return await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('rows never came after a jump to ' + row)), 20000);
        const check = (now) => {
          if (allReal(scroller, geometry, shown)) { clearTimeout(timer); resolve(now - t0); return; }
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    },
    requests: (from) => calls.slice(from).map((c) => ({ method: c.method, body: c.body })),
    callCount: () => calls.length,
    heap: () => performance.memory.usedJSHeapSize,
  };
  // The grid's scroll geometry (scroll-scale.ts): a million rows get less than their height of
  // scroll range each, and both ends line up.
  function measure(scroller) {
    const g = grid();
    const total = Number(g.getAttribute('aria-rowcount')) - 1;
    const sample = g.querySelector('[data-row-index]');
    const rowHeight = sample ? sample.offsetHeight : 40;
    const viewport = scroller.clientHeight;
    const scrollRange = scroller.scrollHeight - viewport;
    const contentRange = total * rowHeight - viewport;
    const ratio = contentRange > scrollRange && contentRange > 0 ? scrollRange / contentRange : 1;
    return { total, rowHeight, viewport,
      scrollTopFor: (row) => Math.min(scrollRange, Math.max(0, row * rowHeight * ratio)),
      rowAt: (scrollTop) => scrollTop / ratio / rowHeight };
  }
  function allReal(scroller, geometry, scrollTop) {
    const offset = geometry.rowAt(scrollTop) * geometry.rowHeight;
    const first = Math.floor(offset / geometry.rowHeight);
    const last = Math.min(geometry.total - 1, Math.ceil((offset + geometry.viewport) / geometry.rowHeight) - 1);
    let seen = 0;
    for (const el of scroller.querySelectorAll('[data-row-index]')) {
      const index = Number(el.dataset.rowIndex);
      if (index < first || index > last) continue;
      if (el.dataset.testid !== 'dossier-row' || !el.dataset.recordId) return false;
      seen += 1;
    }
    return seen === last - first + 1;
  }
})()`;

interface Change {
  /** Click → the frame after the new rows are in the DOM. */
  ms: number;
  /** Click → the first page's answer arrived from the host. */
  answered: number;
  rows: number;
  empty: boolean;
  /** The first page's input the renderer sent for the change (absent: it asked none). */
  asked?: unknown;
}

/** A first page the renderer asked for, and which change asked it. */
interface ListAsk {
  input: unknown;
  label: string;
}

interface Steady {
  longTasks: number[];
  frames: number;
  filled: number;
  minRows: number;
  maxRows: number;
  maxGap: number;
  reached: number;
}

/** The columns whose header filters statuses and deadline states, and what they filter. */
const FILTER_COLUMNS = [
  ['status', 'status'],
  ['due', 'deadline'],
] as const;

/** The status sets of the dossier queues, ticked in the status filter of "all dossiers". */
const QUEUE_STATUS_SETS: readonly (readonly (string | number)[])[] = [
  ...new Map(
    BUILTIN_QUEUES.filter((q) => q.view.entity === 'dossier' && q.view.filter.status?.length)
      .map((q) => q.view.filter.status ?? [])
      .map((set) => [set.join(','), set] as const),
  ).values(),
];

/** A change made by `script` in the page, with the first page it asked the host for. */
async function change(page: Page, script: string): Promise<Change> {
  const from = await page.evaluate<number>('window.__bench.callCount()');
  const r = await page.evaluate<Change>(script);
  const asked = (
    await page.evaluate<{ method: string; body: string }[]>(`window.__bench.requests(${from})`)
  )
    .filter((c) => c.method === 'dossiers.list')
    .map((c) => JSON.parse(c.body || '{}') as { cursor?: string | null })
    .find((input) => !input.cursor);
  return asked ? { ...r, asked } : r;
}

/** "label max ms" for the worst few labels. */
function worstOf(byLabel: ReadonlyMap<string, number[]>, count = 4): string {
  return [...byLabel]
    .map(([label, ms]) => [label, Math.max(...ms)] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([label, ms]) => `${label} ${ms.toFixed(0)}`)
    .join(', ');
}

/**
 * The core's side of the same changes: each first page the renderer asked for, answered by the
 * core's dispatch in this process (no HTTP, no browser), warm, median of three.
 */
async function reportCoreSide(
  report: BenchReport,
  core: Core,
  what: string,
  asks: readonly ListAsk[],
): Promise<void> {
  const byInput = new Map<string, number>();
  const times: number[] = [];
  const byLabel = new Map<string, number[]>();
  for (const ask of asks) {
    const key = JSON.stringify(ask.input);
    let ms = byInput.get(key);
    if (ms === undefined) {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await core.dispatch('dossiers.list', ask.input);
        runs.push(performance.now() - t0);
      }
      ms = runs.sort((a, b) => a - b)[1] ?? 0;
      byInput.set(key, ms);
    }
    times.push(ms);
    byLabel.set(ask.label, [...(byLabel.get(ask.label) ?? []), ms]);
  }
  const t = summarize(times);
  report.info(
    SECTION,
    `${what}: the core's answer to the same first pages p95 (dispatch in process, ${byInput.size} distinct)`,
    Math.round(t.p95 * 10) / 10,
    'ms',
    `p50 ${t.p50.toFixed(1)} ms, max ${t.max.toFixed(1)} ms; slowest: ${worstOf(byLabel, 3)}`,
  );
}

/**
 * The core's side of every sortable field, both ways, under every filter the filter changes
 * asked for: what an officer who sorts a filtered queue waits for. One answer each, warm.
 */
async function reportEverySort(
  report: BenchReport,
  core: Core,
  asks: readonly ListAsk[],
): Promise<void> {
  const filters = new Map<string, unknown>();
  for (const ask of asks) {
    const filter = (ask.input as { filter?: unknown }).filter ?? {};
    filters.set(JSON.stringify(filter), filter);
  }
  const times: number[] = [];
  const slowest: { ms: number; what: string }[] = [];
  for (const [key, filter] of filters) {
    for (const field of DOSSIER_SORT_FIELDS) {
      for (const direction of ['asc', 'desc'] as const) {
        const t0 = performance.now();
        await core.dispatch('dossiers.list', { filter, sort: { field, direction }, limit: 200 });
        const ms = performance.now() - t0;
        times.push(ms);
        slowest.push({ ms, what: `${key} by ${field} ${direction}` });
      }
    }
  }
  const t = summarize(times);
  report.info(
    SECTION,
    `every sort × every filter above: the core's answer p95 (${times.length} first pages)`,
    Math.round(t.p95 * 10) / 10,
    'ms',
    `p50 ${t.p50.toFixed(1)} ms, max ${t.max.toFixed(0)} ms; slowest: ${slowest
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((s) => `${s.what} ${s.ms.toFixed(0)} ms`)
      .join('; ')}`,
  );
}

/** Calls to the host by method since `before`, e.g. "12 dossiers.list, 1 dossiers.seek". */
function callsSince(now: ReadonlyMap<string, number>, before: ReadonlyMap<string, number>): string {
  return (
    [...now]
      .map(([method, n]) => [method, n - (before.get(method) ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([method, n]) => `${n} ${method}`)
      .join(', ') || 'none'
  );
}

const MB = 1024 * 1024;

function pct(samples: number[]): string {
  const t = summarize(samples);
  return `p50 ${t.p50.toFixed(0)} ms, p95 ${t.p95.toFixed(0)} ms, max ${t.max.toFixed(0)} ms`;
}

/** What officers type, drawn from the store: names without diacritics, numbers, phones. */
function searchMix(core: Core, count: number): { kind: string; text: string }[] {
  const max = (core.db.prepare('SELECT max(rowid) AS n FROM dossiers').get() as { n: number }).n;
  const pick = core.db.prepare(
    'SELECT number, applicant_name AS name, phone FROM dossiers WHERE rowid >= ? LIMIT 1',
  );
  const out: { kind: string; text: string }[] = [];
  for (let i = 0; i < count; i++) {
    const d = pick.get(1 + ((i * 104_729) % max)) as {
      number: string;
      name: string;
      phone: string;
    };
    const name = foldVietnamese(d.name);
    switch (i % 5) {
      case 0:
      case 1:
        out.push({ kind: 'name', text: name });
        break;
      case 2:
        out.push({
          kind: 'family + given name',
          text: `${name.split(' ')[0]} ${name.split(' ').at(-1)}`,
        });
        break;
      case 3:
        out.push({ kind: 'number tail', text: d.number.split('-').slice(1).join('-') });
        break;
      default:
        out.push({ kind: 'phone', text: d.phone });
    }
  }
  return out;
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
  } finally {
    await cdp.detach();
  }
  return await page.evaluate<number>('window.__bench.heap()');
}

/**
 * BENCH_UI_PROFILE=<dir>: a CPU profile of the page per measured step (<dir>/<step>.cpuprofile);
 * BENCH_UI_TRACE=<dir>: a performance trace instead (<dir>/<step>.json: style, layout, paint).
 * Both open in Chromium's DevTools, to find what a missed figure spends its time on.
 */
async function profiled<T>(page: Page, step: string, fn: () => Promise<T>): Promise<T> {
  const traceDir = process.env.BENCH_UI_TRACE;
  const browser = page.context().browser();
  if (traceDir && browser) {
    mkdirSync(traceDir, { recursive: true });
    await browser.startTracing(page, { path: join(traceDir, `${step}.json`), screenshots: false });
    try {
      return await fn();
    } finally {
      await browser.stopTracing();
    }
  }
  const dir = process.env.BENCH_UI_PROFILE;
  if (!dir) return fn();
  mkdirSync(dir, { recursive: true });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(join(dir, `${step}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
}

/** Host answer and renderer share of a series of changes, for the figure's note. */
function splitNote(changes: Change[]): string {
  const answered = summarize(changes.map((c) => c.answered));
  const after = summarize(changes.map((c) => c.ms - c.answered));
  return `${pct(changes.map((c) => c.ms))}; first page answered p50 ${answered.p50.toFixed(0)} ms, p95 ${answered.p95.toFixed(0)} ms; answer → painted p50 ${after.p50.toFixed(0)} ms, p95 ${after.p95.toFixed(0)} ms`;
}

const RENDERER_SOURCES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer');

/** The last time anything under `dir` changed, to tell a stale build from a fresh one. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function loadNote(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

export async function run(report: BenchReport): Promise<void> {
  if (!existsSync(join(RENDERER, 'index.html'))) {
    throw new Error(`no built renderer in ${RENDERER}: run \`npx vite build\` first`);
  }
  const stale = newestSource(RENDERER_SOURCES) > statSync(join(RENDERER, 'index.html')).mtimeMs;
  if (stale) {
    console.warn(
      `  ! ${RENDERER} is older than renderer/: these figures are the last build's (npx vite build)`,
    );
  }
  const { dir, seededMs } = seededStoreDir(DOSSIERS, COMPLAINTS, 'workbench');
  if (seededMs !== null) {
    report.info(SECTION, 'seeded the store first', Math.round(seededMs / 1000), 's');
  }
  const loadBefore = loadavg();
  report.info(
    SECTION,
    'load average (1 min) at the start, 2 cores',
    loadBefore[0] ?? 0,
    '',
    `1/5/15 min: ${loadNote()}`,
  );
  const core = createCore({
    dataDir: dir,
    host: 'browser',
    startSync: false,
    clock: () => SEED_NOW,
    log: () => undefined,
  });
  const host = await startBrowserHost({
    dispatch: core.dispatch,
    events: core.events,
    staticDir: RENDERER,
  });
  const executablePath = chromiumExecutable();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    // Exact heap figures: without it performance.memory is bucketed to hide cross-origin sizes.
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
    headless: true,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    // Calls to the host by method, to tell a fetch storm while scrolling from a quiet grid.
    const hostCalls = new Map<string, number>();
    page.on('request', (request) => {
      const method = /\/api\/invoke\/([\w.]+)$/.exec(request.url())?.[1];
      if (method) hostCalls.set(method, (hostCalls.get(method) ?? 0) + 1);
    });
    // The SQL time the core reports for each text searched (the answer to the typed text, not
    // to a prefix typed on the way).
    const sqlTime = new Map<string, Promise<number | null>>();
    page.on('response', (response: Response) => {
      if (!response.url().endsWith('/api/invoke/search.query')) return;
      const asked = (response.request().postDataJSON() as { text?: string } | null)?.text;
      if (asked === undefined) return;
      sqlTime.set(
        asked,
        response
          .json()
          .then((body: { ok?: boolean; value?: { tookMs?: number } }) =>
            body.ok && typeof body.value?.tookMs === 'number' ? body.value.tookMs : null,
          )
          .catch(() => null),
      );
    });
    await page.addInitScript(FETCH_PROBE);
    await page.goto(host.url);
    await page.waitForSelector('[data-testid="dossier-row"]', { timeout: 120_000 });
    await page.evaluate(PAGE_HELPERS);
    // Counted queues, so that only queues with rows are opened (a signed-out "my dossiers" is
    // empty by definition).
    await page.waitForFunction(
      `[...document.querySelectorAll('[data-testid="queue-item"][data-entity="dossier"]')].every((q) => q.dataset.count !== '')`,
      undefined,
      { timeout: 120_000 },
    );
    const queues = await page.evaluate<{ id: string; count: number }[]>(
      `[...document.querySelectorAll('[data-testid="queue-item"][data-entity="dossier"]')].map((q) => ({ id: q.dataset.queueId, count: Number(q.dataset.count) }))`,
    );
    const withRows = queues.filter((q) => q.count > 0);
    report.info(
      SECTION,
      'dossier queues with rows',
      withRows.length,
      'queues',
      withRows.map((q) => `${q.id} ${q.count}`).join(', '),
    );
    const heapStart = await heapAfterGc(page);

    // (1) Open a queue: click a queue on the left → its first rows painted.
    const openings: Change[] = [];
    const byQueue = new Map<string, number[]>();
    await profiled(page, 'open-queue', async () => {
      for (let i = 0; i < OPENINGS + 2; i++) {
        // all_dossiers is open at the start: begin with the next one, so each click opens another.
        const q = withRows[(i + 1) % withRows.length];
        if (!q) break;
        const r = await page.evaluate<Change>(`window.__bench.openQueue(${JSON.stringify(q.id)})`);
        if (i < 2) continue; // warm-up: the first openings compile the code paths
        openings.push(r);
        byQueue.set(q.id, [...(byQueue.get(q.id) ?? []), r.ms]);
      }
    });
    const open = summarize(openings.map((c) => c.ms));
    report.atMost(
      SECTION,
      `open a queue → first rows painted p50 (${openings.length} openings)`,
      open.p50,
      'ms',
      1000,
      splitNote(openings),
    );
    report.atMost(
      SECTION,
      `open a queue → first rows painted p95`,
      open.p95,
      'ms',
      1000,
      [...byQueue].map(([id, ms]) => `${id} ${Math.max(...ms).toFixed(0)}`).join(', ') +
        ' (worst per queue, ms)',
    );

    // (2) Change the sort: every sortable column of "all dossiers" (a million rows), first-click
    // way and then back, a few rounds.
    await page.evaluate(`window.__bench.openQueue('all_dossiers')`);
    const sortColumns = await page.evaluate<string[]>(
      `[...document.querySelectorAll('[data-testid^="sort-header-"]')].filter((h) => h.querySelector('button.grid__sort')).map((h) => h.dataset.testid.slice('sort-header-'.length))`,
    );
    const sortAsks: ListAsk[] = [];
    const sorts: Change[] = [];
    const bySort = new Map<string, number[]>();
    await profiled(page, 'sort', async () => {
      // Warm-up: the first changes compile the code paths.
      for (const column of sortColumns.slice(0, 2)) {
        await page.evaluate(`window.__bench.sortBy(${JSON.stringify(column)})`);
      }
      for (let round = 0; round < SORT_ROUNDS; round++) {
        for (const column of sortColumns) {
          for (let click = 0; click < 2; click++) {
            const r = await change(page, `window.__bench.sortBy(${JSON.stringify(column)})`);
            const direction = await page.evaluate<string>(
              `document.querySelector('[data-testid="sort-header-${column}"]').getAttribute('aria-sort')`,
            );
            const label = `${column} ${direction}`;
            sorts.push(r);
            bySort.set(label, [...(bySort.get(label) ?? []), r.ms]);
            if (r.asked) sortAsks.push({ input: r.asked, label });
          }
        }
      }
    });
    report.atMost(
      SECTION,
      `change sort → new rows painted p95 (${sorts.length} changes: ${sortColumns.length} columns × both ways × ${SORT_ROUNDS}, ${DOSSIERS.toLocaleString('en-US')} rows)`,
      summarize(sorts.map((c) => c.ms)).p95,
      'ms',
      60,
      `${splitNote(sorts)}; worst per column: ${worstOf(bySort)}`,
    );
    await reportCoreSide(report, core, 'sort', sortAsks);

    // (3) Change a filter: in every queue with rows, each status and each deadline state that
    // its column filters offer, ticked alone and unticked again; then in "all dossiers" each
    // queue's own status set, ticked one by one, with each deadline state on top of it.
    const filterAsks: ListAsk[] = [];
    const filters: (Change & { label: string; queue: string })[] = [];
    const toggle = async (queue: string, column: string, value: string, label: string) => {
      const r = await change(
        page,
        `window.__bench.toggleFilter(${JSON.stringify(column)}, ${JSON.stringify(value)})`,
      );
      filters.push({ ...r, label, queue });
      if (r.asked) filterAsks.push({ input: r.asked, label });
    };
    const filterOptions = async (column: string): Promise<string[]> => {
      await page.evaluate(`window.__bench.openFilter(${JSON.stringify(column)})`);
      return await page.evaluate<string[]>(
        `window.__bench.filterOptions(${JSON.stringify(column)})`,
      );
    };
    // The queues' own order, newest first for "all dossiers", not the last sort clicked above.
    await page.evaluate(`window.__bench.openQueue('all_dossiers')`);
    for (let i = 0; i < 2; i++) {
      const received = await page.evaluate<string>(
        `document.querySelector('[data-testid="sort-header-received"]').getAttribute('aria-sort')`,
      );
      if (received === 'descending') break;
      await page.evaluate(`window.__bench.sortBy('received')`);
    }
    await profiled(page, 'filter', async () => {
      for (const q of withRows) {
        await page.evaluate(`window.__bench.openQueue(${JSON.stringify(q.id)})`);
        for (const [column, field] of FILTER_COLUMNS) {
          for (const value of await filterOptions(column)) {
            await toggle(q.id, column, value, `${q.id}: ${field} ${value}`);
            await toggle(q.id, column, value, `${q.id}: ${field} ${value} off`);
          }
          await page.keyboard.press('Escape');
        }
      }
      await page.evaluate(`window.__bench.openQueue('all_dossiers')`);
      for (const set of QUEUE_STATUS_SETS) {
        const name = `status ${set.join('+')}`;
        await filterOptions('status');
        for (const [i, value] of set.entries()) {
          await toggle(
            'all_dossiers',
            'status',
            String(value),
            `status ${set.slice(0, i + 1).join('+')}`,
          );
        }
        await page.keyboard.press('Escape');
        for (const value of await filterOptions('due')) {
          await toggle('all_dossiers', 'due', value, `${name} + deadline ${value}`);
          await toggle('all_dossiers', 'due', value, `${name} + deadline ${value} off`);
        }
        await page.keyboard.press('Escape');
        await filterOptions('status');
        for (const value of set)
          await toggle('all_dossiers', 'status', String(value), `${name} −${value}`);
        await page.keyboard.press('Escape');
      }
    });
    const atMillion = filters.filter((c) => c.queue === 'all_dossiers');
    const worstFilter = filters.reduce(
      (w, c) => (c.ms > w.ms ? c : w),
      filters[0] ?? { ms: 0, label: '' },
    );
    report.atMost(
      SECTION,
      `change a status/deadline filter → new rows painted p95 (${filters.length} changes in ${withRows.length} queues)`,
      summarize(filters.map((c) => c.ms)).p95,
      'ms',
      60,
      `${splitNote(filters)}; slowest: ${worstFilter.label} ${worstFilter.ms.toFixed(0)} ms; ${filters.filter((c) => c.empty).length} changes gave an empty list`,
    );
    report.atMost(
      SECTION,
      `change a status/deadline filter on all dossiers (${DOSSIERS.toLocaleString('en-US')} rows) → new rows painted p95 (${atMillion.length} changes)`,
      summarize(atMillion.map((c) => c.ms)).p95,
      'ms',
      60,
      splitNote(atMillion),
    );
    await reportCoreSide(report, core, 'filter', filterAsks);
    await reportEverySort(report, core, filterAsks);

    // (4) Search: type a query → results painted; the core's own SQL time.
    const mix = searchMix(core, QUERIES + 3);
    const toScreen: number[] = [];
    const afterAsking: number[] = [];
    const byKind = new Map<string, number[]>();
    let noHits = 0;
    await profiled(page, 'search', async () => {
      for (const [i, q] of mix.entries()) {
        const r = await page.evaluate<{
          ms: number;
          sent: number;
          hits: number;
        }>(`window.__bench.search(${JSON.stringify(q.text)})`);
        if (i < 3) continue;
        toScreen.push(r.ms);
        afterAsking.push(r.ms - r.sent);
        byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), r.ms]);
        if (r.hits === 0) noHits += 1;
      }
    });
    await page.evaluate('window.__bench.clearSearch()');
    const screen = summarize(toScreen);
    report.atMost(
      SECTION,
      `search: last keystroke → results painted p95 (${toScreen.length} queries: names without diacritics, numbers, phones)`,
      screen.p95,
      'ms',
      150,
      `${pct(toScreen)}; includes the box's ${SEARCH_DEBOUNCE_MS} ms debounce; ${noHits} queries found nothing; worst by kind: ${[
        ...byKind,
      ]
        .map(([kind, ms]) => `${kind} ${Math.max(...ms).toFixed(0)} ms`)
        .join(', ')}`,
    );
    report.info(
      SECTION,
      'search: question sent (debounce over) → results painted p95',
      summarize(afterAsking).p95,
      'ms',
      pct(afterAsking),
    );
    const tookMs: number[] = [];
    for (const q of mix.slice(3)) {
      const ms = await (sqlTime.get(q.text) ?? Promise.resolve(null));
      if (ms !== null) tookMs.push(ms);
    }
    const sql = summarize(tookMs);
    report.atMost(
      SECTION,
      `search: SQL time the core reports (tookMs) p95 (${tookMs.length} answers)`,
      sql.p95,
      'ms',
      50,
      `p50 ${sql.p50.toFixed(1)} ms, max ${sql.max.toFixed(1)} ms`,
    );

    // (5) Scroll the million rows top → bottom in 10 s; heap before and after, after a GC.
    await page.evaluate(`window.__bench.openQueue(${JSON.stringify(withRows[1]?.id ?? '')})`);
    await page.evaluate(`window.__bench.openQueue('all_dossiers')`);
    const heapBefore = await heapAfterGc(page);
    const callsBefore = new Map(hostCalls);
    const scroll = await profiled(
      page,
      'scroll',
      async () =>
        await page.evaluate<{
          longTasks: number[];
          minRows: number;
          maxRows: number;
          frames: number;
          filled: number;
          maxGap: number;
          lastRow: number;
        }>(`window.__bench.scroll(${SCROLL_MS})`),
    );
    const calls = [...hostCalls]
      .map(([method, n]) => [method, n - (callsBefore.get(method) ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([method, n]) => `${n} ${method}`)
      .join(', ');
    const heapAfter = await heapAfterGc(page);
    const over50 = scroll.longTasks.filter((d) => d > 50);
    report.atMost(
      SECTION,
      `10 s scroll top → bottom: long tasks > 50 ms`,
      over50.length,
      'tasks',
      0,
      `${scroll.longTasks.length} long tasks in all; ${scroll.frames} frames, longest gap between frames ${scroll.maxGap.toFixed(0)} ms`,
    );
    report.atMost(
      SECTION,
      '10 s scroll: longest task',
      scroll.longTasks.length ? Math.max(...scroll.longTasks) : 0,
      'ms',
      50,
    );
    report.atMost(
      SECTION,
      '10 s scroll: DOM rows, max − min',
      scroll.maxRows - scroll.minRows,
      'rows',
      0,
      `${scroll.minRows}..${scroll.maxRows} rows and placeholders; last row drawn ${scroll.lastRow.toLocaleString('en-US')}`,
    );
    report.info(
      SECTION,
      '10 s scroll: frames with every drawn row loaded',
      Math.round((100 * scroll.filled) / Math.max(1, scroll.frames)),
      '%',
      `${scroll.filled} of ${scroll.frames}; calls to the host: ${calls || 'none'}`,
    );
    report.atMost(
      SECTION,
      'renderer JS heap after GC, before the scroll',
      Math.round((10 * heapBefore) / MB) / 10,
      'MB',
      150,
      `at load ${(heapStart / MB).toFixed(1)} MB`,
    );
    report.atMost(
      SECTION,
      'renderer JS heap after GC, after the scroll',
      Math.round((10 * heapAfter) / MB) / 10,
      'MB',
      150,
    );

    // (6) Issue 17: steady scrolls from the top at human speeds, each on a fresh list (another
    // queue opened and back, so nothing is cached), and the heap after each.
    for (const { rowsPerSecond, filledPct } of STEADY_SCROLLS) {
      await page.evaluate(`window.__bench.openQueue(${JSON.stringify(withRows[1]?.id ?? '')})`);
      await page.evaluate(`window.__bench.openQueue('all_dossiers')`);
      const before = new Map(hostCalls);
      const steady = await profiled(
        page,
        `steady-${rowsPerSecond}`,
        async () =>
          await page.evaluate<Steady>(
            `window.__bench.steady(${rowsPerSecond}, ${STEADY_SCROLL_MS})`,
          ),
      );
      const heap = await heapAfterGc(page);
      const what = `steady ${STEADY_SCROLL_MS / 1000} s scroll at ${rowsPerSecond.toLocaleString('en-US')} rows/s`;
      report.atMost(
        SECTION,
        `${what}: long tasks > 50 ms`,
        steady.longTasks.filter((d) => d > 50).length,
        'tasks',
        0,
        `${steady.longTasks.length} long tasks in all, longest ${Math.max(0, ...steady.longTasks).toFixed(0)} ms; ${steady.frames} frames, longest gap ${steady.maxGap.toFixed(0)} ms; reached row ${steady.reached.toLocaleString('en-US')}`,
      );
      report.atLeast(
        SECTION,
        `${what}: frames with every visible row showing its record`,
        Math.round((100 * steady.filled) / Math.max(1, steady.frames)),
        '%',
        filledPct,
        `${steady.filled} of ${steady.frames} frames; calls to the host: ${callsSince(hostCalls, before)}`,
      );
      report.atMost(
        SECTION,
        `${what}: DOM rows, max − min`,
        steady.maxRows - steady.minRows,
        'rows',
        0,
        `${steady.minRows}..${steady.maxRows} rows and placeholders`,
      );
      report.atMost(
        SECTION,
        `${what}: renderer JS heap after GC`,
        Math.round((10 * heap) / MB) / 10,
        'MB',
        150,
      );
    }

    // (7) Far jumps on a fresh list of a million rows: set once (a click on the track, End) or
    // dragged there over a few frames; from the scroll's last move to every visible row shown.
    const jumps: { ms: number; mode: string; row: number }[] = [];
    const jumpCalls = new Map(hostCalls);
    await profiled(page, 'far-jump', async () => {
      for (const [mode, targets] of [
        ['jump', JUMP_TARGETS],
        ['drag', DRAG_TARGETS],
      ] as const) {
        await page.evaluate(`window.__bench.openQueue(${JSON.stringify(withRows[1]?.id ?? '')})`);
        await page.evaluate(`window.__bench.openQueue('all_dossiers')`);
        for (const share of targets) {
          const row = Math.min(DOSSIERS - 1, Math.floor(share * DOSSIERS));
          const ms = await page.evaluate<number>(
            `window.__bench.jump(${row}, ${JSON.stringify(mode)}, ${DRAG_FRAMES})`,
          );
          jumps.push({ ms, mode, row });
          await page.waitForTimeout(300);
        }
      }
    });
    const jumpOf = (mode: string) =>
      summarize(jumps.filter((j) => j.mode === mode).map((j) => j.ms));
    const worstJump = jumps.reduce(
      (w, j) => (j.ms > w.ms ? j : w),
      jumps[0] ?? { ms: 0, mode: '', row: 0 },
    );
    report.atMost(
      SECTION,
      `far jump → visible rows real, after the scroll's last move, p95 (${jumps.length}: ${JUMP_TARGETS.length} set at once, ${JUMP_TARGETS.length} dragged over ${DRAG_FRAMES} frames)`,
      summarize(jumps.map((j) => j.ms)).p95,
      'ms',
      150,
      `set at once p50 ${jumpOf('jump').p50.toFixed(0)} / max ${jumpOf('jump').max.toFixed(0)} ms, dragged p50 ${jumpOf('drag').p50.toFixed(0)} / max ${jumpOf('drag').max.toFixed(0)} ms; slowest: ${worstJump.mode} to row ${worstJump.row.toLocaleString('en-US')}; calls to the host: ${callsSince(hostCalls, jumpCalls)}`,
    );
    await context.close();
  } finally {
    await browser.close();
    await host.close();
    core.close();
  }
  report.info(
    SECTION,
    'load average (1 min) at the end',
    loadavg()[0] ?? 0,
    '',
    `1/5/15 min: ${loadNote()}`,
  );
}
