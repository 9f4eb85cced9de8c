import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import { memoizeTranslate } from './memo-translate';

/** The test's own keys are not the app's typed resources: asked through a plain signature. */
type Ask = (key: string, options?: Record<string, unknown>) => unknown;
const plain = (t: TFunction): Ask => t as unknown as Ask;

async function translator(): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({
    lng: 'vi',
    resources: {
      vi: {
        translation: {
          hello: 'Xin chào',
          left: 'còn {{span}}',
          days_other: '{{n}} ngày',
        },
      },
    },
  });
  return i18n.t;
}

describe('memoizeTranslate', () => {
  it('answers what t answers, for keys with and without plain options', async () => {
    const t = await translator();
    const memo = plain(memoizeTranslate(t));
    expect(memo('hello')).toBe('Xin chào');
    expect(memo('left', { span: '2 giờ' })).toBe('còn 2 giờ');
    expect(memo('left', { span: '3 giờ' })).toBe('còn 3 giờ');
    expect(memo('days', { count: 2, n: '2' })).toBe('2 ngày');
  });

  it('asks t once per key and options', async () => {
    const t = await translator();
    const spy = vi.fn(t) as unknown as TFunction;
    const memo = plain(memoizeTranslate(spy));
    for (let i = 0; i < 5; i++) {
      memo('hello');
      memo('left', { span: '2 giờ' });
    }
    expect(spy).toHaveBeenCalledTimes(2);
    // The same text as a number or as a string is another ask.
    memo('left', { span: 2 });
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('passes asks with object options through every time', async () => {
    const t = await translator();
    const spy = vi.fn(t) as unknown as TFunction;
    const memo = plain(memoizeTranslate(spy));
    memo('left', { span: '2 giờ', replace: { x: 1 } });
    memo('left', { span: '2 giờ', replace: { x: 1 } });
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
