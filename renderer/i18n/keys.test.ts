import { describe, expect, it } from 'vitest';
import {
  actionKey,
  formKey,
  humanizeIdentifier,
  isDossierStatus,
  parseStatus,
  statusKey,
} from './keys';

describe('keys', () => {
  it('recognises the ten status codes only', () => {
    expect([0, 1, 10, 11, 4.5, '4'].map(isDossierStatus)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(parseStatus('7')).toBe(7);
    expect(parseStatus(' 9 ')).toBe(9);
    expect(parseStatus('0')).toBeNull();
    expect(parseStatus('4a')).toBeNull();
    expect(statusKey(5)).toBe('status.5');
  });

  it('maps actions to keys only when translated, never through the prototype', () => {
    expect(actionKey('finish')).toBe('actions.finish');
    expect(actionKey('toString')).toBeNull();
    expect(actionKey('__proto__')).toBeNull();
    expect(humanizeIdentifier('return_result')).toBe('Return result');
    expect(humanizeIdentifier('sync.applied')).toBe('Sync applied');
  });

  it('knows the legal forms the machines record', () => {
    expect(formKey('Mau02')).toBe('Mau02');
    expect(formKey('Mẫu 02')).toBeNull();
    expect(formKey('hasOwnProperty')).toBeNull();
  });
});
