import { describe, expect, it } from 'vitest';
import type { Transport } from '@shared/contract/client';
import { selectTransport } from './transport';

const fake: Transport = {
  invoke: () => Promise.resolve({ ok: true, value: null }),
  on: () => () => undefined,
};

describe('selectTransport', () => {
  it('uses the Electron bridge when the preload exposed one', () => {
    const selected = selectTransport({ workbench: fake }, () => {
      throw new Error('must not build the HTTP transport');
    });
    expect(selected.kind).toBe('electron-bridge');
    expect(selected.transport).toBe(fake);
  });

  it.each([undefined, null, {}, { invoke: 'x', on: () => undefined }])(
    'falls back to HTTP when window.workbench is %j',
    (workbench) => {
      const selected = selectTransport({ workbench }, () => fake);
      expect(selected.kind).toBe('http');
    },
  );
});
