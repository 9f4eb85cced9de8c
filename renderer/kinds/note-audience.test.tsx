import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n/setup';
import { UI_KINDS } from '.';
import type { KindForm, UiKind } from './kind';

/** The payload fields whose text becomes the history's note (the machines' `note`). */
const NOTE_FIELDS = ['note', 'reason', 'text'] as const;

interface ObjectSchema {
  readonly shape: Record<string, { readonly value?: unknown }>;
}

function payloadFields(kind: UiKind, type: string): string[] {
  const union = kind.shared.actionSchema as unknown as { readonly options: ObjectSchema[] };
  const option = union.options.find((o) => o.shape.type?.value === type);
  return option ? Object.keys(option.shape) : [];
}

function render(kind: UiKind, form: KindForm, language: 'vi' | 'en' = 'vi'): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      {kind.fields({
        form,
        onChange: () => undefined,
        errors: {},
        record: null,
        detail: null,
        unitId: null,
      })}
    </I18nextProvider>,
  );
}

/** The attributes of the element a test id names, as rendered. */
function attributesOf(html: string, testId: string): Record<string, string> | null {
  const tag = new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0];
  if (!tag) return null;
  const pairs = [...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m): [string, string] => [
    m[1] ?? '',
    m[2] ?? '',
  ]);
  return Object.fromEntries(pairs);
}

describe('every note field says who will read it', () => {
  const cases = UI_KINDS.flatMap((kind) =>
    kind.shared.actions.flatMap((type) => {
      const form = kind.emptyForm(type, null);
      return form ? [[kind.name, type, kind, form] as const] : [];
    }),
  );

  it.each(cases)('%s %s', (_name, type, kind, form) => {
    const html = render(kind, form);
    const noteFields = payloadFields(kind, type).filter((f) =>
      (NOTE_FIELDS as readonly string[]).includes(f),
    );
    for (const field of noteFields) {
      const input = attributesOf(html, `field-${field}`);
      expect(input, `${type}: its form shows ${field}`).not.toBeNull();
      const audience = attributesOf(html, `field-${field}-audience`);
      expect(audience?.['data-visible-to'], `${type}.${field}`).toBe(
        kind.shared.noteVisibility(form as { type: never }),
      );
      // Read with the field: its description names the audience.
      expect(input?.['aria-describedby']).toContain(audience?.id);
    }
  });

  it('says it in Vietnamese and in English', () => {
    const dossier = UI_KINDS.find((k) => k.name === 'dossier');
    const form = dossier?.emptyForm('receive_supplement', null);
    if (!dossier || !form) throw new Error('no dossier form');
    expect(render(dossier, form, 'vi')).toContain('Công dân sẽ thấy nội dung này');
    expect(render(dossier, form, 'en')).toContain('The citizen will see this');
    const transfer = dossier.emptyForm('transfer', null);
    if (!transfer) throw new Error('no transfer form');
    expect(render(dossier, transfer, 'vi')).toContain('Chỉ lưu nội bộ');
    expect(render(dossier, transfer, 'en')).toContain('Internal only');
  });
});
