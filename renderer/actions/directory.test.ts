import { describe, expect, it, vi } from 'vitest';
import type { Officer, Unit } from '@shared/model';
import {
  Directory,
  nameOf,
  officerGroups,
  unitGroups,
  unitSubtree,
  worksWithin,
  type DirectorySnapshot,
} from './directory';

const unit = (id: string, name: string, parentId: string | null = null): Unit => ({
  id,
  parentId,
  code: id,
  name,
  kind: parentId === null ? 'commune' : 'office',
});
const officer = (id: string, fullName: string, unitId: string): Officer => ({
  id,
  username: id,
  fullName,
  unitId,
  roles: ['processing_officer'],
});

/** A commune with two offices, and a second commune. */
const UNITS = [
  unit('c1', 'UBND xã Đông Hòa'),
  unit('c1-land', 'Văn phòng đăng ký đất đai', 'c1'),
  unit('c1-records', 'Bộ phận một cửa', 'c1'),
  unit('c2', 'UBND xã An Lạc'),
];
const OFFICERS = [
  officer('o1', 'Trần Văn Đức', 'c1'),
  officer('o2', 'Đặng Thị Mai', 'c1-land'),
  officer('o3', 'Dương Văn Hải', 'c1-land'),
  officer('o4', 'Âu Thị Lan', 'c2'),
];

function loaded(): DirectorySnapshot {
  const d = new Directory();
  d.load({ units: UNITS, officers: OFFICERS });
  return d.getSnapshot();
}

describe('Directory', () => {
  it('is not loaded until directory.list answers, then holds its units and officers by name', () => {
    const d = new Directory();
    expect(d.getSnapshot().loaded).toBe(false);
    d.load({ units: [...UNITS].reverse(), officers: [...OFFICERS].reverse() });
    const s = d.getSnapshot();
    expect(s.loaded).toBe(true);
    expect(s.units.map((u) => u.name)).toEqual([
      'Bộ phận một cửa',
      'UBND xã An Lạc',
      'UBND xã Đông Hòa',
      'Văn phòng đăng ký đất đai',
    ]);
    expect(s.officers.map((o) => o.name)).toEqual([
      'Âu Thị Lan',
      'Dương Văn Hải',
      'Đặng Thị Mai',
      'Trần Văn Đức',
    ]);
    expect(s.officers[3]).toEqual({
      id: 'o1',
      name: 'Trần Văn Đức',
      unitId: 'c1',
      roles: ['processing_officer'],
    });
  });

  it('keeps units and officers met in records that the directory lacks, and notifies once per change', () => {
    const d = new Directory();
    const listener = vi.fn();
    d.subscribe(listener);
    d.remember({ unit: unit('x9', 'Sở Tư pháp'), officer: officer('o9', 'Bùi Thị Xuân', 'x9') });
    d.remember({ unit: unit('x9', 'Sở Tư pháp') });
    expect(listener).toHaveBeenCalledTimes(1);
    d.load({ units: UNITS, officers: OFFICERS });
    expect(listener).toHaveBeenCalledTimes(2);
    expect(nameOf(d.getSnapshot().units, 'x9')).toBe('Sở Tư pháp');
    expect(nameOf(d.getSnapshot().officers, 'o9')).toBe('Bùi Thị Xuân');
    // A newer directory wins over what a record said.
    d.remember({ officer: officer('o1', 'Trần V. Đức (cũ)', 'c1') });
    d.load({ units: UNITS, officers: OFFICERS });
    expect(nameOf(d.getSnapshot().officers, 'o1')).toBe('Trần Văn Đức');
    // The grid names each row's unit and assignee through the same entries, by id.
    expect(d.getSnapshot().officerById.get('o1')?.name).toBe('Trần Văn Đức');
    expect(d.getSnapshot().unitById.get('x9')?.name).toBe('Sở Tư pháp');
    expect(d.getSnapshot().unitById.get('nowhere')).toBeUndefined();
  });
});

describe('what the pickers offer', () => {
  it('a unit’s subtree holds the unit and everything under it', () => {
    expect([...unitSubtree(loaded().units, 'c1')].sort()).toEqual(['c1', 'c1-land', 'c1-records']);
    expect([...unitSubtree(loaded().units, 'c2')]).toEqual(['c2']);
  });

  it('offers the holding unit and its offices first, then the others', () => {
    const groups = unitGroups(loaded(), 'c1', { near: 'near', other: 'other' });
    expect(groups.map((g) => [g.label, g.options.map((o) => o.id)])).toEqual([
      ['near', ['c1-records', 'c1', 'c1-land']],
      ['other', ['c2']],
    ]);
    expect(unitGroups(loaded(), null, { near: 'near', other: 'other' })).toEqual([
      { label: null, options: loaded().units },
    ]);
  });

  it('offers only the units that handle the procedure for a transfer, and the record’s own', () => {
    const labels = { near: 'near', other: 'other' };
    const groups = unitGroups(loaded(), 'c1', labels, ['c1-land', 'c2']);
    expect(groups.map((g) => [g.label, g.options.map((o) => o.id)])).toEqual([
      ['near', ['c1', 'c1-land']],
      ['other', ['c2']],
    ]);
    expect(unitGroups(loaded(), 'c1', labels, ['c1-land']).flatMap((g) => g.options)).toHaveLength(
      2,
    );
  });

  it('offers only officers who may receive the record (its unit and below), by unit', () => {
    const groups = officerGroups(loaded(), 'c1');
    expect(groups.map((g) => [g.label, g.options.map((o) => o.name)])).toEqual([
      ['UBND xã Đông Hòa', ['Trần Văn Đức']],
      ['Văn phòng đăng ký đất đai', ['Dương Văn Hải', 'Đặng Thị Mai']],
    ]);
    expect(officerGroups(loaded(), 'c1-land').flatMap((g) => g.options.map((o) => o.id))).toEqual([
      'o3',
      'o2',
    ]);
    // Several units (bulk): everyone, still by unit.
    expect(officerGroups(loaded(), null).flatMap((g) => g.options)).toHaveLength(4);
  });

  it('tells whether an officer works within a receiving unit', () => {
    expect(worksWithin(loaded(), 'o2', 'c1')).toBe(true);
    expect(worksWithin(loaded(), 'o1', 'c1-land')).toBe(false);
    expect(worksWithin(loaded(), 'nobody', 'c1')).toBe(false);
  });

  it('names an id it does not know by the id itself', () => {
    expect(nameOf(loaded().units, 'c2')).toBe('UBND xã An Lạc');
    expect(nameOf(loaded().units, 'unit-x')).toBe('unit-x');
  });
});
