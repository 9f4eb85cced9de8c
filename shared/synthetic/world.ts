import type { Role } from '../model/codes';
import type { Officer, Procedure, Unit } from '../model/schemas';
import type { Gender } from './data/names';
import { COMMUNE_OFFICES, DEPARTMENTS } from './data/organisation';
import type { CommuneKind, Province } from './data/places';
import { PROCEDURES, type ProcedureSpec } from './data/procedures';
import type { Area, PeopleFactory } from './people';
import { Prng, WeightedTable } from './prng';

/**
 * The organisation of one province: the unit tree, its officers and, for every agency that
 * receives dossiers (department or commune), which procedures it handles and who does what.
 *
 * Model (documented for the central API's scoping): a dossier's unitId (DonViXuLy) is always the
 * agency, i.e. a department or a commune People's Committee, for its whole life. Desk officers and
 * leaders sit in the agency unit; processing officers sit in the agency's offices (and, in
 * communes, some in the commune unit itself). So an officer's dossiers are those of the agency
 * that is their unit or their unit's parent.
 */

/** Who appears in a history entry, with names as they are at the time. */
export interface Actor {
  readonly id: string | null;
  readonly name: string;
  readonly unitId: string | null;
  readonly unitName: string;
}

export interface AgencyProcedure {
  readonly spec: ProcedureSpec;
  readonly procedure: Procedure;
}

export interface Agency {
  readonly index: number;
  readonly unit: Unit;
  readonly kind: 'department' | 'commune';
  readonly area: Area;
  /** Relative share of the province's dossiers received here. */
  readonly weight: number;
  readonly procedures: WeightedTable<AgencyProcedure>;
  readonly desks: readonly Actor[];
  /** Leaders of the agency itself (director, chairperson): approve results, stop dossiers. */
  readonly leaders: readonly Actor[];
  /** Leaders who assign work, by office key (office heads; the agency's leaders in communes). */
  readonly assigners: ReadonlyMap<string, readonly Actor[]>;
  /** Processing officers who may be assigned a procedure of the office. */
  readonly processors: ReadonlyMap<string, readonly Actor[]>;
}

export interface World {
  readonly units: readonly Unit[];
  readonly officers: readonly Officer[];
  readonly agencies: readonly Agency[];
  readonly procedures: readonly Procedure[];
}

/**
 * Three stable accounts for demos and sign-in screens: a desk officer, a processing officer and a
 * leader of the same commune People's Committee (the first commune of the province). Their ids,
 * usernames and names do not depend on the seed.
 */
export const DEMO_UNIT_ID = 'unit-commune-01';

export interface DemoAccount {
  readonly id: string;
  readonly username: string;
  readonly fullName: string;
  readonly unitId: string;
  readonly roles: readonly Role[];
}

export const DEMO_ACCOUNTS = {
  unitId: DEMO_UNIT_ID,
  desk: {
    id: 'officer-demo-desk',
    username: 'desk',
    fullName: 'Nguyễn Thị Lan',
    unitId: DEMO_UNIT_ID,
    roles: ['desk_officer'],
  },
  officer: {
    id: 'officer-demo-officer',
    username: 'officer',
    fullName: 'Trần Văn Đức',
    unitId: DEMO_UNIT_ID,
    roles: ['processing_officer'],
  },
  leader: {
    id: 'officer-demo-leader',
    username: 'leader',
    fullName: 'Lê Minh Tuấn',
    unitId: DEMO_UNIT_ID,
    roles: ['leader'],
  },
} as const satisfies Record<'desk' | 'officer' | 'leader', DemoAccount> & { unitId: string };

const RESERVED_USERNAMES = ['desk', 'officer', 'leader', 'admin', 'root', 'trainer'];

/** Processing officers per office (more where the volume is). */
const PROCESSORS_PER_OFFICE: Readonly<Record<string, number>> = {
  traffic: 5,
  records: 4,
  land: 5,
  registration: 4,
  office: 3,
  economy: 3,
  police: 3,
  social: 2,
};

export interface WorldOptions {
  readonly province: Province;
  readonly seedHash: number;
  readonly people: PeopleFactory;
  /** At most this many communes (the province table's first ones). */
  readonly communes?: number;
}

const STREAM_WORLD = 0x5707;

export function buildWorld(options: WorldOptions): World {
  const { province, people } = options;
  const rng = new Prng(options.seedHash, STREAM_WORLD, 0);
  const code = (level3: number, level2: number) =>
    `000.${pad2(level3)}.${pad2(level2)}.${province.agencyCode}`;

  const units: Unit[] = [];
  const officers: Officer[] = [];
  const usernames = new Set(RESERVED_USERNAMES);
  const unitById = new Map<string, Unit>();
  const addUnit = (unit: Unit): Unit => {
    units.push(unit);
    unitById.set(unit.id, unit);
    return unit;
  };
  const actorOf = (officer: Officer): Actor => ({
    id: officer.id,
    name: officer.fullName,
    unitId: officer.unitId,
    unitName: unitById.get(officer.unitId)?.name ?? '',
  });
  let officerSeq = 0;
  const hire = (unit: Unit, role: Role): Actor => {
    officerSeq++;
    const gender: Gender = rng.chance(role === 'desk_officer' ? 0.7 : 0.45) ? 'female' : 'male';
    const birthYear = rng.range(1966, 2000);
    const name = people.name(rng, gender, birthYear, province.region);
    const base = name.given.ascii + name.family.ascii.charAt(0) + name.middle.ascii.charAt(0);
    let username = base;
    for (let n = 2; usernames.has(username); n++) username = `${base}${n}`;
    usernames.add(username);
    const officer: Officer = {
      id: `officer-${String(officerSeq).padStart(4, '0')}`,
      username,
      fullName: name.full,
      unitId: unit.id,
      roles: [role],
    };
    officers.push(officer);
    return actorOf(officer);
  };
  const hireDemo = (account: DemoAccount): Actor => {
    const officer: Officer = { ...account, roles: [...account.roles] };
    officers.push(officer);
    return actorOf(officer);
  };

  const provinceUnit = addUnit({
    id: 'unit-province',
    parentId: null,
    code: code(0, 0),
    name: `Ủy ban nhân dân ${province.formalName}`,
    kind: 'province',
  });
  hire(provinceUnit, 'administrator');
  hire(provinceUnit, 'trainer');
  hire(provinceUnit, 'leader');

  const procedureOf = (spec: ProcedureSpec): Procedure => ({
    code: spec.code,
    name: spec.name,
    fieldCode: spec.fieldCode,
    fieldName: spec.fieldName,
    serviceLevel: spec.serviceLevel,
    workingDays: spec.workingDays,
  });
  const procedures = PROCEDURES.map(procedureOf);
  const entries = PROCEDURES.map((spec, i) => ({ spec, procedure: procedures[i] as Procedure }));

  const agencies: Agency[] = [];

  DEPARTMENTS.forEach((dept, i) => {
    const handled = entries.filter((e) => e.spec.agency === dept.key);
    if (handled.length === 0) return;
    const unit = addUnit({
      id: `unit-dept-${dept.key}`,
      parentId: provinceUnit.id,
      code: code(0, i + 1),
      name: `${dept.name} ${province.formalName}`,
      kind: 'department',
    });
    const desks = [
      hire(unit, 'desk_officer'),
      hire(unit, 'desk_officer'),
      hire(unit, 'desk_officer'),
    ];
    const leaders = [hire(unit, 'leader'), hire(unit, 'leader')];
    const assigners = new Map<string, Actor[]>();
    const processors = new Map<string, Actor[]>();
    dept.offices.forEach((office, j) => {
      const officeUnit = addUnit({
        id: `${unit.id}-${office.key}`,
        parentId: unit.id,
        code: code(j + 1, i + 1),
        name: office.name,
        kind: 'office',
      });
      assigners.set(office.key, [hire(officeUnit, 'leader')]);
      const count = PROCESSORS_PER_OFFICE[office.key] ?? 3;
      processors.set(
        office.key,
        Array.from({ length: count }, () => hire(officeUnit, 'processing_officer')),
      );
    });
    agencies.push({
      index: agencies.length,
      unit,
      kind: 'department',
      area: { province, commune: -1 },
      weight: handled.reduce((sum, e) => sum + e.spec.weight, 0),
      procedures: new WeightedTable(handled.map((e) => [e, e.spec.weight] as const)),
      desks,
      leaders,
      assigners,
      processors,
    });
  });

  const communeEntries = entries.filter((e) => e.spec.agency === 'commune');
  const communeVolume = communeEntries.reduce((sum, e) => sum + e.spec.weight, 0);
  const communeCount = Math.max(
    1,
    Math.min(options.communes ?? province.communes.length, province.communes.length, 79),
  );
  const sizes = province.communes.slice(0, communeCount).map(([kind], k) => communeSize(kind, k));
  const totalSize = sizes.reduce((a, b) => a + b, 0);
  const communeProcedures = new WeightedTable(
    communeEntries.map((e) => [e, e.spec.weight] as const),
  );

  province.communes.slice(0, communeCount).forEach(([kind, placeName], k) => {
    const nn = 20 + k;
    const unit = addUnit({
      id: `unit-commune-${pad2(k + 1)}`,
      parentId: provinceUnit.id,
      code: code(0, nn),
      name: `Ủy ban nhân dân ${kind} ${placeName}`,
      kind: 'commune',
    });
    const demo = unit.id === DEMO_UNIT_ID;
    const desks = [
      demo ? hireDemo(DEMO_ACCOUNTS.desk) : hire(unit, 'desk_officer'),
      hire(unit, 'desk_officer'),
      hire(unit, 'desk_officer'),
    ];
    const leaders = [
      demo ? hireDemo(DEMO_ACCOUNTS.leader) : hire(unit, 'leader'),
      hire(unit, 'leader'),
    ];
    const inUnit = [
      demo ? hireDemo(DEMO_ACCOUNTS.officer) : hire(unit, 'processing_officer'),
      hire(unit, 'processing_officer'),
    ];
    const assigners = new Map<string, Actor[]>();
    const processors = new Map<string, Actor[]>();
    COMMUNE_OFFICES.forEach((office, j) => {
      const officeName = office.name(kind, placeName);
      const officeUnit = addUnit({
        id: `${unit.id}-${office.key}`,
        parentId: unit.id,
        code: code(j + 1, nn),
        name: officeName.startsWith('Công an') ? officeName : `${officeName} ${kind} ${placeName}`,
        kind: 'office',
      });
      const head = hire(officeUnit, 'leader');
      // In a commune the chairpersons assign most work themselves; office heads some of it.
      assigners.set(office.key, [...leaders, head]);
      const count = PROCESSORS_PER_OFFICE[office.key] ?? 2;
      processors.set(office.key, [
        ...inUnit,
        ...Array.from({ length: count }, () => hire(officeUnit, 'processing_officer')),
      ]);
    });
    agencies.push({
      index: agencies.length,
      unit,
      kind: 'commune',
      area: { province, commune: k },
      weight: (communeVolume * (sizes[k] ?? 1)) / totalSize,
      procedures: communeProcedures,
      desks,
      leaders,
      assigners,
      processors,
    });
  });

  // The catalogue's handling units: the agencies that receive the procedure and, in each, the
  // office that processes it, the units a dossier of it may be transferred to.
  const unitIds = new Set(units.map((u) => u.id));
  const handlingUnitIds = (spec: ProcedureSpec): string[] =>
    agencies
      .filter((a) =>
        spec.agency === 'commune' ? a.kind === 'commune' : a.unit.id === `unit-dept-${spec.agency}`,
      )
      .flatMap((a) => [a.unit.id, `${a.unit.id}-${spec.office}`])
      .filter((id) => unitIds.has(id));
  const catalogue = PROCEDURES.map((spec, i) => ({
    ...(procedures[i] as Procedure),
    handlingUnitIds: handlingUnitIds(spec),
  }));
  return { units, officers, agencies, procedures: catalogue };
}

/** Wards are busier than rural communes and special zones; the demo ward a little more. */
function communeSize(kind: CommuneKind, index: number): number {
  if (index === 0) return 1.4;
  if (kind === 'phường') return 1 + 0.1 * ((index * 7) % 5);
  return kind === 'xã' ? 0.7 : 0.3;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
