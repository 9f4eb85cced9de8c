import {
  COMPLAINT_DEADLINE_DAYS,
  type ComplaintActionInput,
} from '@shared/domain/complaint-machine';
import type { ComplaintDetail, ComplaintListRow } from '@shared/contract/api';
import { complaintKind } from '@shared/kinds';
import type { Complaint } from '@shared/model';
import { actionKey, complaintActionKey } from '../../i18n/keys';
import { deadlineChip, pendingChip } from '../../record/chips';
import { workingDaysMs } from '../../record/deadline-meter';
import { defineUiKind } from '../kind';
import { ComplaintActionFields } from './ActionFields';
import { complaintColumns } from './columns';
import {
  buildComplaintAction,
  complaintFormFromAction,
  emptyComplaintForm,
  isComplaintActionType,
  type ComplaintForm,
} from './forms';
import { ComplaintSections } from './sections';
import { complaintFirstClick } from './sort';
import { complaintStatus } from './status';

/** The working days of each scorecard deadline a complaint can be under. */
const DAYS_BY_KIND = {
  refuse: COMPLAINT_DEADLINE_DAYS.refuse,
  request_info: COMPLAINT_DEADLINE_DAYS.requestInfo,
  transfer: COMPLAINT_DEADLINE_DAYS.transfer,
  answer: COMPLAINT_DEADLINE_DAYS.answer,
  publish: COMPLAINT_DEADLINE_DAYS.publish,
} as const;

/** A complaint or feedback (phản ánh, kiến nghị: PAKN) on the workbench's screens. */
export const complaintUi = defineUiKind<
  Complaint,
  ComplaintDetail,
  ComplaintListRow,
  ComplaintForm,
  ComplaintActionInput
>({
  shared: complaintKind,
  labels: {
    grid: 'grid.complaintLabel',
    rowCount: 'grid.complaintRowCount',
    panel: 'complaintPanel.label',
    queueGroup: 'queueList.complaints',
    searchGroup: 'search.complaints',
    bulkApply: 'bulk.applyComplaints',
    bulkResult: 'bulk.resultComplaints',
    bulkRefusals: 'bulk.refusalsComplaints',
  },
  status: complaintStatus,

  columns: complaintColumns,
  firstClick: complaintFirstClick,
  defaultSort: { field: 'receivedAt', direction: 'desc' },
  // A transfer is a classification decision, taken one complaint at a time.
  bulkActions: ['assign'],

  record: (detail) => detail.complaint,
  subtitle: ({ complaint }) => ({ text: complaint.title, testId: 'complaint-title' }),
  chips: ({ deadlineState, pending }, t) => [
    deadlineChip(t, deadlineState),
    ...(pending ? [pendingChip(t)] : []),
  ],
  meter: ({ deadline, deadlineState, workingMsLeft, workingMsTotal }, t) => ({
    state: deadlineState,
    workingMsLeft,
    totalMs: workingMsTotal ?? (deadline ? workingDaysMs(DAYS_BY_KIND[deadline.kind]) : 0),
    dueAt: deadline?.dueAt ?? null,
    ...(deadline ? { dueLabel: t(`complaintPanel.deadlineKind.${deadline.kind}`) } : {}),
  }),
  sections: (detail) => <ComplaintSections detail={detail} />,

  actionLabelKey: (type) => (isComplaintActionType(type) ? `complaintActionButtons.${type}` : null),
  // Complaints share some action names with dossiers (assign, add_note); their own words first.
  historyActionKey: (action) => complaintActionKey(action) ?? actionKey(action),
  emptyForm: (type, record) =>
    isComplaintActionType(type)
      ? emptyComplaintForm(type, { answer: record?.answer ?? null })
      : null,
  buildAction: (form) => buildComplaintAction(form),
  formFromAction: complaintFormFromAction,
  fields: (props) => <ComplaintActionFields {...props} />,
});
