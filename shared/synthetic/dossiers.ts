import type { ApplicantType, Channel, DossierStatus } from '../model/codes';
import type {
  Dossier,
  Fee,
  FiledDocument,
  HistoryEntry,
  NoteVisibility,
  ResultDocument,
  SupplementRound,
} from '../model/schemas';
import type { Gender } from './data/names';
import type { FeeSpec, ProcedureSpec } from './data/procedures';
import { TemplateContext } from './context';
import type { FilingLayout } from './layout';
import type { PeopleFactory } from './people';
import { DOSSIER_EVENT_NAMES, FILED, type DossierStep, type HistoryNaming } from './naming';
import { type Prng } from './prng';
import { formatDong } from './text';
import {
  HOUR,
  MINUTE,
  WORKING_DAY_MS,
  addWorkingTime,
  formatDateTime,
  localYear,
  yymmdd,
  type DeadlineCalculator,
  type WorkTimeline,
} from './time';
import type { Actor, Agency, World } from './world';
import { RecordStory } from './story';

/** One generated dossier and its audit trail, oldest entry first. */
export interface DossierRecord {
  readonly dossier: Dossier;
  readonly history: HistoryEntry[];
}

const STATUS_TEXT: readonly string[] = ['', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];

const CHANNEL_NOTE: Readonly<Record<Channel, string>> = {
  1: 'Nộp hồ sơ trực tiếp tại Bộ phận Một cửa',
  2: 'Nộp hồ sơ trực tuyến qua Cổng Dịch vụ công quốc gia',
  3: 'Nộp hồ sơ qua dịch vụ bưu chính công ích',
};
const PORTAL = 'Cổng Dịch vụ công quốc gia';

const REFUSAL_REASONS = [
  'Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan; đề nghị nộp tại cơ quan có thẩm quyền.',
  'Người nộp hồ sơ không phải là người có quyền yêu cầu thực hiện thủ tục theo quy định.',
  'Thông tin kê khai trong tờ khai không khớp với dữ liệu trong Cơ sở dữ liệu quốc gia về dân cư.',
  'Yêu cầu đã được giải quyết trước đó, không có căn cứ giải quyết lại.',
  'Hồ sơ nộp trùng với hồ sơ đang được giải quyết.',
];
const SUPPLEMENT_REASONS = [
  'Hồ sơ chưa đầy đủ thành phần theo quy định, đề nghị bổ sung các giấy tờ nêu dưới đây.',
  'Giấy tờ đính kèm không rõ nét, không đọc được nội dung, đề nghị nộp lại bản rõ nét.',
  'Thông tin trong tờ khai chưa thống nhất với giấy tờ kèm theo, đề nghị điều chỉnh và bổ sung.',
];
const LATE_SUPPLEMENT_STOP = 'Công dân không bổ sung hồ sơ trong thời hạn quy định.';
const STOP_REASONS = [
  'Hồ sơ có tranh chấp, khiếu nại liên quan đang chờ cơ quan có thẩm quyền giải quyết.',
  'Dừng xử lý theo yêu cầu của cơ quan có thẩm quyền để xác minh thông tin.',
];
const WITHDRAWAL_REASONS = [
  'Công dân đề nghị rút hồ sơ để bổ sung, điều chỉnh nội dung.',
  'Công dân không còn nhu cầu giải quyết.',
  'Công dân nộp nhầm thủ tục, đề nghị rút hồ sơ.',
];
const APOLOGY_REASONS = [
  'Cần xác minh thêm thông tin với cơ quan có liên quan.',
  'Chờ ý kiến phối hợp của cơ quan thuế.',
  'Hệ thống phần mềm gặp sự cố kỹ thuật, gián đoạn việc xử lý.',
  'Số lượng hồ sơ tăng đột biến so với thường lệ.',
  'Cần kiểm tra thực địa trước khi giải quyết.',
];
const DENIAL_REASONS = [
  'Hồ sơ không đủ điều kiện giải quyết theo quy định.',
  'Kết quả xác minh cho thấy thông tin kê khai không chính xác.',
  'Nội dung đề nghị không phù hợp với quy hoạch được phê duyệt.',
];
const INTERNAL_NOTES = [
  'Đã liên hệ công dân qua điện thoại để xác nhận thông tin.',
  'Đã đối chiếu thông tin với Cơ sở dữ liệu quốc gia về dân cư.',
  'Đã xác minh thực tế, thông tin phù hợp.',
  'Hồ sơ hợp lệ, đề xuất giải quyết.',
  'Đã lấy ý kiến phối hợp của cơ quan liên quan.',
  'Đã thẩm định, trình lãnh đạo xem xét, phê duyệt.',
];
const CITIZEN_NOTES = [
  'Hồ sơ đang được thẩm định, dự kiến trả kết quả đúng hẹn.',
  'Đề nghị công dân giữ liên lạc qua số điện thoại đã đăng ký để được hỗ trợ khi cần.',
  'Hồ sơ đã được chuyển bộ phận chuyên môn xử lý.',
];
const TRANSFER_NOTES = [
  'Chuyển xử lý do cán bộ được phân công nghỉ phép.',
  'Điều chỉnh phân công cho phù hợp lĩnh vực chuyên môn.',
  'Chuyển cán bộ khác xử lý để bảo đảm tiến độ.',
];

/** Mutable state of one dossier while its life is simulated. */
interface LifeState {
  receivedAt: number | null;
  dueAt: number | null;
  dueSoonAt: number | null;
  finishedAt: number | null;
  returnedAt: number | null;
  assignee: Actor | null;
  clockStartedAt: number | null;
  clockPausedAt: number | null;
  clockRemainingMs: number | null;
  late: boolean;
  apologyCount: number;
  rounds: SupplementRound[];
  results: ResultDocument[];
  fees: Fee[];
}

export interface DossierFactoryOptions {
  readonly seedHash: number;
  readonly world: World;
  readonly people: PeopleFactory;
  readonly deadlines: DeadlineCalculator;
  readonly timeline: WorkTimeline;
  /** The moment the data set describes: nothing after it has happened yet. */
  readonly now: number;
  readonly naming: HistoryNaming;
}

export const STREAM_DOSSIERS = 0xd055;
export const STREAM_SIMULATED_DOSSIERS = 0xd1e5;

/**
 * Builds dossiers by living through them: filing, intake, assignment, the optional detours
 * (supplements, fees, withdrawal, apology), finishing and returning, each step a history entry,
 * stopping at `now`. The status mix by age then follows from the durations rather than from a
 * table, and every date agrees with the history and the injected calendar.
 */
export class DossierFactory extends RecordStory {
  private readonly ctx: TemplateContext;
  private status: DossierStatus | 0 = 0;

  constructor(private readonly o: DossierFactoryOptions) {
    super();
    const province = o.world.agencies[0]?.area.province;
    if (!province) throw new RangeError('the world has no agency');
    this.ctx = new TemplateContext(this.rng, o.people, province);
  }

  /** Dossier `index` of the data set laid out by `layout`. */
  build(index: number, layout: FilingLayout): DossierRecord {
    this.rng.reseed(this.o.seedHash, STREAM_DOSSIERS, index);
    const slot = layout.locate(index, this.rng.float(), this.slot);
    const agency = this.o.world.agencies[slot.group] as Agency;
    return this.simulate(
      `dossier-${index}`,
      agency,
      slot.dayNumber,
      slot.sequence,
      slot.filedAt,
      this.o.now,
      false,
    );
  }

  /** A dossier just filed by a citizen at `at` (status 1), for simulating live traffic. */
  fresh(
    id: string,
    serial: number,
    at: number,
    agencyIndex: number,
    dayNumber: number,
    sequence: number,
  ): DossierRecord {
    this.rng.reseed(this.o.seedHash, STREAM_SIMULATED_DOSSIERS, serial);
    const agency = this.o.world.agencies[agencyIndex] as Agency;
    return this.simulate(id, agency, dayNumber, sequence, at, at, true);
  }

  /** Picks an agency for a simulated filing, by volume. */
  pickAgency(serial: number, table: { pick(rng: Prng): number }): number {
    this.rng.reseed(this.o.seedHash, STREAM_SIMULATED_DOSSIERS ^ 0xa9e, serial);
    return table.pick(this.rng);
  }

  private simulate(
    id: string,
    agency: Agency,
    dayNumber: number,
    sequence: number,
    filedAt: number,
    now: number,
    fresh: boolean,
  ): DossierRecord {
    const { rng, ctx } = this;
    const { people, timeline } = this.o;
    const { spec, procedure } = agency.procedures.pick(rng);
    this.id = id;
    this.history = [];
    this.status = 0;

    const inOffice = timeline.isOfficeTime(filedAt);
    let channel: Channel;
    if (fresh || !inOffice) {
      channel = inOffice && rng.chance(0.05) ? 3 : 2;
    } else {
      const r = rng.float();
      const online = spec.serviceLevel === 'full' ? 0.55 : 0.3;
      channel = r < online ? 2 : r < online + 0.04 ? 3 : 1;
    }

    // Applicant.
    const year = localYear(filedAt);
    let applicantType: ApplicantType;
    let name: string;
    let idNumber: string;
    let email: string;
    let address: string;
    let gender: Gender = 'male';
    let familyName = '';
    let birthYear = year - 40;
    const phone = people.mobile(rng);
    if (spec.businessShare > 0 && rng.chance(spec.businessShare)) {
      applicantType = 2;
      const company = people.company(rng);
      name = company.name;
      idNumber = company.taxCode;
      email = rng.chance(0.9) ? people.businessEmail(rng, company) : '';
      address = people.address(rng, agency.area, 0.9);
    } else {
      applicantType = 1;
      gender = rng.chance(spec.femaleShare ?? 0.5) ? 'female' : 'male';
      birthYear = year - rng.range(spec.ages[0], spec.ages[1]);
      const person = people.name(rng, gender, birthYear, agency.area.province.region);
      name = person.full;
      familyName = person.family.text;
      const home = rng.chance(0.88);
      idNumber = people.citizenId(rng, gender, birthYear, home);
      address = people.address(rng, agency.area, home ? 1 : 0);
      email = rng.chance(channel === 2 ? 0.85 : 0.4)
        ? people.personalEmail(rng, person, birthYear)
        : '';
    }

    ctx.applicantName = name;
    ctx.honorific = applicantType === 2 ? '' : gender === 'female' ? 'bà' : 'ông';
    ctx.applicantGender = gender;
    ctx.applicantFamilyName = familyName;
    ctx.applicantBirthYear = birthYear;
    ctx.applicantIdNumber = idNumber;
    ctx.year = year;
    ctx.filedAt = filedAt;
    ctx.area = agency.area;
    const summary = spec.summary(ctx);

    const documents: FiledDocument[] = [];
    for (const doc of spec.documents) {
      if (doc.optional && !rng.chance(0.4)) continue;
      documents.push({ name: doc.name, copies: doc.copies ?? 1, original: doc.original ?? false });
    }
    const fees: Fee[] = [];
    for (const fee of spec.fees) {
      const amount =
        channel === 2 && fee.onlineAmount !== undefined ? fee.onlineAmount : this.amount(fee);
      // Filing fees are paid with the filing (online payment, at the desk, or by money order).
      if (amount > 0) fees.push({ name: fee.name, amount, paid: true });
    }

    const st: LifeState = {
      receivedAt: null,
      dueAt: null,
      dueSoonAt: null,
      finishedAt: null,
      returnedAt: null,
      assignee: null,
      clockStartedAt: null,
      clockPausedAt: null,
      clockRemainingMs: null,
      late: false,
      apologyCount: 0,
      rounds: [],
      results: [],
      fees,
    };
    const citizen: Actor = {
      id: null,
      name,
      unitId: null,
      unitName: channel === 2 ? PORTAL : agency.unit.name,
    };
    this.filed(filedAt, citizen, CHANNEL_NOTE[channel], channel);
    if (!fresh) this.live(st, spec, agency, channel, now);

    // A note adds to the history but leaves the record as it was (as in the state machine).
    const last = this.history.findLast((e) => e.action !== 'note' && e.action !== 'add_note');
    const dossier: Dossier = {
      id,
      number: `${agency.unit.code}-${yymmdd(dayNumber)}-${sequence < 10_000 ? String(sequence).padStart(4, '0') : String(sequence)}`,
      procedureCode: procedure.code,
      procedureName: procedure.name,
      applicantName: name,
      status: this.status === 0 ? 1 : this.status,
      filedAt,
      receivedAt: st.receivedAt,
      dueAt: st.dueAt,
      dueSoonAt: st.dueSoonAt,
      finishedAt: st.finishedAt,
      unitId: agency.unit.id,
      assigneeId: st.assignee?.id ?? null,
      clockPausedAt: st.clockPausedAt,
      late: st.late,
      version: this.history.length,
      fieldCode: procedure.fieldCode,
      channel,
      applicantIdNumber: idNumber,
      applicantType,
      phone,
      email,
      address,
      summary,
      returnedAt: st.returnedAt,
      workingDays: procedure.workingDays,
      clockStartedAt: st.clockStartedAt,
      clockRemainingMs: st.clockRemainingMs,
      apologyCount: st.apologyCount,
      supplementCount: st.rounds.length,
      documents,
      fees: st.fees,
      supplementRounds: st.rounds,
      resultDocuments: st.results,
      updatedAt: last ? last.at : filedAt,
    };
    return { dossier, history: this.history };
  }

  /**
   * Everything after filing, up to `now`; each early return leaves the dossier where it stands.
   * Every step is one the shared dossier state machine (shared/domain/dossier-machine.ts) would
   * take with the same effect on the record: the same roles, the same clock rules, the same
   * history data, so seeded and live histories look alike.
   */
  private live(
    st: LifeState,
    spec: ProcedureSpec,
    agency: Agency,
    channel: Channel,
    now: number,
  ): void {
    const { rng } = this;
    const { timeline: wt, deadlines } = this.o;
    const W = spec.workingDays;
    const desk = rng.pick(agency.desks);
    const filedAt = this.history[0]?.at ?? 0;

    // Intake by the desk: at once in person, within hours for online and postal filings.
    let t: number;
    if (channel === 1) t = filedAt + rng.range(3, 25) * MINUTE;
    else if (channel === 3) t = wt.add(filedAt, rng.between(2, 16) * HOUR);
    else t = wt.add(filedAt, (rng.chance(0.85) ? rng.between(0.3, 6) : rng.between(6, 16)) * HOUR);
    if (t > now) return;

    const roll = rng.float();
    if (roll < (channel === 1 ? 0.015 : 0.035)) {
      this.refuse(st, t, desk, rng.pick(REFUSAL_REASONS));
      return;
    }
    if (channel !== 1 && roll > 0.93) {
      // Incomplete online or postal filing: the desk lists what is missing, once (Mẫu 02).
      const round = this.requestSupplement(st, spec, t, desk, null);
      if (rng.chance(0.15)) {
        // Never completed: the desk refuses it once the citizen has clearly given up.
        const refusedAt = wt.add(t, rng.between(15, 25) * WORKING_DAY_MS);
        if (refusedAt <= now) this.refuse(st, refusedAt, desk, LATE_SUPPLEMENT_STOP);
        return;
      }
      const answered = wt.add(t, rng.between(0.3, 8) * WORKING_DAY_MS);
      if (answered > now) return;
      round.receivedAt = answered;
      st.clockPausedAt = null;
      this.push(
        answered,
        'receive_supplement',
        desk,
        1,
        'Công dân đã bổ sung đầy đủ giấy tờ theo yêu cầu.',
        'citizen',
        { stage: 'intake' },
      );
      t = wt.add(answered, rng.between(0.2, 4) * HOUR);
      if (t > now) return;
      // The intake round has no appointment to replace: acceptance sets the first one.
      this.accept(st, t, desk, W);
    } else {
      this.accept(st, t, desk, W);
    }
    const receivedAt = t;

    // Assignment by a leader (the office head, or the commune's chairpersons).
    const office = spec.office;
    const processors = agency.processors.get(office) ?? agency.desks;
    const assigners = agency.assigners.get(office) ?? agency.leaders;
    t = wt.add(t, rng.between(0.2, W <= 1 ? 2 : 6) * HOUR);
    if (t > now) return;
    const processor = rng.pick(processors);
    this.push(
      t,
      'assign',
      rng.pick(assigners),
      4,
      `Phân công ${processor.name} xử lý hồ sơ.`,
      'internal',
      {
        fromAssigneeId: null,
        toAssigneeId: processor.id,
      },
    );
    st.assignee = processor;

    // What will happen to this dossier (drawn up front so that each path is reproducible).
    const transfer = rng.chance(0.06);
    const note = rng.chance(0.3);
    // The processing unit may ask for documents once; with an intake request before, that is a
    // second request, which counts the dossier as late.
    const supplement = rng.chance(spec.supplementRate ?? 0.06);
    const payFees = spec.obligations !== undefined && rng.chance(0.85);
    const withdraw = rng.chance(0.008);
    const stop = !withdraw && rng.chance(0.005);
    const late = rng.chance(spec.lateRate ?? 0.14);
    const apologise = late && rng.chance(0.2);
    const denied = rng.chance(0.035);

    if (transfer) {
      t = wt.add(t, rng.between(0.5, 8) * HOUR);
      if (t > now) return;
      const from = st.assignee;
      const others = processors.filter((p) => p !== from);
      const next = others.length > 0 ? rng.pick(others) : processor;
      this.push(
        t,
        'transfer',
        rng.pick(assigners),
        4,
        `${rng.pick(TRANSFER_NOTES)} Chuyển cho ${next.name}.`,
        'internal',
        {
          fromUnitId: agency.unit.id,
          toUnitId: agency.unit.id,
          fromAssigneeId: from.id,
          toAssigneeId: next.id,
        },
      );
      st.assignee = next;
    }
    const holder = st.assignee;

    if (supplement) {
      // Within 3 working days of receipt (the machine refuses later requests).
      const latest = wt.add(receivedAt, 3 * WORKING_DAY_MS - rng.between(0.1, 2) * HOUR);
      t = Math.max(t, Math.min(latest, wt.add(t, rng.between(0.5, 14) * HOUR)));
      if (t > now) return;
      const round = this.requestSupplement(st, spec, t, holder, st.dueAt);
      if (rng.chance(0.1)) {
        const stoppedAt = wt.add(t, rng.between(15, 25) * WORKING_DAY_MS);
        if (stoppedAt <= now)
          this.stop(st, stoppedAt, rng.pick(agency.leaders), LATE_SUPPLEMENT_STOP);
        return;
      }
      const received = wt.add(t, rng.between(0.3, 10) * WORKING_DAY_MS);
      if (received > now) return;
      // The complete dossier restarts the clock from zero.
      st.clockPausedAt = null;
      st.clockRemainingMs = null;
      this.restartClock(st, received, W);
      round.receivedAt = received;
      round.newDueAt = st.dueAt;
      this.push(
        received,
        'receive_supplement',
        desk,
        4,
        `Đã nhận đủ giấy tờ bổ sung; thời hạn giải quyết được tính lại, hẹn trả kết quả lúc ${formatDateTime(st.dueAt as number)}.`,
        'citizen',
        { stage: 'processing', previousDueAt: round.previousDueAt, newDueAt: st.dueAt },
      );
      t = received;
    }

    if (note) {
      t = wt.add(t, Math.max(0.5 * HOUR, 0.3 * wt.between(t, st.dueAt as number)));
      if (t > now) return;
      const toCitizen = rng.chance(0.3);
      this.push(
        t,
        'add_note',
        holder,
        null,
        rng.pick(toCitizen ? CITIZEN_NOTES : INTERNAL_NOTES),
        toCitizen ? 'citizen' : 'internal',
        null,
      );
    }

    if (payFees && spec.obligations) {
      const due = st.dueAt as number;
      t = wt.add(t, Math.max(HOUR, rng.between(0.2, 0.6) * wt.between(t, due)));
      if (t > now) return;
      let total = 0;
      const owed: Fee[] = spec.obligations.map((o) => {
        const amount = this.amount(o);
        total += amount;
        return { name: o.name, amount, paid: false };
      });
      const remaining = wt.between(t, due);
      st.fees.push(...owed);
      st.clockPausedAt = t;
      st.clockRemainingMs = remaining;
      this.push(
        t,
        'request_fees',
        holder,
        6,
        `Thông báo thực hiện nghĩa vụ tài chính: ${owed.map((f) => `${f.name} ${formatDong(f.amount)} đồng`).join('; ')}. Tổng cộng ${formatDong(total)} đồng.`,
        'citizen',
        { fees: owed.map((f) => ({ name: f.name, amount: f.amount })), remainingMs: remaining },
      );
      const paid = wt.add(
        t,
        (rng.chance(0.9) ? rng.between(1, 8) : rng.between(8, 25)) * WORKING_DAY_MS,
      );
      if (paid > now) return;
      for (const fee of st.fees) fee.paid = true;
      // Fees pause the clock; it resumes with the working time that was left (none left: the
      // appointment stays where it was).
      const previousDueAt = st.dueAt;
      this.resumeClock(st, paid);
      this.push(
        paid,
        'receive_fees',
        desk,
        4,
        'Đã nhận chứng từ hoàn thành nghĩa vụ tài chính.',
        'citizen',
        { previousDueAt, newDueAt: st.dueAt },
      );
      t = paid;
    }

    if (withdraw || stop) {
      t = wt.add(t, Math.max(HOUR, rng.between(0.1, 0.8) * wt.between(t, st.dueAt as number)));
      if (t > now) return;
      if (withdraw) {
        // The desk records the citizen's written request to withdraw.
        this.push(t, 'request_withdrawal', desk, 7, rng.pick(WITHDRAWAL_REASONS), 'citizen', null);
        t = wt.add(t, rng.between(1, 12) * HOUR);
        if (t > now) return;
        this.stop(
          st,
          t,
          rng.pick(agency.leaders),
          'Dừng xử lý theo đề nghị rút hồ sơ của công dân.',
        );
      } else {
        this.stop(st, t, rng.pick(agency.leaders), rng.pick(STOP_REASONS));
      }
      return;
    }

    const leader = rng.pick(agency.leaders);
    let finishAt: number;
    const due = st.dueAt as number;
    if (apologise && st.dueSoonAt !== null && t < st.dueSoonAt) {
      // At least one working day before the appointment: apologise and set a new one, once.
      const apologyAt = wt.add(t, rng.between(0.3, 0.95) * wt.between(t, st.dueSoonAt));
      if (apologyAt > now) return;
      // No further than the procedure's duration again, the bound the dossier machine holds it to.
      const newDue = deadlines.addWorkingDays(due, Math.min(rng.range(2, 5), Math.max(1, W)));
      const reason = rng.pick(APOLOGY_REASONS);
      this.push(
        apologyAt,
        'apologize',
        leader,
        4,
        `Xin lỗi ${this.ctx.honorific ? `${this.ctx.honorific} ` : ''}${this.ctx.applicantName} vì hồ sơ chưa được giải quyết đúng hẹn. Lý do: ${reason} Hẹn trả kết quả mới lúc ${formatDateTime(newDue)}.`,
        'citizen',
        { form: 'Mau04', previousDueAt: due, newDueAt: newDue },
      );
      st.apologyCount = 1;
      st.late = true;
      st.dueAt = newDue;
      st.dueSoonAt = deadlines.subtractWorkingTime(newDue, WORKING_DAY_MS);
      t = apologyAt;
      finishAt = Math.min(newDue, wt.add(due, rng.between(0.1, 0.9) * wt.between(due, newDue)));
      if (finishAt < t) finishAt = wt.add(t, HOUR);
    } else if (late) {
      // Most late dossiers slip by a day or two; a tail stays stuck for weeks or months.
      const r = rng.float();
      const over =
        r < 0.65 ? rng.between(0.05, 2) : r < 0.93 ? rng.between(2, 12) : rng.between(12, 120);
      finishAt = wt.add(Math.max(due, t), over * WORKING_DAY_MS);
    } else {
      const span = wt.between(t, due);
      finishAt =
        span > 0
          ? Math.min(due, wt.add(t, rng.between(0.15, 0.95) * span))
          : wt.add(t, rng.between(1, 4) * HOUR);
    }
    if (finishAt > now) return;

    const results: ResultDocument[] = denied
      ? [
          {
            name: 'Văn bản trả lời từ chối giải quyết hồ sơ',
            number: `${rng.range(1, 9999)}/TB-${agency.kind === 'commune' ? 'UBND' : 'SO'}`,
          },
        ]
      : [{ name: spec.result.name, number: spec.result.number(this.ctx) }];
    st.results = results;
    st.finishedAt = finishAt;
    this.push(
      finishAt,
      'finish',
      leader,
      9,
      denied
        ? `Không giải quyết: ${rng.pick(DENIAL_REASONS)}`
        : 'Phê duyệt kết quả giải quyết hồ sơ.',
      'citizen',
      {
        result: denied ? 'denied' : 'approved',
        resultDocuments: results.map((d) => ({ name: d.name, number: d.number })),
      },
    );

    let method: string;
    let returnAt: number;
    const r = rng.float();
    if (channel === 2 && r < 0.55) {
      method = 'Trả kết quả bản điện tử qua Cổng Dịch vụ công quốc gia.';
      returnAt = finishAt + rng.range(2, 90) * MINUTE;
    } else if (channel === 3 || (channel === 2 && r < 0.8) || (channel === 1 && r < 0.15)) {
      method = 'Trả kết quả qua dịch vụ bưu chính công ích.';
      returnAt = wt.add(finishAt, rng.between(1, 12) * HOUR);
    } else {
      method = 'Công dân nhận kết quả trực tiếp tại Bộ phận Một cửa.';
      returnAt = wt.add(
        finishAt,
        (rng.chance(0.88) ? rng.between(0.1, 3) : rng.between(3, 15)) * WORKING_DAY_MS,
      );
    }
    if (returnAt > now) return;
    st.returnedAt = returnAt;
    this.push(returnAt, 'return_result', desk, 10, method, 'citizen', null);
  }

  private accept(st: LifeState, at: number, desk: Actor, workingDays: number): void {
    st.receivedAt = at;
    st.clockPausedAt = null;
    st.clockRemainingMs = null;
    this.restartClock(st, at, workingDays);
    this.push(
      at,
      'accept',
      desk,
      2,
      `Tiếp nhận hồ sơ, hẹn trả kết quả lúc ${formatDateTime(st.dueAt as number)}.`,
      'citizen',
      { form: 'Mau01' },
    );
  }

  private restartClock(st: LifeState, at: number, workingDays: number): void {
    const { deadlines } = this.o;
    st.clockStartedAt = at;
    st.dueAt = deadlines.addWorkingDays(at, workingDays);
    st.dueSoonAt = deadlines.subtractWorkingTime(st.dueAt, WORKING_DAY_MS);
  }

  /**
   * Starts a paused clock again with the working time it had left (fees paid, or leaving a wait
   * by a stop); with none left the appointment stays, as in the state machine.
   */
  private resumeClock(st: LifeState, at: number): void {
    if (st.clockPausedAt === null) return;
    const pausedAt = st.clockPausedAt;
    const remaining =
      st.clockRemainingMs ?? (st.dueAt === null ? 0 : this.o.timeline.between(pausedAt, st.dueAt));
    st.clockPausedAt = null;
    st.clockRemainingMs = null;
    if (st.dueAt === null || remaining <= 0) return;
    st.dueAt = addWorkingTime(this.o.deadlines, at, remaining);
    st.dueSoonAt = this.o.deadlines.subtractWorkingTime(st.dueAt, WORKING_DAY_MS);
  }

  private requestSupplement(
    st: LifeState,
    spec: ProcedureSpec,
    at: number,
    actor: Actor,
    previousDueAt: number | null,
  ): SupplementRound {
    const { rng } = this;
    const docs = spec.documents;
    const first = rng.int(docs.length);
    const missing = [(docs[first] ?? docs[0])?.name ?? 'Giấy tờ theo quy định'];
    if (docs.length > 1 && rng.chance(0.35)) {
      const second = docs[(first + 1 + rng.int(docs.length - 1)) % docs.length];
      if (second) missing.push(second.name);
    }
    // The request's reason names the documents: it is the note of Mẫu 02 and the round's reason.
    const reason = `${rng.pick(SUPPLEMENT_REASONS)} Giấy tờ cần bổ sung: ${missing.join('; ')}.`;
    const round: SupplementRound = {
      requestedAt: at,
      missingDocuments: missing,
      reason,
      receivedAt: null,
      previousDueAt,
      newDueAt: null,
    };
    st.rounds.push(round);
    st.clockPausedAt = at;
    // More than one request (intake, then processing) counts the dossier as late.
    if (st.rounds.length > 1) st.late = true;
    this.push(at, 'request_supplement', actor, 5, reason, 'citizen', {
      form: 'Mau02',
      stage: previousDueAt === null ? 'intake' : 'processing',
      missingDocuments: missing,
    });
    return round;
  }

  private refuse(st: LifeState, at: number, desk: Actor, reason: string): void {
    st.finishedAt = at;
    st.clockPausedAt = null;
    this.push(at, 'refuse', desk, 3, reason, 'citizen', { form: 'Mau03' });
  }

  private stop(st: LifeState, at: number, leader: Actor, reason: string): void {
    this.resumeClock(st, at);
    st.finishedAt = at;
    this.push(at, 'stop', leader, 8, reason, 'citizen', null);
  }

  private filed(at: number, citizen: Actor, note: string, channel: Channel): void {
    this.history.push(this.entry(at, FILED, citizen, null, '1', note, 'citizen', { channel }));
    this.status = 1;
  }

  private push(
    at: number,
    step: DossierStep,
    actor: Actor,
    to: DossierStatus | null,
    note: string | null,
    visibility: NoteVisibility,
    data: Record<string, unknown> | null,
  ): void {
    const from = this.status === 0 ? null : (STATUS_TEXT[this.status] as string);
    const action = this.o.naming === 'machine' ? step : DOSSIER_EVENT_NAMES[step];
    // A step that keeps the status (a note, an apology, a reassignment) records it on both sides.
    const target = to === null ? from : (STATUS_TEXT[to] as string);
    this.history.push(this.entry(at, action, actor, from, target, note, visibility, data));
    if (to !== null) this.status = to;
  }

  private amount(fee: FeeSpec): number {
    const a = fee.amount;
    if (typeof a === 'number') return a;
    return Math.round(this.rng.between(a[0], a[1]) / 1000) * 1000;
  }
}
