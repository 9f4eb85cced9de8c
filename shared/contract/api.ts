import type { z } from 'zod';
import * as app from './app';
import * as complaints from './complaints';
import * as directory from './directory';
import * as dossiers from './dossiers';
import * as forms from './forms';
import * as queues from './queues';
import * as reports from './reports';
import * as sandbox from './sandbox';
import * as search from './search';
import * as session from './session';
import type { EventTable, MethodTable } from './table';

/**
 * The one API contract. Each method is a name, a zod input and a zod output; each event a name and
 * a zod payload. The renderer's client, the preload bridge, the IPC handlers and the HTTP routes
 * are all derived from these two tables. Each feature declares its own slice in its own module
 * of this folder (the kinds of record share records.ts), and this module only merges them, so
 * adding a method is a change to one feature: add it to that module's `methods`, implement it in
 * core, and nothing else changes shape.
 *
 * Every schema is re-exported from here, so `@shared/contract/api` stays the one import.
 */

export * from './app';
export * from './complaints';
export * from './directory';
export * from './dossiers';
export * from './forms';
export * from './queues';
export * from './records';
export * from './report-filters';
export * from './reports';
export * from './sandbox';
export * from './search';
export * from './session';

export const methods = {
  ...app.methods,
  ...dossiers.methods,
  ...complaints.methods,
  ...search.methods,
  ...queues.methods,
  ...session.methods,
  ...directory.methods,
  ...forms.methods,
  ...reports.methods,
  ...sandbox.methods,
} as const satisfies MethodTable;

export const events = {
  ...dossiers.events,
  ...complaints.events,
  ...search.events,
  ...queues.events,
  ...session.events,
  ...directory.events,
  ...app.events,
  ...forms.events,
  ...reports.events,
  ...sandbox.events,
} as const satisfies EventTable;

/*
 * The kinds' schemas under the names the one table gave them, which core and the renderer
 * import. A kind's contract (`dossierContract`…) holds them all; methods name their own.
 */
export const DossierFilterSchema = dossiers.dossierContract.filter;
export const ComplaintFilterSchema = complaints.complaintContract.filter;
export const DossierSortSchema = dossiers.dossierContract.sort;
export const ComplaintSortSchema = complaints.complaintContract.sort;
export const DossierListRowSchema = dossiers.dossierContract.row;
export const ComplaintListRowSchema = complaints.complaintContract.row;
export const BulkActionResultSchema = dossiers.dossierContract.bulkResult;
export const ComplaintBulkActionResultSchema = complaints.complaintContract.bulkResult;
export const DossierListInputSchema = methods['dossiers.list'].input;
export const ComplaintListInputSchema = methods['complaints.list'].input;
export const DossierListOutputSchema = methods['dossiers.list'].output;
export const ComplaintListOutputSchema = methods['complaints.list'].output;
export const DossierSeekInputSchema = methods['dossiers.seek'].input;
export const ComplaintSeekInputSchema = methods['complaints.seek'].input;
export const DossierDetailSchema = methods['dossiers.get'].output;
export const ComplaintDetailSchema = methods['complaints.get'].output;

export type DossierFilter = z.infer<typeof DossierFilterSchema>;
export type ComplaintFilter = z.infer<typeof ComplaintFilterSchema>;
export type DossierListRow = z.infer<typeof DossierListRowSchema>;
export type ComplaintListRow = z.infer<typeof ComplaintListRowSchema>;
export type BulkActionResult = z.infer<typeof BulkActionResultSchema>;
export type ComplaintBulkActionResult = z.infer<typeof ComplaintBulkActionResultSchema>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export type DossierListInput = MethodInput<'dossiers.list'>;
export type ComplaintListInput = MethodInput<'complaints.list'>;
export type DossierListOutput = MethodOutput<'dossiers.list'>;
export type ComplaintListOutput = MethodOutput<'complaints.list'>;
export type DossierSeekInput = MethodInput<'dossiers.seek'>;
export type ComplaintSeekInput = MethodInput<'complaints.seek'>;
export type DossierDetail = MethodOutput<'dossiers.get'>;
export type ComplaintDetail = MethodOutput<'complaints.get'>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** Largest request body either transport accepts; bigger requests are refused unread. */
export const MAX_REQUEST_BYTES = 1_000_000;
