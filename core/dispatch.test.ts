import { describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '@shared/contract/envelope';
import { createDispatch, type Handlers } from './dispatch';

const unused = () => {
  throw new Error('not used in this test');
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'dossiers.act': unused,
    'complaints.actMany': unused,
    'dossiers.allowedActions': unused,
    'session.defaults': unused,
    'session.login': unused,
    'session.logout': unused,
    'sync.status': unused,
    'sync.now': unused,
    'sync.notices': unused,
    'sync.dismissNotice': unused,
    'search.query': unused,
    'complaints.list': unused,
    'complaints.get': unused,
    'complaints.act': unused,
    'complaints.allowedActions': unused,
    'dossiers.actMany': unused,
    'queues.list': unused,
    'views.save': unused,
    'views.delete': unused,
    'prefs.get': unused,
    'prefs.set': unused,
    'directory.list': unused,
    'dossiers.seek': unused,
    'complaints.seek': unused,
    'forms.render': unused,
    'reports.dashboard': unused,
    'reports.scorecard': unused,
    'reports.table': unused,
    'reports.exportStart': unused,
    'reports.exportStatus': unused,
    'reports.exportCancel': unused,
    'reports.exportRead': unused,
    'reports.exportDiscard': unused,
    'app.clock': unused,
    'sandbox.state': unused,
    'sandbox.reset': unused,
    'sandbox.clock': unused,
    'sandbox.citizen': unused,
    'sandbox.simulate': unused,
    'sandbox.network': unused,
    'sandbox.conflict': unused,
    'sandbox.switchAccount': unused,
    'app.info': () => ({
      name: 'x',
      version: '1',
      host: 'browser',
      schemaVersion: 1,
      dossierCount: 0,
      complaintCount: 0,
    }),
    'dossiers.list': () => ({ rows: [], nextCursor: null, total: 0 }),
    'dossiers.get': () => {
      throw new ApiFailure('NOT_FOUND', 'no such dossier');
    },
    ...overrides,
  };
}

describe('dispatch', () => {
  it('answers a valid call with its value', async () => {
    const dispatch = createDispatch(handlers());
    expect(await dispatch('dossiers.list', {})).toEqual({
      ok: true,
      value: { rows: [], nextCursor: null, total: 0 },
    });
  });

  it('fills defaults before the handler sees the input', async () => {
    const list = vi.fn(() => ({ rows: [], nextCursor: null, total: 0 }));
    await createDispatch(handlers({ 'dossiers.list': list }))('dossiers.list', {});
    expect(list).toHaveBeenCalledWith({
      filter: {},
      sort: { field: 'receivedAt', direction: 'desc' },
      limit: 100,
    });
  });

  it('refuses an unknown method by name', async () => {
    const result = await createDispatch(handlers())('dossiers.delete', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: 'unknown method: dossiers.delete' },
    });
  });

  it('refuses a method name that is not a string, or inherited from Object', async () => {
    const dispatch = createDispatch(handlers());
    expect((await dispatch(42, {})).ok).toBe(false);
    expect(await dispatch('toString', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await dispatch('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
  });

  it.each([
    ['a missing field', 'dossiers.get', {}, 'id'],
    ['a wrong type', 'dossiers.list', { limit: 'ten' }, 'limit'],
    ['an out-of-range page size', 'dossiers.list', { limit: 100000 }, 'limit'],
    ['an unknown status code', 'dossiers.list', { filter: { status: [11] } }, 'filter.status[0]'],
    ['an unknown field', 'dossiers.list', { filter: { colour: 'red' } }, 'filter'],
    ['an oversized string', 'dossiers.get', { id: 'x'.repeat(10_000) }, 'id'],
    [
      'a sort on a field that is not sortable',
      'dossiers.list',
      { sort: { field: 'phone', direction: 'asc' } },
      'sort.field',
    ],
    ['a non-object input', 'dossiers.list', 'all', ''],
  ])('refuses %s and names the field', async (_case, method, input, path) => {
    const handler = vi.fn();
    const dispatch = createDispatch(
      handlers({ 'dossiers.list': handler, 'dossiers.get': handler }),
    );
    const result = await dispatch(method, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_REQUEST');
    expect(result.error.path).toBe(path);
    expect(result.error.message).toContain(method);
    if (path) expect(result.error.message).toContain(path);
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes a service refusal through with its code', async () => {
    expect(await createDispatch(handlers())('dossiers.get', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no such dossier' },
    });
  });

  it('hides the detail of an unexpected failure but reports it to the log', async () => {
    const log = vi.fn();
    const dispatch = createDispatch(
      handlers({
        'app.info': () => {
          throw new Error('disk I/O error at /home/officer/secret.db');
        },
      }),
      { onInternalError: log },
    );
    const result = await dispatch('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(log).toHaveBeenCalledWith('app.info', expect.any(Error));
  });
});
