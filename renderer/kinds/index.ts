import { KINDS, type KindName } from '@shared/kinds';
import { complaintUi } from './complaint';
import { dossierUi } from './dossier';
import type { UiKind } from './kind';

export type { UiKind } from './kind';

/**
 * Every kind of record the workbench shows, in the order of the shared KINDS (the sidebar's
 * groups, the search results' groups). A new kind is its descriptor in shared/kinds, its folder
 * here (columns, forms, fields, sections: see dossier/) and its line below.
 */
const BY_NAME: Readonly<Record<KindName, UiKind>> = {
  dossier: dossierUi,
  complaint: complaintUi,
};

export const UI_KINDS: readonly UiKind[] = KINDS.map((kind) => BY_NAME[kind.name]);

export function uiKind(name: KindName): UiKind {
  return BY_NAME[name];
}
