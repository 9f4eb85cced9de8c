/**
 * `npm run seed -- --dossiers 200000 [--complaints N] [--data-dir DIR] [--seed N] [--force]`
 * Fills a local store with deterministic synthetic data (Vietnamese names, real procedures and
 * places, dossier numbers in the legal format). Refuses to write into a store that already holds
 * records unless --force is given.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../app';
import { seedStore } from '../seed';

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 50_000_000) {
    throw new Error(`--${name} must be a whole number between 0 and 50000000, got "${value}"`);
  }
  return n;
}

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        dossiers: { type: 'string' },
        complaints: { type: 'string' },
        'data-dir': { type: 'string' },
        seed: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`seed: ${(error as Error).message}`);
    return 2;
  }
  if (values.help) {
    console.log(
      'usage: npm run seed -- --dossiers N [--complaints N] [--data-dir DIR] [--seed N] [--force]',
    );
    return 0;
  }
  let dossiers: number;
  let complaints: number;
  try {
    dossiers = positiveInt('dossiers', values.dossiers, 20_000);
    complaints = positiveInt('complaints', values.complaints, Math.round(dossiers / 5));
  } catch (error) {
    console.error(`seed: ${(error as Error).message}`);
    return 2;
  }
  const dataDir = resolve(
    values['data-dir'] ?? process.env.WORKBENCH_DATA_DIR ?? join(process.cwd(), '.data'),
  );
  const core = createCore({ dataDir, host: 'browser', startSync: false });
  try {
    if (!core.sync.cache.isEmpty() && !values.force) {
      console.error(
        `seed: ${dataDir} already holds records; add --force to add more, or choose another --data-dir`,
      );
      return 1;
    }
    const result = seedStore(core.db, {
      dossiers,
      complaints,
      ...(values.seed !== undefined ? { seed: values.seed } : {}),
      onProgress: (done, total) =>
        process.stdout.write(
          `\r${done.toLocaleString('vi-VN')} / ${total.toLocaleString('vi-VN')}`,
        ),
    });
    process.stdout.write('\n');
    console.log(
      `${result.dossiers} dossiers, ${result.complaints} complaints, ${result.historyEntries} history entries in ${(result.ms / 1000).toFixed(1)} s → ${join(dataDir, 'workbench.db')}`,
    );
    return 0;
  } finally {
    core.close();
  }
}

process.exitCode = main();
