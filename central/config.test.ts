import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const root = '/srv/central';
const load = (argv: string[], env: NodeJS.ProcessEnv = {}, files: Record<string, string> = {}) =>
  loadConfig({
    argv,
    env,
    root,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    },
  });

describe('configuration', () => {
  it('defaults to the embedded SQLite file on 127.0.0.1:8790 with the demo seed', () => {
    expect(load([])).toMatchObject({
      host: '127.0.0.1',
      port: 8790,
      storage: { kind: 'sqlite', file: '/srv/central/.data/central.db' },
      seed: { dossiers: 200_000, complaints: 50_000, seed: 1 },
      log: { level: 'info', requests: true },
      shutdownMs: 30_000,
    });
    expect(load(['--help'])).toBeNull();
  });

  it('takes a file, then the environment over it, then flags over both', () => {
    const files = {
      '/etc/central.json': JSON.stringify({
        port: 9000,
        host: '0.0.0.0',
        databaseUrl: 'postgres://central@db.internal/central',
        poolSize: 24,
        seed: false,
        loginAttempts: { max: 5, windowMinutes: 30 },
        live: { maxListeners: 5000 },
        log: { level: 'warn' },
      }),
    };
    const fromFile = load(['--config', '/etc/central.json'], {}, files);
    expect(fromFile).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      storage: { kind: 'postgres', url: 'postgres://central@db.internal/central', poolSize: 24 },
      seed: false,
      loginAttempts: { max: 5, windowMs: 30 * 60_000 },
      live: { maxListeners: 5000 },
      log: { level: 'warn', requests: true },
    });
    const env = {
      CENTRAL_CONFIG: '/etc/central.json',
      CENTRAL_PORT: '9100',
      CENTRAL_LOG_REQUESTS: 'false',
      CENTRAL_LOGIN_MAX_FAILURES: '7',
    };
    expect(load([], env, files)).toMatchObject({
      port: 9100,
      loginAttempts: { max: 7, windowMs: 30 * 60_000 },
      log: { level: 'warn', requests: false },
    });
    expect(load(['--port', '9200', '--seed', 'none'], env, files)).toMatchObject({
      port: 9200,
      seed: false,
    });
  });

  it('keeps SQLite settings and seed sizes from flags', () => {
    expect(
      load(
        [
          '--data',
          'x/c.db',
          '--dossiers',
          '2_000',
          '--complaints',
          '500',
          '--seed',
          '7',
          '--simulate-rate',
          '2/s',
        ],
        {
          CENTRAL_SQLITE_SYNCHRONOUS: 'full',
        },
      ),
    ).toMatchObject({
      storage: { kind: 'sqlite', file: '/srv/central/x/c.db', synchronous: 'FULL' },
      seed: { dossiers: 2000, complaints: 500, seed: 7 },
      simulatePerMinute: 120,
    });
  });

  it('refuses what it cannot use, saying where it came from', () => {
    const files = { '/c.json': JSON.stringify({ prot: 1 }), '/bad.json': '{port:' };
    expect(() => load(['--config', '/c.json'], {}, files)).toThrow(
      new ConfigError('/c.json: unknown key "prot"'),
    );
    expect(() => load(['--config', '/bad.json'], {}, files)).toThrow(/bad.json: not JSON/);
    expect(() => load(['--config', '/none.json'], {}, files)).toThrow(/cannot be read/);
    expect(() => load([], { CENTRAL_PORT: 'eighty' })).toThrow(/CENTRAL_PORT: expected a number/);
    expect(() => load([], { CENTRAL_DATABASE_URL: 'mysql://x' })).toThrow(
      /databaseUrl: must be a postgres/,
    );
    expect(() => load(['--port', '70000'])).toThrow(/command line port/);
    expect(() => load(['--simulate-rate', 'fast'])).toThrow(/--simulate-rate/);
    expect(() => load(['--nope'])).toThrow();
  });

  it('takes the per-address sign-in limit and the trusted proxies, and refuses bad ones by name', () => {
    const files = {
      '/c.json': JSON.stringify({
        loginAttempts: { maxPerAddress: 250 },
        trustProxy: '10.0.0.0/8, 192.0.2.1',
      }),
    };
    expect(load(['--config', '/c.json'], {}, files)).toMatchObject({
      loginAttempts: { max: 10, windowMs: 15 * 60_000, maxPerAddress: 250 },
      trustProxy: '10.0.0.0/8, 192.0.2.1',
    });
    expect(
      load([], {
        CENTRAL_LOGIN_MAX_FAILURES_PER_ADDRESS: '40',
        CENTRAL_TRUST_PROXY: 'loopback,fd00::/8',
      }),
    ).toMatchObject({
      loginAttempts: { max: 10, windowMs: 15 * 60_000, maxPerAddress: 40 },
      trustProxy: 'loopback,fd00::/8',
    });
    // Neither set: no per-address override (the server's default applies), no proxy trusted.
    expect(load([])).toMatchObject({ loginAttempts: undefined, trustProxy: undefined });

    expect(() => load([], { CENTRAL_LOGIN_MAX_FAILURES_PER_ADDRESS: 'many' })).toThrow(
      /CENTRAL_LOGIN_MAX_FAILURES_PER_ADDRESS: expected a number/,
    );
    for (const bad of ['0', '2.5', '-3']) {
      expect(() => load([], { CENTRAL_LOGIN_MAX_FAILURES_PER_ADDRESS: bad })).toThrow(
        /environment loginAttempts\.maxPerAddress: /,
      );
    }
    const badFile = { '/p.json': JSON.stringify({ loginAttempts: { maxPerAddress: '100' } }) };
    expect(() => load(['--config', '/p.json'], {}, badFile)).toThrow(
      /\/p\.json loginAttempts\.maxPerAddress: /,
    );
    // A hop count, a boolean or a name is not a proxy's address: refused at start, by name.
    for (const bad of ['true', '1', 'proxy.internal', '10.0.0.0/33', '10.0.0.1,,10.0.0.2']) {
      expect(() => load([], { CENTRAL_TRUST_PROXY: bad }), bad).toThrow(/environment trustProxy: /);
    }
    const emptyFile = { '/e.json': JSON.stringify({ trustProxy: '' }) };
    expect(() => load(['--config', '/e.json'], {}, emptyFile)).toThrow(/\/e\.json trustProxy: /);
  });
});
