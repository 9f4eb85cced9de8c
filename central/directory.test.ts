import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '@shared/domain';
import type { Officer, Unit } from '@shared/model';
import { agencyOf, scopeOf, subtree, type DirectorySnapshot } from './directory';

const units: Unit[] = [
  { id: 'p', parentId: null, code: '', name: 'P', kind: 'province' },
  { id: 'd', parentId: 'p', code: '', name: 'D', kind: 'department' },
  { id: 'd1', parentId: 'd', code: '', name: 'D1', kind: 'office' },
  { id: 'c', parentId: 'p', code: '', name: 'C', kind: 'commune' },
  { id: 'c1', parentId: 'c', code: '', name: 'C1', kind: 'office' },
  // Bad data: a cycle must not hang the server.
  { id: 'x', parentId: 'y', code: '', name: 'X', kind: 'office' },
  { id: 'y', parentId: 'x', code: '', name: 'Y', kind: 'office' },
];

function snapshot(): DirectorySnapshot {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  }
  return {
    units: new Map(units.map((u) => [u.id, u])),
    officers: new Map(),
    procedures: new Map(),
    children,
    calendar: new WorkingCalendar(),
    version: 1,
  };
}

const officer = (unitId: string, roles: Officer['roles']): Officer => ({
  id: 'o',
  username: 'o',
  fullName: 'O',
  unitId,
  roles,
});

describe('directory', () => {
  it('walks a subtree, parents first, and survives cycles', () => {
    expect(subtree(snapshot(), 'p')).toEqual(['p', 'd', 'c', 'd1', 'c1']);
    expect(subtree(snapshot(), 'x').sort()).toEqual(['x', 'y']);
    expect(subtree(snapshot(), 'unknown')).toEqual(['unknown']);
  });

  it('finds the agency of an office', () => {
    expect(agencyOf(snapshot(), 'd1')).toBe('d');
    expect(agencyOf(snapshot(), 'd')).toBe('d');
    expect(agencyOf(snapshot(), 'p')).toBe('p');
    expect(typeof agencyOf(snapshot(), 'x')).toBe('string');
  });

  it('scopes officers to their unit, leaders to their subtree, office staff also to their agency', () => {
    const s = snapshot();
    expect(scopeOf(s, officer('d', ['desk_officer']))).toEqual(['d']);
    expect(scopeOf(s, officer('d1', ['processing_officer']))).toEqual(['d', 'd1']);
    expect(scopeOf(s, officer('d', ['leader']))).toEqual(['d', 'd1']);
    expect(scopeOf(s, officer('d1', ['leader']))).toEqual(['d', 'd1']);
    expect(scopeOf(s, officer('p', ['leader']))).toEqual(['p', 'd', 'c', 'd1', 'c1']);
    expect(scopeOf(s, officer('p', ['administrator', 'trainer']))).toEqual(['p']);
  });
});
