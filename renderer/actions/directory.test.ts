import { describe, expect, it, vi } from 'vitest';
import { Directory } from './directory';

describe('Directory', () => {
  it('remembers units and officers by id, sorted by Vietnamese name, and notifies once per change', () => {
    const d = new Directory();
    const listener = vi.fn();
    d.subscribe(listener);
    d.remember({
      unit: { id: 'u2', parentId: null, code: 'x', name: 'Xã Đông Hòa', kind: 'commune' },
      officer: { id: 'o1', username: 'b', fullName: 'Trần Bình', unitId: 'u2', roles: [] },
    });
    d.remember({
      unit: { id: 'u1', parentId: null, code: 'y', name: 'Phường An Lạc', kind: 'commune' },
    });
    d.remember({
      unit: { id: 'u1', parentId: null, code: 'y', name: 'Phường An Lạc', kind: 'commune' },
    });
    expect(d.getSnapshot().units.map((u) => u.id)).toEqual(['u1', 'u2']);
    expect(d.getSnapshot().officers).toEqual([{ id: 'o1', name: 'Trần Bình' }]);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
