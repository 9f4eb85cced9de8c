import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { complaintKind, dossierKind } from '../kinds';
import { DossierSchema, DossierStatusSchema, Id, Millis, OfficerSchema } from '../model/schemas';
import { recordContract } from './records';

/**
 * A later kind of record (the supervisors' internal task, say) gets its methods from one call:
 * this one is made up here, with only what a kind must have.
 */
const TaskSchema = z.object({
  id: Id,
  number: z.string(),
  title: z.string(),
  status: z.enum(['open', 'done']),
  receivedAt: Millis,
  unitId: Id,
  assigneeId: Id.nullable(),
  version: z.number().int(),
  updatedAt: Millis,
});
const TaskActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('close') }),
  z.strictObject({ type: z.literal('assign'), assigneeId: Id }),
]);
const taskKind = {
  name: 'task',
  plural: 'tasks',
  schema: TaskSchema,
  statuses: ['open', 'done'],
  actionSchema: TaskActionSchema,
} as const;

const tasks = recordContract(taskKind, {
  record: TaskSchema,
  action: TaskActionSchema,
  status: TaskSchema.shape.status,
  sortFields: ['receivedAt', 'title'],
  row: TaskSchema.pick({ id: true, number: true, title: true, status: true }),
  detail: { assignee: OfficerSchema.nullable() },
});

describe('a kind of record’s contract', () => {
  it('names the kind’s methods and event after its plural', () => {
    expect(Object.keys(tasks.methods).sort()).toEqual([
      'tasks.act',
      'tasks.actMany',
      'tasks.allowedActions',
      'tasks.get',
      'tasks.list',
      'tasks.seek',
    ]);
    expect(Object.keys(tasks.events)).toEqual(['tasks.changed']);
  });

  it('lists every record by its first sort field, newest first, when the list says nothing', () => {
    expect(tasks.methods['tasks.list'].input.parse({})).toEqual({
      filter: {},
      sort: { field: 'receivedAt', direction: 'desc' },
      limit: 100,
    });
    expect(tasks.methods['tasks.seek'].input.parse({ position: 3 })).toMatchObject({
      filter: {},
      sort: { field: 'receivedAt', direction: 'desc' },
    });
  });

  it('takes only the kind’s own statuses, sort fields and actions', () => {
    const list = tasks.methods['tasks.list'].input;
    expect(list.safeParse({ filter: { status: ['open'] } }).success).toBe(true);
    expect(list.safeParse({ filter: { status: ['closed'] } }).success).toBe(false);
    expect(list.safeParse({ sort: { field: 'dueAt', direction: 'asc' } }).success).toBe(false);
    const act = tasks.methods['tasks.act'].input;
    expect(act.safeParse({ id: 't1', action: { type: 'assign', assigneeId: 'o1' } }).success).toBe(
      true,
    );
    expect(act.safeParse({ id: 't1', action: { type: 'accept' } }).success).toBe(false);
  });

  it('answers a record with its history, what the kind resolves, and its deadline', () => {
    const detail = tasks.methods['tasks.get'].output;
    expect(Object.keys(detail.shape)).toEqual([
      'task',
      'history',
      'assignee',
      'deadlineState',
      'workingMsLeft',
      'workingMsTotal',
      'pending',
    ]);
    const row = tasks.methods['tasks.list'].output.shape.rows.element;
    expect(Object.keys(row.shape)).toEqual([
      'id',
      'number',
      'title',
      'status',
      'pending',
      'deadlineState',
      'workingMsLeft',
    ]);
  });

  it('refuses a bulk action that names a record twice', () => {
    const actMany = tasks.methods['tasks.actMany'].input;
    const twice = actMany.safeParse({ ids: ['t1', 't1'], action: { type: 'close' } });
    expect(twice.error?.issues[0]?.message).toBe('an id is listed twice');
  });

  it('refuses schemas that are not its kind’s own', () => {
    expect(() =>
      recordContract(dossierKind, {
        record: DossierSchema,
        action: complaintKind.actionSchema,
        status: DossierStatusSchema,
        sortFields: ['receivedAt'],
        row: DossierSchema.pick({ id: true }),
        detail: {},
      }),
    ).toThrow(/not its kind/);
  });
});
