/**
 * `npm run form -- --dossier NUMBER --form receipt|supplement|refusal|apology|stop|control
 *   --out FILE.pdf [--data-dir DIR]`
 * `npm run form -- --form register --unit UNIT --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf`
 * Prints one of the one-stop legal forms of a dossier in the local store (or a unit's register
 * for a period) as PDF: the same bytes the workbench's print preview shows. The file appears
 * only when the whole form was made: it is written under a temporary name and renamed.
 * The CLI records no print in the dossier's history: it has no signed-in officer.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '@shared/clock';
import { FORM_KINDS, FormError, isFormKind } from '@shared/forms';
import { ApiFailure } from '@shared/contract/envelope';
import { STORE_FILE, createCore } from '../app';
import { createFormService, type FormTarget } from '../documents/service';
import { formSettingsReader } from '../documents/settings';

export const USAGE = [
  'usage: npm run form -- --dossier NUMBER --form receipt|supplement|refusal|apology|stop|control --out FILE.pdf [--data-dir DIR]',
  '       npm run form -- --form register --unit UNIT --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf [--data-dir DIR]',
].join('\n');

export interface FormCommand {
  readonly target: FormTarget;
  readonly out: string;
  readonly dataDir: string;
}

/** The command line as a request, or the sentence that says what is wrong with it. */
export function parseFormArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
  cwd = '.',
): FormCommand | { readonly error: string } | { readonly help: true } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        dossier: { type: 'string' },
        form: { type: 'string' },
        out: { type: 'string' },
        'data-dir': { type: 'string' },
        unit: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { help: true };
  const form = values.form;
  if (form === undefined) return { error: `--form is required (${FORM_KINDS.join(', ')})` };
  if (!isFormKind(form)) {
    return { error: `unknown form "${form}": one of ${FORM_KINDS.join(', ')}` };
  }
  if (values.out === undefined || values.out.trim() === '')
    return { error: '--out FILE.pdf is required' };
  const dataDir = resolve(cwd, values['data-dir'] ?? env.WORKBENCH_DATA_DIR ?? join(cwd, '.data'));
  const out = resolve(cwd, values.out);
  if (form === 'register') {
    if (values.dossier !== undefined)
      return { error: 'the register takes --unit, --from and --to, not --dossier' };
    if (values.unit === undefined)
      return { error: 'the register needs --unit (a unit id or agency code)' };
    if (values.from === undefined || values.to === undefined) {
      return { error: 'the register needs --from and --to (YYYY-MM-DD)' };
    }
    return {
      target: { form, unit: values.unit, period: { from: values.from, to: values.to } },
      out,
      dataDir,
    };
  }
  if (values.dossier === undefined || values.dossier.trim() === '') {
    return { error: `--dossier NUMBER is required for the ${form} form` };
  }
  if (values.unit !== undefined || values.from !== undefined || values.to !== undefined) {
    return { error: '--unit, --from and --to are for the register only' };
  }
  return { target: { form, dossierNumber: values.dossier }, out, dataDir };
}

/** Writes the bytes under a temporary name beside `out`, then renames: all or nothing. */
export function writeAtomically(out: string, bytes: Uint8Array): void {
  const temp = join(dirname(out), `.${process.pid}.${systemClock()}.form.tmp`);
  try {
    writeFileSync(temp, bytes, { flag: 'wx' });
    renameSync(temp, out);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export async function runFormCommand(command: FormCommand): Promise<string> {
  if (!existsSync(join(command.dataDir, STORE_FILE))) {
    throw new Error(
      `no local store in ${command.dataDir} (npm run seed -- --data-dir DIR fills one)`,
    );
  }
  const core = createCore({ dataDir: command.dataDir, host: 'browser', startSync: false });
  try {
    const service = createFormService({
      call: (method, input) => core.dispatch(method, input),
      clock: systemClock,
      settings: formSettingsReader(command.dataDir),
    });
    const rendered = await service.render(command.target);
    writeAtomically(command.out, rendered.bytes);
    return `${rendered.code} ${rendered.title} (${rendered.formSet}, ${rendered.pageSize}, ${rendered.bytes.length} bytes) → ${command.out}`;
  } finally {
    core.close();
  }
}

async function main(): Promise<number> {
  const parsed = parseFormArgs(process.argv.slice(2), process.env, process.cwd());
  if ('help' in parsed) {
    console.log(USAGE);
    return 0;
  }
  if ('error' in parsed) {
    console.error(`form: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  try {
    console.log(await runFormCommand(parsed));
    return 0;
  } catch (error) {
    const message =
      error instanceof FormError || error instanceof ApiFailure || error instanceof Error
        ? error.message
        : String(error);
    console.error(`form: ${message}; no file written`);
    return 1;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = await main();
}
