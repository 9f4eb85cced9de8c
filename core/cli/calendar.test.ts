import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runCalendarCli, type CliIo } from './calendar';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function run(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    readFile: (path) => {
      const content = files[path];
      if (content === undefined)
        throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return content;
    },
  };
  const code = runCalendarCli(argv, io);
  return { code, out, err };
}

const OFFICIAL_2026 = JSON.stringify({
  2026: { daysOff: ['2026-08-31'], workingDays: ['2026-08-22'] },
});

describe('calendar CLI', () => {
  it('holidays 2027 prints every non-working weekday as one JSON object per line, in date order', () => {
    const { code, out, err } = run(['holidays', '2027']);
    expect(code).toBe(EXIT_OK);
    expect(err).toEqual([]);
    const days = out.map((line) => JSON.parse(line) as { date: string; name: string });
    expect(days.map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-04-16',
      '2027-04-30',
      '2027-05-03',
      '2027-09-01',
      '2027-09-02',
    ]);
    expect(out[1]).toBe('{"date":"2027-02-05","name":"Tết Nguyên đán"}');
  });

  it('due prints the due moment with the +07:00 offset (DOMAIN.md example)', () => {
    const { code, out } = run(['due', '--from', '2026-02-13T10:00:00+07:00', '--days', '3']);
    expect(code).toBe(EXIT_OK);
    expect(out).toEqual(['2026-02-25T10:00:00+07:00']);
    expect(run(['due', '--from=2026-02-13T03:00:00Z', '--days=0']).out).toEqual([
      '2026-02-13T10:00:00+07:00',
    ]);
  });

  it('--overrides applies the official schedule (2026: 31 Aug off, Saturday 22 Aug worked)', () => {
    const files = { 'o.json': OFFICIAL_2026 };
    const holidays = run(['holidays', '2026', '--overrides', 'o.json'], files);
    expect(holidays.code).toBe(EXIT_OK);
    expect(holidays.out).toContain('{"date":"2026-08-31","name":"Nghỉ theo lịch chính thức"}');
    // Fri 21 Aug 08:00 + 2 days: all of Friday, then all of the worked Saturday 22 Aug.
    const due = run(
      ['due', '--from', '2026-08-21T08:00:00+07:00', '--days', '2', '--overrides', 'o.json'],
      files,
    );
    expect(due.out).toEqual(['2026-08-22T17:00:00+07:00']);
  });

  it.each([
    [['frobnicate'], EXIT_USAGE, 'unknown command "frobnicate"'],
    [[], EXIT_USAGE, 'missing command'],
    [['holidays'], EXIT_USAGE, 'holidays needs a year'],
    [['holidays', '27'], EXIT_USAGE, 'year must be four digits'],
    [['holidays', '1850'], EXIT_USAGE, 'year must be between 1900 and 2199'],
    [['holidays', '2027', '--days', '3'], EXIT_USAGE, 'holidays takes a year'],
    [['due', '--days', '3'], EXIT_USAGE, 'due needs --from'],
    [
      ['due', '--from', '2026-02-13T10:00:00', '--days', '3'],
      EXIT_USAGE,
      '--from must be an ISO-8601 moment with an offset',
    ],
    [['due', '--from', '2026-02-30T10:00:00+07:00', '--days', '3'], EXIT_USAGE, '--from must be'],
    [['due', '--from', '2026-02-13T10:00:00+07:00'], EXIT_USAGE, 'due needs --days'],
    [
      ['due', '--from', '2026-02-13T10:00:00+07:00', '--days', '-3'],
      EXIT_USAGE,
      '--days must be a whole number of working days ≥ 0, got "-3"',
    ],
    [['due', '--from', '2026-02-13T10:00:00+07:00', '--days', '1.5'], EXIT_USAGE, 'got "1.5"'],
    [
      ['due', '--from', '2026-02-13T10:00:00+07:00', '--days', '3', '--bogus'],
      EXIT_USAGE,
      "Unknown option '--bogus'",
    ],
    [
      ['due', '--from', '2199-12-30T10:00:00+07:00', '--days', '30'],
      EXIT_FAILURE,
      'The calendar covers 1900–2199',
    ],
    [
      ['holidays', '2026', '--overrides', 'missing.json'],
      EXIT_FAILURE,
      'cannot read overrides file missing.json: ENOENT',
    ],
    [
      ['holidays', '2026', '--overrides', 'broken.json'],
      EXIT_FAILURE,
      'overrides file broken.json is not valid JSON',
    ],
    [
      ['holidays', '2026', '--overrides', 'bad-date.json'],
      EXIT_FAILURE,
      'overrides file bad-date.json: 2026.daysOff[0]: not a real calendar date',
    ],
    [
      ['holidays', '2026', '--overrides', 'bad-key.json'],
      EXIT_FAILURE,
      'overrides file bad-key.json: 2026: Unrecognized key: "holiday"',
    ],
  ])('%j exits %i with one clear line on stderr: %s', (argv, code, message) => {
    const files = {
      'broken.json': '{"2026": ',
      'bad-date.json': '{"2026": {"daysOff": ["2026-02-30"], "workingDays": []}}',
      'bad-key.json': '{"2026": {"holiday": []}}',
    };
    const result = run(argv, files);
    expect(result.code).toBe(code);
    expect(result.out).toEqual([]);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toContain(message);
    expect(result.err[0]).not.toContain('\n');
  });

  it('--help explains both commands', () => {
    const { code, out } = run(['--help']);
    expect(code).toBe(EXIT_OK);
    expect(out.join('\n')).toMatch(
      /holidays <year>[\s\S]*due --from <instant> --days <n>[\s\S]*--overrides/,
    );
  });

  it('the real command runs through npm (npm run --silent calendar -- …)', () => {
    const ok = spawnSync(
      'npm',
      [
        'run',
        '--silent',
        'calendar',
        '--',
        'due',
        '--from',
        '2026-02-13T10:00:00+07:00',
        '--days',
        '3',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('2026-02-25T10:00:00+07:00\n');
    const bad = spawnSync('npm', ['run', '--silent', 'calendar', '--', 'holidays', 'next-year'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('calendar: year must be four digits, got "next-year"');
  }, 30_000);
});
