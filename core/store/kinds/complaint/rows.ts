import type { Complaint } from '@shared/model';

/** The complaints table's rows and their mapping to the shared model. */

export interface ComplaintRecord {
  id: string;
  number: string;
  sender_name: string;
  sender_phone: string;
  sender_email: string;
  sender_address: string;
  channel: string;
  title: string;
  content: string;
  received_at: number;
  status: string;
  classification: string | null;
  unit_id: string;
  assignee_id: string | null;
  clock_started_at: number;
  due_at: number | null;
  answer: string | null;
  approved_at: number | null;
  published_at: number | null;
  version: number;
  updated_at: number;
}

export function toComplaint(r: ComplaintRecord): Complaint {
  return {
    id: r.id,
    number: r.number,
    senderName: r.sender_name,
    senderPhone: r.sender_phone,
    senderEmail: r.sender_email,
    senderAddress: r.sender_address,
    channel: r.channel as Complaint['channel'],
    title: r.title,
    content: r.content,
    receivedAt: r.received_at,
    status: r.status as Complaint['status'],
    classification: r.classification as Complaint['classification'],
    unitId: r.unit_id,
    assigneeId: r.assignee_id,
    clockStartedAt: r.clock_started_at,
    dueAt: r.due_at,
    answer: r.answer,
    approvedAt: r.approved_at,
    publishedAt: r.published_at,
    version: r.version,
    updatedAt: r.updated_at,
  };
}
