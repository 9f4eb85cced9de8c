import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import {
  FormError,
  formDocument,
  periodRange,
  prepareDossierForm,
  prepareRegister,
  type DossierForm,
  type DossierFormSource,
  type FormSettings,
  type PreparedForm,
  type RegisterPeriod,
} from '@shared/forms';
import type { Unit } from '@shared/model';
import { ApiFailure, type Envelope } from '@shared/contract/envelope';
import { renderPdf } from './pdf';

/**
 * Record → document definition → PDF bytes, for the app's handler and the CLI alike. Records are
 * read through the contract (`dossiers.get`, `dossiers.list`, `search.query`, `directory.list`)
 * rather than the store's SQL, so the forms follow whatever the core's services answer.
 */

/** The one dispatch of the core (core/dispatch.ts), or anything that answers like it. */
export type Call = (method: string, input: unknown) => Promise<Envelope<unknown>>;

export interface FormServiceOptions {
  readonly call: Call;
  readonly clock: () => number;
  /** The synced working calendar (the control sheet's marks); the default calendar if absent. */
  readonly calendar?: () => WorkingCalendar;
  /** The administrator's agency lines and place names (core/documents/settings.ts). */
  readonly settings?: () => FormSettings;
  /** The training banner, in the trainers' sandbox. */
  readonly banner?: string;
}

export interface RenderedForm {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly formSet: string;
  readonly code: string;
  readonly title: string;
  readonly pageSize: 'A4' | 'A5';
}

export type FormTarget =
  | { readonly form: DossierForm; readonly dossierId: string }
  | { readonly form: DossierForm; readonly dossierNumber: string }
  | { readonly form: 'register'; readonly unit: string; readonly period: RegisterPeriod };

interface ListPage {
  readonly rows: readonly { readonly id: string; readonly receivedAt: number | null }[];
  readonly nextCursor: string | null;
}

interface SearchAnswer {
  readonly hits: readonly {
    readonly entity: string;
    readonly id: string;
    readonly number: string;
  }[];
}

/** Most dossiers a register prints: a busy commune's year. */
export const MAX_REGISTER_DOSSIERS = 50_000;

export function createFormService(options: FormServiceOptions) {
  const fallbackCalendar = new WorkingCalendar();
  const calendar = () => options.calendar?.() ?? fallbackCalendar;

  async function value<T>(method: string, input: unknown): Promise<T> {
    const answer = await options.call(method, input);
    if (!answer.ok)
      throw new ApiFailure(answer.error.code, answer.error.message, answer.error.rule);
    return answer.value as T;
  }

  async function dossierSource(id: string): Promise<DossierFormSource> {
    return value<DossierFormSource>('dossiers.get', { id });
  }

  /** The dossier's id from its number (MaHoSo), exactly as written. */
  async function dossierIdOf(number: string): Promise<string> {
    const wanted = number.trim();
    const answer = await value<SearchAnswer>('search.query', {
      text: wanted,
      entities: ['dossier'],
      limit: 10,
    });
    const hit = answer.hits.find((h) => h.entity === 'dossier' && h.number === wanted);
    if (hit === undefined) throw new ApiFailure('NOT_FOUND', `no dossier numbered ${wanted}`);
    return hit.id;
  }

  async function unitOf(idOrCode: string): Promise<Unit> {
    const { units } = await value<{ units: readonly Unit[] }>('directory.list', {});
    const unit = units.find((u) => u.id === idOrCode || u.code === idOrCode);
    if (unit === undefined) {
      throw new ApiFailure('NOT_FOUND', `no unit with id or agency code ${idOrCode}`);
    }
    return unit;
  }

  /** The dossiers the unit received in the period, through the list newest first. */
  async function registerSources(unit: Unit, period: RegisterPeriod): Promise<DossierFormSource[]> {
    const { start, end } = periodRange(period);
    const ids: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page: ListPage = await value<ListPage>('dossiers.list', {
        filter: { unitId: unit.id },
        sort: { field: 'receivedAt', direction: 'desc' },
        limit: 500,
        ...(cursor === null ? {} : { cursor }),
      });
      let older = false;
      for (const row of page.rows) {
        if (row.receivedAt === null) continue;
        if (row.receivedAt < start) {
          older = true;
          break;
        }
        if (row.receivedAt < end) ids.push(row.id);
      }
      if (ids.length > MAX_REGISTER_DOSSIERS) {
        throw new ApiFailure(
          'BAD_REQUEST',
          `more than ${MAX_REGISTER_DOSSIERS} dossiers in the period: print a shorter one`,
        );
      }
      if (older || page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    return Promise.all(ids.map(dossierSource));
  }

  async function prepare(target: FormTarget): Promise<PreparedForm> {
    const now = options.clock();
    if (target.form === 'register') {
      const unit = await unitOf(target.unit);
      return prepareRegister(unit, target.period, await registerSources(unit, target.period), now);
    }
    const id = 'dossierId' in target ? target.dossierId : await dossierIdOf(target.dossierNumber);
    return prepareDossierForm(target.form, await dossierSource(id), {
      now,
      calendar: calendar(),
    });
  }

  return {
    /** PDF bytes of one form; a FormError names why it cannot be printed. */
    async render(target: FormTarget): Promise<RenderedForm> {
      const prepared = await prepare(target);
      const definition = formDocument(prepared, {
        settings: options.settings?.() ?? {},
        ...(options.banner === undefined ? {} : { banner: options.banner }),
      });
      const bytes = await renderPdf(definition, prepared.datedAt);
      return {
        bytes,
        fileName: prepared.fileName,
        formSet: prepared.set.id,
        code: prepared.template.code,
        title: prepared.template.title,
        pageSize: prepared.template.paper.size,
      };
    },
  };
}

export type FormService = ReturnType<typeof createFormService>;

/** A FormError as the contract's failure: the rule code for the UI, the message naming it. */
export function asApiFailure(error: unknown): unknown {
  if (error instanceof FormError)
    return new ApiFailure('RULE_VIOLATION', error.message, error.code);
  if (error instanceof RangeError) return new ApiFailure('BAD_REQUEST', error.message);
  return error;
}
