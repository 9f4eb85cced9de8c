import { complaintDeadline } from '@shared/domain/complaint-machine';
import { complaintKind, withinCalendar } from '@shared/kinds';
import type { ComplaintFilter, ComplaintListRow, ComplaintSortField } from '@shared/contract/api';
import type { Complaint } from '@shared/model';
import type { KindStorage } from '../storage';
import { complaintList } from './list';
import { toComplaint, type ComplaintRecord } from './rows';

/** Complaints in the local store: migration 1's tables, the complaint list, the search index. */
export const complaintStorage: KindStorage<
  Complaint,
  ComplaintFilter,
  ComplaintSortField,
  ComplaintListRow
> = {
  kind: complaintKind,
  table: 'complaints',
  historyTable: 'complaint_history',
  historyOwner: 'complaint_id',
  derivedTables: [],
  upsert: {
    sql: `
    INSERT INTO complaints (id, number, sender_name, sender_sort, sender_phone, sender_email,
      sender_address, channel, title, content, received_at, status, classification, unit_id,
      assignee_id, clock_started_at, due_at, answer, approved_at, published_at, version, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET number = excluded.number, sender_name = excluded.sender_name,
      sender_sort = excluded.sender_sort, sender_phone = excluded.sender_phone,
      sender_email = excluded.sender_email, sender_address = excluded.sender_address,
      channel = excluded.channel, title = excluded.title, content = excluded.content,
      received_at = excluded.received_at, status = excluded.status,
      classification = excluded.classification, unit_id = excluded.unit_id,
      assignee_id = excluded.assignee_id, clock_started_at = excluded.clock_started_at,
      due_at = excluded.due_at, answer = excluded.answer, approved_at = excluded.approved_at,
      published_at = excluded.published_at, version = excluded.version,
      updated_at = excluded.updated_at`,
    params: (c, keys) => [
      c.id,
      c.number,
      c.senderName,
      keys.fresh(c.senderName),
      c.senderPhone,
      c.senderEmail,
      c.senderAddress,
      c.channel,
      c.title,
      c.content,
      c.receivedAt,
      c.status,
      c.classification,
      c.unitId,
      c.assigneeId,
      c.clockStartedAt,
      c.dueAt,
      c.answer,
      c.approvedAt,
      c.publishedAt,
      c.version,
      c.updatedAt,
    ],
  },
  fromRow: (row) => toComplaint(row as ComplaintRecord),
  search: {
    table: 'complaint_search',
    columns: `rowid, number, sender_name AS senderName,
  sender_phone AS senderPhone, title, content`,
    hit: {
      title: 'x.sender_name',
      subtitle: 'x.title',
      receivedAt: 'x.received_at',
      sortAt: 'x.received_at',
      idNumber: "''",
      phone: 'x.sender_phone',
    },
    body: { column: 'content', field: 'content' },
  },
  list: complaintList,
  // The scorecard deadline that governs the complaint in its status (none past the calendar).
  detailExtras: (c, { calendar }) => ({
    deadline: withinCalendar(() => complaintDeadline(c, calendar), null),
  }),
  synthetic: function* (generator, total, from, to) {
    for (const { complaint, history } of generator.complaints(total, from, to)) {
      yield { record: complaint, history };
    }
  },
};
