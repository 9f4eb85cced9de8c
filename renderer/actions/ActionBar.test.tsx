import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { DOSSIER_ACTIONS } from '@shared/domain/dossier-machine';
import { createI18n } from '../i18n/setup';
import type { Language } from '../i18n/language';
import { ActionBar, type ForbiddenActionView } from './ActionBar';

const FORBIDDEN: ForbiddenActionView = {
  action: 'request_supplement',
  rule: 'SUPPLEMENT_ALREADY_REQUESTED',
  message: 'SUPPLEMENT_ALREADY_REQUESTED: missing documents may be requested once',
};

function render(language: Language, forbidden: readonly ForbiddenActionView[]): Markup {
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <ActionBar
        order={DOSSIER_ACTIONS}
        allowed={['request_fees', 'finish']}
        forbidden={forbidden}
        openType={null}
        label={(type) => type}
        onStart={() => undefined}
        labelledBy="actions-title"
      />
    </I18nextProvider>,
  );
  return parse(html);
}

/** A tiny reader of the rendered markup: the node test environment has no DOM. */
function parse(html: string): Markup {
  const elements = [...html.matchAll(/<(button|span)([^>]*)>([^<]*)/g)].map((m) => ({
    tag: m[1] ?? '',
    attrs: Object.fromEntries(
      [...(m[2] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1] ?? '', a[2] ?? '']),
    ),
    text: m[3] ?? '',
  }));
  const byTestId = (id: string) => elements.find((e) => e.attrs['data-testid'] === id);
  const byId = (id: string) => elements.find((e) => e.attrs.id === id);
  return { elements, byTestId, byId };
}

interface Markup {
  readonly elements: readonly {
    tag: string;
    attrs: Record<string, string>;
    text: string;
  }[];
  byTestId(id: string): Markup['elements'][number] | undefined;
  byId(id: string): Markup['elements'][number] | undefined;
}

describe('the action bar', () => {
  it.each([
    ['vi', 'Đã yêu cầu bổ sung một lần'],
    ['en', 'Documents were already requested once'],
  ] as const)(
    'shows a forbidden action disabled, described by its rule (%s)',
    (language, reason) => {
      const doc = render(language, [FORBIDDEN]);
      const button = doc.byTestId('action-forbidden-request_supplement');
      expect(button?.tag).toBe('button');
      expect(button?.attrs['aria-disabled']).toBe('true');
      expect(button?.attrs['data-rule']).toBe('SUPPLEMENT_ALREADY_REQUESTED');
      const described = doc.byId(button?.attrs['aria-describedby'] ?? '');
      expect(described?.text).toBe(reason);
      // It is not one of the buttons that open a form.
      expect(doc.byTestId('action-request_supplement')).toBeUndefined();
    },
  );

  it('keeps the allowed actions as they were, in the machine’s order', () => {
    const doc = render('vi', [FORBIDDEN]);
    const buttons = doc.elements.filter((e) => e.tag === 'button');
    expect(buttons.map((b) => b.attrs['data-testid'])).toEqual([
      'action-forbidden-request_supplement',
      'action-request_fees',
      'action-finish',
    ]);
    expect(buttons[1]?.attrs['aria-disabled']).toBeUndefined();
  });

  it('has short words for every rule the dossier machine explains', () => {
    for (const rule of [
      'SUPPLEMENT_ALREADY_REQUESTED',
      'SUPPLEMENT_TOO_LATE',
      'APOLOGY_ALREADY_GIVEN',
      'APOLOGY_TOO_LATE',
      'SIGN_OFF_REQUIRED',
      'SIGN_OFF_PENDING',
      'ALREADY_ASSIGNED',
    ]) {
      const doc = render('en', [{ ...FORBIDDEN, rule }]);
      const reason = doc.byTestId('action-forbidden-request_supplement-reason');
      expect(reason?.text, rule).not.toMatch(/^Rule|forbidden\./);
    }
  });
});
