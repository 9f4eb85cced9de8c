import type { DossierActionInput } from '@shared/domain/dossier-machine';
import type { DossierDetail, DossierListRow } from '@shared/contract/api';
import { dossierKind } from '@shared/kinds';
import type { Dossier } from '@shared/model';
import { actionKey } from '../../i18n/keys';
import { controlSheet, offerAfter } from '../../print/print-model';
import { deadlineChip, pendingChip } from '../../record/chips';
import { workingDaysMs } from '../../record/deadline-meter';
import { defineUiKind, type PanelChip } from '../kind';
import { DossierActionFields } from './ActionFields';
import { dossierColumns } from './columns';
import {
  buildDossierAction,
  dossierFormFromAction,
  emptyDossierForm,
  isDossierActionType,
  isDossierFormAction,
  type DossierForm,
} from './forms';
import { DossierSections } from './sections';
import { dossierFirstClick } from './sort';
import { dossierStatus } from './status';

/** A dossier (hồ sơ TTHC) on the workbench's screens. */
export const dossierUi = defineUiKind<
  Dossier,
  DossierDetail,
  DossierListRow,
  DossierForm,
  DossierActionInput
>({
  shared: dossierKind,
  labels: {
    grid: 'grid.label',
    rowCount: 'grid.rowCount',
    panel: 'panel.label',
    queueGroup: 'queueList.dossiers',
    searchGroup: 'search.dossiers',
    bulkApply: 'bulk.apply',
    bulkResult: 'bulk.result',
    bulkRefusals: 'bulk.refusals',
  },
  status: dossierStatus,

  columns: dossierColumns,
  firstClick: dossierFirstClick,
  defaultSort: { field: 'receivedAt', direction: 'desc' },
  bulkActions: ['assign', 'transfer'],

  record: (detail) => detail.dossier,
  subtitle: ({ dossier, procedure }) => ({
    text: procedure?.name ?? dossier.procedureName,
    testId: 'panel-procedure-name',
  }),
  chips: ({ dossier, deadlineState, pending }, t, f) => {
    const chips: PanelChip[] = [];
    // No appointment yet (not accepted): there is no clock to report on.
    if (dossier.dueAt !== null || deadlineState !== 'on_track') {
      chips.push(deadlineChip(t, deadlineState));
    }
    if (dossier.late) chips.push({ key: 'late', text: t('panel.late'), tone: 'finished_late' });
    if (pending) chips.push(pendingChip(t));
    if (dossier.apologyCount > 0) {
      const n = dossier.apologyCount;
      chips.push({
        key: 'apologies',
        text: t('panel.apologies', { count: n, n: f.number(n) }),
        tone: null,
      });
    }
    return chips;
  },
  meter: ({ dossier, deadlineState, workingMsLeft, workingMsTotal }) => ({
    state: deadlineState,
    workingMsLeft,
    // Against the current appointment, as the time left is (an apology moved both).
    totalMs: workingMsTotal ?? workingDaysMs(dossier.workingDays),
    dueAt: dossier.dueAt,
    pausedAt: dossier.clockPausedAt,
    pauseKind: dossier.status === 6 ? 'fees' : dossier.status === 5 ? 'supplement' : null,
    started: dossier.clockStartedAt !== null,
  }),
  sections: (detail) => <DossierSections detail={detail} />,

  actionLabelKey: (type) => (isDossierActionType(type) ? `actionButtons.${type}` : null),
  historyActionKey: actionKey,
  emptyForm: (type) => (isDossierFormAction(type) ? emptyDossierForm(type) : null),
  buildAction: (form, record, detail) =>
    buildDossierAction(form, {
      dueAt: record?.dueAt ?? null,
      latestDueAt: detail?.latestNewDueAt ?? null,
    }),
  formFromAction: dossierFormFromAction,
  fields: (props) => <DossierActionFields {...props} />,
  print: { after: offerAfter, always: controlSheet },
});
