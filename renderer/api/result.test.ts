import { describe, expect, it } from 'vitest';
import { parseEnvelope, settle } from './result';

describe('parseEnvelope', () => {
  it('keeps a successful envelope', () => {
    expect(parseEnvelope({ ok: true, value: { n: 1 } })).toEqual({ ok: true, value: { n: 1 } });
  });

  it('keeps a failed envelope with its rule and path', () => {
    const body = {
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'limit: too big', path: 'limit', rule: 'x' },
    };
    expect(parseEnvelope(body)).toEqual(body);
  });

  it.each([
    null,
    'text',
    42,
    {},
    { ok: true },
    { ok: false, error: { code: 'NOPE', message: 'x' } },
  ])('turns %j into an INTERNAL error instead of trusting it', (body) => {
    const envelope = parseEnvelope(body);
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.code).toBe('INTERNAL');
  });
});

describe('settle', () => {
  it('passes values and host errors through', async () => {
    await expect(settle(Promise.resolve({ ok: true as const, value: 3 }))).resolves.toEqual({
      ok: true,
      value: 3,
    });
    const refused = { ok: false as const, error: { code: 'NOT_FOUND' as const, message: 'gone' } };
    await expect(settle(Promise.resolve(refused))).resolves.toEqual(refused);
  });

  it('turns a rejected call (dead channel) into UNAVAILABLE', async () => {
    const result = await settle(Promise.reject(new Error('channel closed')));
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'channel closed' },
    });
  });
});

describe('parseEnvelope keeps only what the contract defines', () => {
  it('drops unknown fields of an error', () => {
    const envelope = parseEnvelope({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone', stack: 'secret' },
    });
    expect(envelope).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } });
  });

  it('refuses an error whose fields have the wrong types', () => {
    const envelope = parseEnvelope({ ok: false, error: { code: 'NOT_FOUND', message: 3 } });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.code).toBe('INTERNAL');
  });
});
