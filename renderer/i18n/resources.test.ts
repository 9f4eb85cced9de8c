import { describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES } from '@shared/model';
import { ERROR_CODES } from '@shared/contract/envelope';
import { BUILTIN_QUEUE_IDS } from '@shared/contract/api';
import { COMPLAINT_ACTIONS } from '@shared/domain/complaint-machine';
import { DOSSIER_ACTIONS } from '@shared/domain/dossier-machine';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_CLASSIFICATIONS,
  COMPLAINT_STATUSES,
  DEADLINE_STATES,
  ROLES,
} from '@shared/model/codes';
import { RULE_CODES } from '@shared/domain/rules';
import { en } from './resources/en';
import { vi } from './resources/vi';
import { createI18n } from './setup';
import {
  actionKey,
  complaintActionKey,
  complaintStatusKey,
  errorCodeKey,
  errorHintKey,
  queueNameKey,
  roleKey,
  ruleKey,
  statusKey,
} from './keys';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('resources', () => {
  const viLeaves = leaves(vi);
  const enLeaves = leaves(en);

  it('have the same keys in both languages (the type checks it too)', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...viLeaves.keys()].sort());
  });

  it('have no empty strings and the same placeholders in both languages', () => {
    for (const [key, text] of viLeaves) {
      const english = enLeaves.get(key) ?? '';
      expect(text.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
  });

  it('name the ten national statuses exactly as the portal does', () => {
    const t = createI18n('vi').t;
    expect(DOSSIER_STATUSES.map((s) => t(statusKey(s)))).toEqual([
      'Mới đăng ký',
      'Được tiếp nhận',
      'Không được tiếp nhận',
      'Đang xử lý',
      'Yêu cầu bổ sung giấy tờ',
      'Yêu cầu thực hiện nghĩa vụ tài chính',
      'Công dân yêu cầu rút hồ sơ',
      'Dừng xử lý',
      'Đã xử lý xong',
      'Đã trả kết quả',
    ]);
    const english = createI18n('en').t;
    for (const s of DOSSIER_STATUSES) expect(english(statusKey(s))).not.toMatch(/^status\./);
  });

  it('translate every error code of the contract, with a hint', () => {
    for (const language of ['vi', 'en'] as const) {
      const t = createI18n(language).t;
      for (const code of ERROR_CODES) {
        expect(t(errorCodeKey(code))).not.toMatch(/^errors\./);
        expect(t(errorHintKey(code))).not.toMatch(/^errors\./);
      }
    }
  });

  it('translate every rule the domain refuses with, and every dossier action', () => {
    for (const rule of RULE_CODES) expect(ruleKey(rule), rule).not.toBeNull();
    for (const action of DOSSIER_ACTIONS) expect(actionKey(action), action).not.toBeNull();
  });

  it('name every built-in queue, complaint status and action, role and deadline state', () => {
    for (const id of BUILTIN_QUEUE_IDS) expect(queueNameKey(`queues.${id}`), id).not.toBeNull();
    for (const s of COMPLAINT_STATUSES) expect(complaintStatusKey(s), s).not.toBeNull();
    for (const a of COMPLAINT_ACTIONS) {
      expect(complaintActionKey(a), a).not.toBeNull();
      expect(Object.hasOwn(vi.complaintActionButtons, a), a).toBe(true);
    }
    for (const a of DOSSIER_ACTIONS) expect(Object.hasOwn(vi.actionButtons, a), a).toBe(true);
    for (const r of ROLES) expect(roleKey(r), r).not.toBeNull();
    for (const c of COMPLAINT_CLASSIFICATIONS)
      expect(Object.hasOwn(vi.classification, c)).toBe(true);
    for (const c of COMPLAINT_CHANNELS) expect(Object.hasOwn(vi.complaintChannel, c)).toBe(true);
    for (const d of DEADLINE_STATES) expect(Object.hasOwn(vi.deadline, d)).toBe(true);
  });

  it('keep guards honest: unknown values get no key', () => {
    expect(queueNameKey('queues.nope')).toBeNull();
    expect(queueNameKey(null)).toBeNull();
    expect(complaintStatusKey('unknown')).toBeNull();
    expect(roleKey('auditor')).toBeNull();
  });

  it('store texts in NFC, as the rest of the product does', () => {
    for (const text of [...viLeaves.values(), ...enLeaves.values()]) {
      expect(text).toBe(text.normalize('NFC'));
    }
  });
});

describe('createI18n', () => {
  it('counts dossiers in each language', () => {
    expect(createI18n('vi').t('grid.rowCount', { count: 200_000, n: '200.000' })).toBe(
      '200.000 hồ sơ',
    );
    expect(createI18n('en').t('grid.rowCount', { count: 1, n: '1' })).toBe('1 dossier');
    expect(createI18n('en').t('grid.rowCount', { count: 2, n: '2' })).toBe('2 dossiers');
  });

  it('does not HTML-escape names (React does)', () => {
    expect(createI18n('vi').t('errors.field', { path: 'a<b>&c' })).toBe('Trường dữ liệu: a<b>&c');
  });

  it('switches language at run time', async () => {
    const i18n = createI18n('vi');
    expect(i18n.t('app.name')).toBe('Một cửa — Bàn làm việc');
    await i18n.changeLanguage('en');
    expect(i18n.t('app.name')).toBe('One-stop — Workbench');
  });

  it('knows the actions the audit trail records', () => {
    const t = createI18n('vi').t;
    const key = actionKey('request_supplement');
    expect(key && t(key)).toBe('Yêu cầu bổ sung giấy tờ');
  });
});
