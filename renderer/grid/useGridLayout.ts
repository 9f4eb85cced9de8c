import { useCallback, useEffect, useRef, useState } from 'react';
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

export interface GridLayoutState {
  readonly layout: Layout;
  /** Applies a change and saves it for the officer (prefs.set "grid.<entity>"). */
  readonly dispatch: (action: LayoutAction) => void;
  /** Replaces the whole layout (a saved view's columns made the officer's own). */
  readonly replace: (layout: Layout) => void;
  readonly saveFailed: boolean;
}

/**
 * The officer's layout of one grid, loaded from and saved to their preferences. Saved per
 * officer by the core (the signed-in one, or the computer's own when signed out), so it is
 * reloaded when the officer changes. A failed save keeps the layout on screen and says so once.
 */
export function useGridLayout(
  entity: 'dossier' | 'complaint',
  specs: readonly ColumnSpec[],
  officerId: string | null,
): GridLayoutState {
  const client = useApi();
  const key = `grid.${entity}`;
  const [layout, setLayout] = useState<Layout>(() => defaultLayout(specs));
  const [saveFailed, setSaveFailed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<Layout | null>(null);
  const specsRef = useRef(specs);

  useEffect(() => {
    let current = true;
    void call(client, 'prefs.get', { key }).then((result) => {
      // No saved layout, or no preferences at all (an older host): the defaults stand.
      if (current && result.ok) setLayout(resolveLayout(specsRef.current, result.value.value));
    });
    return () => {
      current = false;
    };
  }, [client, key, officerId]);

  const save = useCallback(
    (next: Layout) => {
      pending.current = next;
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        const value = pending.current;
        pending.current = null;
        if (value === null) return;
        void call(client, 'prefs.set', { key, value: toGridLayout(value) }).then((result) =>
          setSaveFailed(!result.ok),
        );
      }, SAVE_DELAY_MS);
    },
    [client, key],
  );

  // A change still waiting to be saved is saved when the grid goes away.
  useEffect(
    () => () => {
      if (timer.current === null) return;
      clearTimeout(timer.current);
      const value = pending.current;
      if (value !== null) void call(client, 'prefs.set', { key, value: toGridLayout(value) });
    },
    [client, key],
  );

  const dispatch = useCallback(
    (action: LayoutAction) => {
      setLayout((current) => {
        const next = reduceLayout(specsRef.current, current, action);
        if (next !== current) save(next);
        return next;
      });
    },
    [save],
  );

  const replace = useCallback(
    (next: Layout) => {
      setLayout(next);
      save(next);
    },
    [save],
  );

  return { layout, dispatch, replace, saveFailed };
}
