import type { Migration } from '../migrate';
import { initial } from './0001-initial';
import { sync } from './0002-sync';
import { search } from './0003-search';
import { workbench } from './0004-workbench';
import { statusOrder } from './0005-status-order';
import { supervision } from './0006-supervision';
import { supervisionYears } from './0007-supervision-years';
import { periodCounts } from './0008-period-counts';
import { finishedLate } from './0009-finished-late';
import { handlingUnits } from './0010-handling-units';

/**
 * The ordered list of schema migrations. To change the schema, add a file NNNN-name.ts exporting
 * a Migration with the next version number, append it here, and add its test in
 * migrate.test.ts. Never edit a migration that has shipped. A migration is frozen: SQL and its
 * own constants, importing nothing but the types of ../migrate (a lint rule holds this), so what
 * it does never follows later code; data only live code can build is a repair it names
 * (`repairs`, run from ../repairs.ts).
 */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  sync,
  search,
  workbench,
  statusOrder,
  supervision,
  supervisionYears,
  periodCounts,
  finishedLate,
  handlingUnits,
];
