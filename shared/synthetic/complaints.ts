import type { ComplaintChannel, ComplaintClassification, ComplaintStatus } from '../model/codes';
import type { Complaint, HistoryEntry, NoteVisibility } from '../model/schemas';
import {
  COMPLAINT_INFO_REQUESTS,
  COMPLAINT_REFUSAL_REASONS,
  COMPLAINT_THEMES,
  FORWARD_TARGETS,
  type ComplaintContext,
  type ComplaintTheme,
} from './data/complaints';
import type { Gender } from './data/names';
import type { FilingLayout } from './layout';
import type { PeopleFactory } from './people';
import { COMPLAINT_EVENT_NAMES, FILED, type ComplaintStep, type HistoryNaming } from './naming';
import { type Prng, WeightedTable } from './prng';
import {
  DAY,
  HOUR,
  WORKING_DAY_MS,
  dayStart,
  formatDate,
  localDay,
  localYear,
  yymmdd,
  type DeadlineCalculator,
  type WorkTimeline,
} from './time';
import type { Actor, Agency, World } from './world';
import { RecordStory } from './story';

/** One generated complaint (phản ánh, kiến nghị) and its history, oldest entry first. */
export interface ComplaintRecord {
  readonly complaint: Complaint;
  readonly history: HistoryEntry[];
}

/** Working days to reach an answer ready to publish (the portal's scorecard clock). */
export const COMPLAINT_WORKING_DAYS = 15;

const CHANNEL_NOTE: Readonly<Record<ComplaintChannel, string>> = {
  online: 'Tiếp nhận phản ánh, kiến nghị qua Cổng Dịch vụ công quốc gia.',
  written: 'Tiếp nhận phản ánh, kiến nghị bằng văn bản.',
  phone: 'Tiếp nhận phản ánh, kiến nghị qua đường dây nóng.',
};
const CHANNELS_IN_OFFICE = new WeightedTable<ComplaintChannel>([
  ['online', 55],
  ['written', 30],
  ['phone', 15],
]);
const THEMES = new WeightedTable<ComplaintTheme>(
  COMPLAINT_THEMES.map((t) => [t, t.weight] as const),
);
const CLASSIFICATIONS = new Map<ComplaintTheme, WeightedTable<ComplaintClassification>>(
  COMPLAINT_THEMES.map((t) => [t, new WeightedTable(t.classifications)] as const),
);
const CLASSIFICATION_LABEL: Readonly<Record<ComplaintClassification, string>> = {
  not_admissible: 'không đủ điều kiện xử lý',
  staff_conduct: 'phản ánh về hành vi của cán bộ, công chức',
  within_authority: 'thuộc thẩm quyền xử lý của cơ quan',
  outside_authority: 'không thuộc thẩm quyền xử lý của cơ quan',
};
const PORTAL = 'Cổng Dịch vụ công quốc gia';

export const STREAM_COMPLAINTS = 0xc011;
export const STREAM_SIMULATED_COMPLAINTS = 0xc51a;

export interface ComplaintFactoryOptions {
  readonly seedHash: number;
  readonly world: World;
  readonly people: PeopleFactory;
  readonly deadlines: DeadlineCalculator;
  readonly timeline: WorkTimeline;
  readonly now: number;
  /** Agencies by volume (index into world.agencies). */
  readonly agencyTable: WeightedTable<number>;
  readonly naming: HistoryNaming;
}

class Context implements ComplaintContext {
  senderName = '';
  honorific = 'Ông';
  address = '';
  agencyName = '';
  procedureName = '';
  dossierNumber = '';
  dossierFiledOn = '';
  receivedAt = 0;

  constructor(
    readonly rng: Prng,
    private readonly timeline: WorkTimeline,
  ) {}

  dateBefore(minDays: number, maxDays: number): string {
    return formatDate(this.receivedAt - this.rng.range(minDays, maxDays) * DAY);
  }

  workingDateBefore(minDays: number, maxDays: number): string {
    let day = localDay(this.receivedAt) - this.rng.range(minDays, maxDays);
    while (!this.timeline.isWorkingDay(day)) day--;
    return formatDate(dayStart(day) + 9 * HOUR);
  }

  dateAfter(minDays: number, maxDays: number): string {
    return formatDate(this.receivedAt + this.rng.range(minDays, maxDays) * DAY);
  }
}

/**
 * Builds complaints by living through their lifecycle up to `now`: received, classified (refused,
 * forwarded or processed), optionally waiting for more information, answered, sent back or
 * approved, published.
 */
export class ComplaintFactory extends RecordStory {
  private readonly ctx: Context;
  private status: ComplaintStatus | null = null;

  constructor(private readonly o: ComplaintFactoryOptions) {
    super();
    this.ctx = new Context(this.rng, o.timeline);
  }

  build(index: number, layout: FilingLayout): ComplaintRecord {
    this.rng.reseed(this.o.seedHash, STREAM_COMPLAINTS, index);
    const slot = layout.locate(index, this.rng.float(), this.slot);
    return this.simulate(
      `complaint-${index}`,
      slot.dayNumber,
      slot.sequence,
      slot.filedAt,
      this.o.now,
    );
  }

  fresh(id: string, serial: number, at: number, sequence: number): ComplaintRecord {
    this.rng.reseed(this.o.seedHash, STREAM_SIMULATED_COMPLAINTS, serial);
    return this.simulate(id, localDay(at), sequence, at, at);
  }

  private simulate(
    id: string,
    dayNumber: number,
    sequence: number,
    receivedAt: number,
    now: number,
  ): ComplaintRecord {
    const { rng, ctx } = this;
    const { world, people, timeline: wt, deadlines } = this.o;
    this.id = id;
    this.history = [];
    this.status = null;

    const agency = world.agencies[this.o.agencyTable.pick(rng)] as Agency;
    const theme = THEMES.pick(rng);
    const classification = (
      CLASSIFICATIONS.get(theme) as WeightedTable<ComplaintClassification>
    ).pick(rng);
    const channel: ComplaintChannel = wt.isOfficeTime(receivedAt)
      ? CHANNELS_IN_OFFICE.pick(rng)
      : 'online';

    const gender: Gender = rng.chance(0.5) ? 'female' : 'male';
    const birthYear = localYear(receivedAt) - rng.range(22, 75);
    const sender = people.name(rng, gender, birthYear, agency.area.province.region);
    const phone = people.mobile(rng);
    const email = rng.chance(channel === 'online' ? 0.85 : 0.25)
      ? people.personalEmail(rng, sender, birthYear)
      : '';
    const address = people.address(rng, agency.area, 0.95);
    const procedure = agency.procedures.pick(rng).procedure;

    ctx.senderName = sender.full;
    ctx.honorific = gender === 'female' ? 'Bà' : 'Ông';
    ctx.address = address;
    ctx.agencyName = agency.unit.name;
    ctx.procedureName = shortName(procedure.name);
    ctx.receivedAt = receivedAt;
    const dossierDay = dayNumber - rng.range(25, 60);
    ctx.dossierNumber = `${agency.unit.code}-${yymmdd(dossierDay)}-${pad4(rng.range(1, 400))}`;
    ctx.dossierFiledOn = formatDate(dayStart(dossierDay) + 9 * HOUR);
    const title = theme.title(ctx);
    const content = theme.content(ctx);

    // Some complaints first reach another agency of the province, which forwards them here.
    const others = world.agencies.filter((a) => a !== agency);
    const firstAgency = others.length > 0 && rng.chance(0.08) ? rng.pick(others) : null;
    const citizen: Actor = {
      id: null,
      name: sender.full,
      unitId: null,
      unitName: channel === 'online' ? PORTAL : (firstAgency ?? agency).unit.name,
    };
    let clockStartedAt = receivedAt;
    let assignee: Actor | null = null;
    let classified: ComplaintClassification | null = null;
    let answer: string | null = null;
    let approvedAt: number | null = null;
    let publishedAt: number | null = null;

    this.history.push(
      this.entry(receivedAt, FILED, citizen, null, 'new', CHANNEL_NOTE[channel], 'citizen', {
        channel,
      }),
    );
    this.status = 'new';

    const desk = rng.pick(agency.desks);
    const leader = rng.pick(agency.leaders);
    const processors =
      agency.processors.get(rng.pick([...agency.processors.keys()])) ?? agency.desks;
    // Where the complaint is now: the first agency until it forwards the complaint here.
    let unitId = (firstAgency ?? agency).unit.id;
    const infoRequest = rng.chance(0.08);
    const late = rng.chance(0.12);
    const sentBack = rng.chance(0.1);

    // A block, not a chain of early returns, so the record is assembled in one place.
    life: {
      let t = wt.add(receivedAt, rng.between(0.5, 12) * HOUR);
      if (t > now) break life;
      this.push(
        t,
        'receive',
        firstAgency ? rng.pick(firstAgency.desks) : desk,
        'received',
        'Tiếp nhận phản ánh, kiến nghị.',
        'internal',
        null,
      );
      if (firstAgency) {
        t = wt.add(t, rng.between(1, 20) * HOUR);
        if (t > now) break life;
        // Forwarded inside the system: the 15-day clock restarts in the receiving agency.
        clockStartedAt = t;
        unitId = agency.unit.id;
        this.push(
          t,
          'classify',
          rng.pick(firstAgency.leaders),
          'received',
          `Không thuộc thẩm quyền; chuyển ${agency.unit.name} xử lý.`,
          'citizen',
          {
            classification: 'outside_authority',
            recipient: agency.unit.name,
            fromUnitId: firstAgency.unit.id,
            toUnitId: agency.unit.id,
          },
        );
      }
      const intake = t;

      t = wt.add(t, rng.between(1, 14) * HOUR);
      if (t > now) break life;
      if (classification === 'not_admissible') {
        // Refused within 2 working days.
        classified = classification;
        this.push(
          t,
          'classify',
          leader,
          'refused',
          rng.pick(COMPLAINT_REFUSAL_REASONS),
          'citizen',
          { classification },
        );
        break life;
      }
      if (classification === 'outside_authority' || classification === 'staff_conduct') {
        // Forwarded to the competent body within 5 working days.
        const at = wt.add(intake, rng.between(0.3, 4.5) * WORKING_DAY_MS);
        if (at > now) break life;
        classified = classification;
        const recipient =
          classification === 'staff_conduct' ? 'Thanh tra tỉnh' : rng.pick(FORWARD_TARGETS);
        this.push(
          at,
          'classify',
          leader,
          'transferred',
          `Phân loại: ${CLASSIFICATION_LABEL[classification]}. Chuyển đến ${recipient} xem xét, xử lý theo thẩm quyền.`,
          'citizen',
          { classification, recipient, fromUnitId: agency.unit.id, toUnitId: null },
        );
        break life;
      }
      classified = classification;
      this.push(
        t,
        'classify',
        leader,
        'processing',
        `Phân loại: ${CLASSIFICATION_LABEL[classification]}.`,
        'internal',
        { classification },
      );
      const holder = rng.pick(processors);
      t = wt.add(t, rng.between(0.2, 4) * HOUR);
      if (t > now) break life;
      this.push(t, 'assign', leader, 'processing', `Giao ${holder.name} xử lý.`, 'internal', {
        fromAssigneeId: null,
        toAssigneeId: holder.id,
      });
      assignee = holder;

      if (infoRequest) {
        t = wt.add(t, rng.between(2, 20) * HOUR);
        if (t > now) break life;
        this.push(
          t,
          'request_info',
          holder,
          'info_requested',
          rng.pick(COMPLAINT_INFO_REQUESTS),
          'citizen',
          null,
        );
        if (rng.chance(0.15)) break life;
        t = wt.add(t, rng.between(0.3, 5) * WORKING_DAY_MS);
        if (t > now) break life;
        this.push(
          t,
          'supply_info',
          desk,
          'info_supplied',
          'Người phản ánh đã cung cấp thông tin bổ sung.',
          'citizen',
          null,
        );
      }

      const answerBy = deadlines.addWorkingDays(clockStartedAt, COMPLAINT_WORKING_DAYS);
      const span = wt.between(t, answerBy);
      if (late) t = wt.add(Math.max(t, answerBy), rng.between(0.1, 6) * WORKING_DAY_MS);
      else if (span > 0) t = wt.add(t, rng.between(0.2, 0.75) * span);
      else t = wt.add(t, rng.between(2, 16) * HOUR);
      if (t > now) break life;
      answer = theme.answer(ctx);
      this.push(t, 'draft_answer', holder, 'answer_drafted', null, 'internal', null);

      t = wt.add(t, rng.between(1, 12) * HOUR);
      if (t > now) break life;
      if (sentBack) {
        this.push(
          t,
          'return_answer',
          leader,
          'returned',
          'Nội dung trả lời chưa đầy đủ, đề nghị bổ sung căn cứ pháp lý và làm rõ trách nhiệm.',
          'internal',
          null,
        );
        t = wt.add(t, rng.between(2, 16) * HOUR);
        if (t > now) break life;
        this.push(t, 'draft_answer', holder, 'answer_drafted', null, 'internal', null);
        t = wt.add(t, rng.between(1, 8) * HOUR);
        if (t > now) break life;
      }
      approvedAt = t;
      this.push(
        t,
        'approve_answer',
        leader,
        'waiting_to_publish',
        'Phê duyệt nội dung trả lời.',
        'internal',
        null,
      );

      // Published within 2 working days of approval.
      t = wt.add(t, rng.between(1, 14) * HOUR);
      if (t > now) break life;
      publishedAt = t;
      this.push(t, 'publish', desk, 'published', null, 'citizen', {
        channels: rng.chance(0.4) ? ['portal', 'letter'] : ['portal'],
      });
    }

    const status = this.status ?? 'new';
    const last = this.history[this.history.length - 1];
    const complaint: Complaint = {
      id,
      number: `PAKN-${yymmdd(dayNumber)}-${pad4(sequence)}`,
      senderName: sender.full,
      senderPhone: phone,
      senderEmail: email,
      senderAddress: address,
      channel,
      title,
      content,
      receivedAt,
      status,
      classification: classified,
      unitId,
      assigneeId: assignee?.id ?? null,
      clockStartedAt,
      dueAt: governingDeadline(deadlines, status, clockStartedAt, approvedAt),
      answer,
      approvedAt,
      publishedAt,
      version: this.history.length,
      updatedAt: last ? last.at : receivedAt,
    };
    return { complaint, history: this.history };
  }

  private push(
    at: number,
    step: ComplaintStep,
    actor: Actor,
    to: ComplaintStatus,
    note: string | null,
    visibility: NoteVisibility,
    data: Record<string, unknown> | null,
  ): void {
    const action = this.o.naming === 'machine' ? step : COMPLAINT_EVENT_NAMES[step];
    this.history.push(this.entry(at, action, actor, this.status, to, note, visibility, data));
    this.status = to;
  }
}

/**
 * The deadline that governs a complaint in its status, as the shared complaint machine derives
 * it (complaintDeadline in shared/domain): 15 working days to an approved answer, 2 to publish it
 * once approved; a closed one keeps the limit its closing step was measured against (refusal 2,
 * transfer 5).
 */
export function governingDeadline(
  deadlines: DeadlineCalculator,
  status: ComplaintStatus,
  clockStartedAt: number,
  approvedAt: number | null,
): number {
  switch (status) {
    case 'refused':
      return deadlines.addWorkingDays(clockStartedAt, 2);
    case 'transferred':
      return deadlines.addWorkingDays(clockStartedAt, 5);
    case 'waiting_to_publish':
    case 'published':
      if (approvedAt !== null) return deadlines.addWorkingDays(approvedAt, 2);
      return deadlines.addWorkingDays(clockStartedAt, COMPLAINT_WORKING_DAYS);
    case 'new':
    case 'received':
    case 'info_requested':
    case 'info_supplied':
    case 'processing':
    case 'answer_drafted':
    case 'returned':
      return deadlines.addWorkingDays(clockStartedAt, COMPLAINT_WORKING_DAYS);
  }
}

/** Long official names read badly in a title: keep the part before the first comma. */
function shortName(name: string): string {
  if (name.length <= 80) return name;
  const comma = name.indexOf(',');
  return comma > 0 ? name.slice(0, comma) : name.slice(0, 80);
}

function pad4(n: number): string {
  return n < 10_000 ? String(n).padStart(4, '0') : String(n);
}
