import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '@shared/contract/client';
import { call } from '../api/call';
import { useApi } from '../api/context';
import {
  reduceLayout,
  resolveLayout,
  toGridLayout,
  defaultLayout,
  type ColumnSpec,
  type Layout,
  type LayoutAction,
} from './layout';

/** Saving waits this long after the last change, so dragging a column edge saves once. */
const SAVE_DELAY_MS = 500;

/** One grid whose layout the officer arranges: its preference key's name and its columns. */
export interface GridLayoutSpec {
  readonly name: string;
  readonly specs: readonly ColumnSpec[];
}

export interface GridLayoutState {
  readonly layout: Layout;
  /** Applies a change and saves it for the officer (prefs.set "grid.<name>"). */
  readonly dispatch: (action: LayoutAction) => void;
  /** Replaces the whole layout (a saved view's columns made the officer's own). */
  readonly replace: (layout: Layout) => void;
  readonly saveFailed: boolean;
}

const prefKey = (name: string) => `grid.${name}`;

/** Saves each grid's layout once its changes pause, and what is still waiting when asked. */
class LayoutSaver {
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #pending = new Map<string, Layout>();

  constructor(
    private readonly client: ApiClient,
    private readonly saved: (name: string, ok: boolean) => void,
  ) {}

  save(name: string, layout: Layout): void {
    this.#pending.set(name, layout);
    const waiting = this.#timers.get(name);
    if (waiting !== undefined) clearTimeout(waiting);
    this.#timers.set(
      name,
      setTimeout(() => {
        this.#timers.delete(name);
        const value = this.#pending.get(name);
        this.#pending.delete(name);
        if (value !== undefined) void this.#send(name, value).then((ok) => this.saved(name, ok));
      }, SAVE_DELAY_MS),
    );
  }

  /** Saves at once whatever is still waiting (the grids go away). */
  flush(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    for (const [name, layout] of this.#pending) void this.#send(name, layout);
    this.#pending.clear();
  }

  #send(name: string, layout: Layout): Promise<boolean> {
    return call(this.client, 'prefs.set', { key: prefKey(name), value: toGridLayout(layout) }).then(
      (result) => result.ok,
    );
  }
}

/**
 * The officer's layouts of several grids, loaded from and saved to their preferences; all are
 * loaded at once, so switching to another grid shows its layout at once. Saved per officer by
 * the core (the signed-in one, or the computer's own when signed out), so they are reloaded when
 * the officer changes. A failed save keeps the layout on screen and says so.
 */
export function useGridLayouts(
  /** The same list on every render (a module's constant): its grids are loaded once each. */
  grids: readonly GridLayoutSpec[],
  officerId: string | null,
): (name: string) => GridLayoutState {
  const client = useApi();
  const [layouts, setLayouts] = useState<ReadonlyMap<string, Layout>>(
    () => new Map(grids.map((g) => [g.name, defaultLayout(g.specs)])),
  );
  const [failed, setFailed] = useState<ReadonlySet<string>>(() => new Set());
  const [saver] = useState(
    () =>
      new LayoutSaver(client, (name, ok) =>
        setFailed((all) => {
          if (ok !== all.has(name)) return all;
          const next = new Set(all);
          if (ok) next.delete(name);
          else next.add(name);
          return next;
        }),
      ),
  );

  useEffect(() => {
    let current = true;
    for (const grid of grids) {
      void call(client, 'prefs.get', { key: prefKey(grid.name) }).then((result) => {
        // No saved layout, or no preferences at all (an older host): the defaults stand.
        if (!current || !result.ok) return;
        const layout = resolveLayout(grid.specs, result.value.value);
        setLayouts((all) => new Map(all).set(grid.name, layout));
      });
    }
    return () => {
      current = false;
    };
  }, [client, grids, officerId]);

  // A change still waiting to be saved is saved when the grids go away.
  useEffect(() => () => saver.flush(), [saver]);

  const dispatch = useCallback(
    (name: string, action: LayoutAction) => {
      const specs = grids.find((g) => g.name === name)?.specs ?? [];
      setLayouts((all) => {
        const current = all.get(name) ?? defaultLayout(specs);
        const next = reduceLayout(specs, current, action);
        if (next === current) return all;
        saver.save(name, next);
        return new Map(all).set(name, next);
      });
    },
    [grids, saver],
  );

  const replace = useCallback(
    (name: string, next: Layout) => {
      setLayouts((all) => new Map(all).set(name, next));
      saver.save(name, next);
    },
    [saver],
  );

  // One stable object per grid while its layout is the same, so the grid's memos hold.
  const states = useMemo(() => {
    const byName = new Map<string, GridLayoutState>();
    for (const grid of grids) {
      byName.set(grid.name, {
        layout: layouts.get(grid.name) ?? defaultLayout(grid.specs),
        dispatch: (action) => dispatch(grid.name, action),
        replace: (layout) => replace(grid.name, layout),
        saveFailed: failed.has(grid.name),
      });
    }
    return byName;
  }, [grids, layouts, failed, dispatch, replace]);

  return useCallback(
    (name: string) =>
      states.get(name) ?? {
        layout: [],
        dispatch: () => undefined,
        replace: () => undefined,
        saveFailed: false,
      },
    [states],
  );
}
