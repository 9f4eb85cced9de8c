import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../app';
import { seedStore } from '../seed';
import { parseFormArgs, runFormCommand, writeAtomically, type FormCommand } from './form';

const dir = mkdtempSync(join(tmpdir(), 'form-cli-'));
const dataDir = join(dir, 'data');
let numbers: { accepted: string; refused: string };

beforeAll(() => {
  const core = createCore({ dataDir, host: 'browser', startSync: false });
  try {
    seedStore(core.db, { dossiers: 400, complaints: 0, seed: 'form-cli' });
    const pick = (sql: string) => (core.db.prepare(sql).get() as { number: string }).number;
    numbers = {
      accepted: pick('SELECT number FROM dossiers WHERE status = 10 ORDER BY number LIMIT 1'),
      refused: pick('SELECT number FROM dossiers WHERE status = 3 ORDER BY number LIMIT 1'),
    };
  } finally {
    core.close();
  }
});

function command(args: string[]): FormCommand {
  const parsed = parseFormArgs([...args, '--data-dir', dataDir], {}, dir);
  if (!('target' in parsed)) throw new Error(JSON.stringify(parsed));
  return parsed;
}

describe('npm run form', () => {
  it('writes a dossier’s receipt from the local store as PDF', async () => {
    const out = join(dir, 'receipt.pdf');
    const line = await runFormCommand(
      command(['--dossier', numbers.accepted, '--form', 'receipt', '--out', out]),
    );
    expect(line).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    const text = execFileSync('pdftotext', ['-raw', out, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, '')).toContain(numbers.accepted);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('names what is wrong and writes no file: unknown dossier, a form that does not apply', async () => {
    const out = join(dir, 'bad.pdf');
    await expect(
      runFormCommand(command(['--dossier', 'KHONG-CO-1', '--form', 'receipt', '--out', out])),
    ).rejects.toThrow('no dossier numbered KHONG-CO-1');
    await expect(
      runFormCommand(command(['--dossier', numbers.accepted, '--form', 'refusal', '--out', out])),
    ).rejects.toThrow(`does not apply to dossier ${numbers.accepted}`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an unknown form name and incomplete arguments before opening anything', () => {
    expect(parseFormArgs(['--dossier', 'X', '--form', 'receit', '--out', 'a.pdf'])).toEqual({
      error:
        'unknown form "receit": one of receipt, supplement, refusal, apology, stop, control, register',
    });
    expect(parseFormArgs(['--form', 'register', '--out', 'a.pdf', '--unit', 'u'])).toEqual({
      error: 'the register needs --from and --to (YYYY-MM-DD)',
    });
    expect(parseFormArgs(['--form', 'receipt', '--out', 'a.pdf'])).toEqual({
      error: '--dossier NUMBER is required for the receipt form',
    });
    expect(parseFormArgs(['--form', 'receipt', '--dossier', 'X'])).toEqual({
      error: '--out FILE.pdf is required',
    });
  });

  it('leaves nothing behind when the file cannot be written', () => {
    const out = join(dir, 'missing-folder', 'x.pdf');
    expect(() => writeAtomically(out, new Uint8Array([1]))).toThrow();
    expect(existsSync(out)).toBe(false);
  });
});
