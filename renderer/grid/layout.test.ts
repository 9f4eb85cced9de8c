import { describe, expect, it } from 'vitest';
import { GridLayoutSchema } from '@shared/contract/api';
import {
  applyViewColumns,
  columnTrack,
  defaultLayout,
  displayOrder,
  normalizeColumns,
  reduceLayout,
  resolveLayout,
  stickyOffsets,
  toGridLayout,
  visibleColumnIds,
  type ColumnSpec,
  type Layout,
  type LayoutAction,
} from './layout';

const SPECS: ColumnSpec[] = [
  { id: 'number', width: 196, hideable: false },
  { id: 'procedure', width: 160, grow: 2, hideable: true },
  { id: 'applicant', width: 136, grow: 1, hideable: true },
  { id: 'status', width: 196, hideable: true },
  { id: 'due', width: 160, hideable: true },
  { id: 'assignee', width: 150, hideable: true, defaultHidden: true },
];

const run = (...actions: LayoutAction[]): Layout =>
  actions.reduce((layout, action) => reduceLayout(SPECS, layout, action), defaultLayout(SPECS));

const ids = (layout: Layout) => visibleColumnIds(layout);

describe('resolveLayout', () => {
  it('starts from the defaults when nothing (or rubbish) was saved', () => {
    for (const saved of [null, undefined, 'x', {}, { columns: 'no' }, { columns: [] }]) {
      expect(resolveLayout(SPECS, saved)).toEqual(defaultLayout(SPECS));
    }
    expect(ids(defaultLayout(SPECS))).toEqual([
      'number',
      'procedure',
      'applicant',
      'status',
      'due',
    ]);
  });

  it('keeps the saved order, widths, pins and hidden columns', () => {
    const saved = toGridLayout(
      run(
        { type: 'moveBefore', id: 'due', beforeId: 'procedure' },
        { type: 'resize', id: 'applicant', width: 222 },
        { type: 'hide', id: 'status' },
        { type: 'pin', id: 'number', pin: 'left' },
      ),
    );
    const layout = resolveLayout(SPECS, saved);
    expect(ids(layout)).toEqual(['number', 'due', 'procedure', 'applicant']);
    expect(layout.find((c) => c.id === 'applicant')?.width).toBe(222);
    expect(layout.find((c) => c.id === 'number')?.pin).toBe('left');
  });

  it('drops columns that no longer exist and places new ones after their default neighbour', () => {
    const saved = {
      columns: [
        { id: 'gone' },
        { id: 'due' },
        { id: 'number' },
        { id: 'number', hidden: true },
        { id: 'status' },
      ],
    };
    const layout = resolveLayout(SPECS, saved);
    // Each new column follows the column it follows in the defaults.
    expect(layout.map((c) => c.id)).toEqual([
      'due',
      'assignee',
      'number',
      'procedure',
      'applicant',
      'status',
    ]);
  });

  it('never hides the record number, nor every column', () => {
    const layout = resolveLayout(SPECS, {
      columns: SPECS.map((s) => ({ id: s.id, hidden: true })),
    });
    expect(ids(layout)).toEqual(['number']);
  });

  it('clamps absurd widths from an old or edited preference', () => {
    const layout = resolveLayout(SPECS, { columns: [{ id: 'number', width: 5 }] });
    expect(layout.find((c) => c.id === 'number')?.width).toBe(60);
  });
});

describe('reduceLayout', () => {
  it('moves a column one step among the shown ones, skipping hidden columns', () => {
    const layout = run(
      { type: 'hide', id: 'applicant' },
      { type: 'move', id: 'status', direction: -1 },
    );
    expect(ids(layout)).toEqual(['number', 'status', 'procedure', 'due']);
    // Already first: nothing to do.
    expect(ids(reduceLayout(SPECS, layout, { type: 'move', id: 'number', direction: -1 }))).toEqual(
      ids(layout),
    );
  });

  it('does not move a column across a pinned group', () => {
    const layout = run({ type: 'pin', id: 'number', pin: 'left' });
    expect(
      ids(reduceLayout(SPECS, layout, { type: 'move', id: 'procedure', direction: -1 })),
    ).toEqual(ids(layout));
  });

  it('refuses to hide the last shown column or a column that must stay', () => {
    expect(ids(run({ type: 'hide', id: 'number' }))).toContain('number');
    const onlyNumber = run(
      { type: 'hide', id: 'procedure' },
      { type: 'hide', id: 'applicant' },
      { type: 'hide', id: 'status' },
      { type: 'hide', id: 'due' },
    );
    expect(ids(onlyNumber)).toEqual(['number']);
  });

  it('shows a hidden extra column and drops a column before another', () => {
    const layout = run(
      { type: 'show', id: 'assignee' },
      { type: 'moveBefore', id: 'assignee', beforeId: 'status' },
    );
    expect(ids(layout)).toEqual(['number', 'procedure', 'applicant', 'assignee', 'status', 'due']);
  });

  it('draws pinned columns at the edges', () => {
    const layout = run(
      { type: 'pin', id: 'due', pin: 'left' },
      { type: 'pin', id: 'number', pin: 'right' },
    );
    expect(displayOrder(layout).map((c) => c.id)).toEqual([
      'due',
      'procedure',
      'applicant',
      'status',
      'number',
    ]);
  });

  it('resets to the defaults', () => {
    expect(run({ type: 'hide', id: 'due' }, { type: 'reset' })).toEqual(defaultLayout(SPECS));
  });

  it('ignores unknown columns', () => {
    const layout = defaultLayout(SPECS);
    expect(reduceLayout(SPECS, layout, { type: 'hide', id: 'nope' })).toBe(layout);
  });
});

describe('views and persistence', () => {
  it('applies a view’s columns over the officer’s widths', () => {
    const layout = run({ type: 'resize', id: 'status', width: 300 });
    const viewed = applyViewColumns(layout, ['status', 'number', 'unknown']);
    expect(ids(viewed)).toEqual(['status', 'number']);
    expect(viewed[0]?.width).toBe(300);
    expect(applyViewColumns(layout, [])).toBe(layout);
  });

  it('stores only what differs from the defaults, in a shape the contract accepts', () => {
    expect(toGridLayout(defaultLayout(SPECS)).columns[0]).toEqual({ id: 'number' });
    const stored = toGridLayout(
      run({ type: 'resize', id: 'due', width: 181.6 }, { type: 'pin', id: 'number', pin: 'left' }),
    );
    expect(GridLayoutSchema.safeParse(stored).success).toBe(true);
    expect(stored.columns.find((c) => c.id === 'due')).toEqual({ id: 'due', width: 182 });
  });
});

describe('tracks and sticky offsets', () => {
  it('gives growing columns a minmax track until resized or pinned', () => {
    const spec = SPECS[1] as ColumnSpec;
    expect(columnTrack(spec, { id: 'procedure', width: null, hidden: false, pin: null })).toBe(
      'minmax(calc(160px * var(--grid-shrink, 1)), 2fr)',
    );
    expect(columnTrack(spec, { id: 'procedure', width: 240, hidden: false, pin: null })).toBe(
      '240px',
    );
    expect(columnTrack(spec, { id: 'procedure', width: null, hidden: false, pin: 'left' })).toBe(
      '160px',
    );
  });

  it('stacks pinned columns after the checkbox column and from the right edge', () => {
    const layout = run(
      { type: 'pin', id: 'number', pin: 'left' },
      { type: 'pin', id: 'status', pin: 'left' },
      { type: 'pin', id: 'due', pin: 'right' },
    );
    const offsets = stickyOffsets(SPECS, displayOrder(layout), 44);
    expect(offsets.get('number')).toEqual({ side: 'left', offset: 44 });
    expect(offsets.get('status')).toEqual({ side: 'left', offset: 44 + 196 });
    expect(offsets.get('due')).toEqual({ side: 'right', offset: 0 });
    expect(offsets.has('procedure')).toBe(false);
  });
});

describe('normalizeColumns', () => {
  it('reads the field names the core’s views use as this grid’s column ids', () => {
    const specs: ColumnSpec[] = [
      ...SPECS,
      { id: 'appointment', width: 150, hideable: true, defaultHidden: true },
      { id: 'received', width: 150, hideable: true },
    ];
    expect(
      normalizeColumns(
        [
          'number',
          'applicantName',
          'procedureName',
          'dueAt',
          'workingMsLeft',
          'assigneeId',
          'x',
          'number',
        ],
        specs,
      ),
    ).toEqual(['number', 'applicant', 'procedure', 'appointment', 'due', 'assignee']);
  });
});
