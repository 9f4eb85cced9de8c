import { describe, expect, it } from 'vitest';
import { COMPLAINT_ACTIONS } from '../domain/complaint-machine';
import { DOSSIER_ACTIONS } from '../domain/dossier-machine';
import { FINAL_DOSSIER_STATUSES } from '../model/codes';
import {
  ComplaintSchema,
  DossierSchema,
  HistoryEntrySchema,
  OfficerSchema,
  ProcedureSchema,
  UnitSchema,
  type Dossier,
  type HistoryEntry,
} from '../model/schemas';
import { PROVINCES } from './data/places';
import {
  DEMO_ACCOUNTS,
  DEMO_UNIT_ID,
  createGenerator,
  foldAscii,
  taxCheckDigit,
  type GeneratorOptions,
} from './index';
import { weekendCalendar, withDaysOff } from './testing';
import { DAY, HOUR, WORKING_DAY_MS, WorkTimeline, localDay, yymmdd } from './time';

const vn = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h) - 7 * HOUR;
const calendar = weekendCalendar();
const options: GeneratorOptions = {
  seed: 'test-seed',
  deadlines: calendar,
  start: vn(2025, 1, 1),
  end: vn(2026, 1, 1),
  // The lifecycle checks below read past-tense event names; 'history naming' covers the default.
  historyNaming: 'past',
};
const N = 12_000;
const gen = createGenerator(options);
const records = [...gen.dossiers(N)];
const dossiers = records.map((r) => r.dossier);
const complaints = [...gen.complaints(4_000)];
const officerById = new Map(gen.officers().map((o) => [o.id, o]));
const unitById = new Map(gen.units().map((u) => [u.id, u]));
const timeline = new WorkTimeline(calendar, options.start - DAY, options.end + 200 * DAY);

const share = (items: readonly Dossier[], test: (d: Dossier) => boolean) =>
  items.length === 0 ? 0 : items.filter(test).length / items.length;
/** Collects rule violations over many records and reports them together: one fast assertion. */
function violations(): { check(ok: boolean, what: string): void; readonly list: string[] } {
  const list: string[] = [];
  return {
    list,
    check: (ok, what) => {
      if (!ok && list.length < 20) list.push(what);
    },
  };
}

/** Entries that change status, in order. */
const statusChanges = (history: readonly HistoryEntry[]) =>
  history.filter((e) => e.toStatus !== null);

describe('determinism', () => {
  it('gives identical output for the same seed and options, and different output for another seed', () => {
    const again = createGenerator({ ...options });
    const first = JSON.stringify([...again.dossiers(N, 0, 300)]);
    expect(first).toBe(JSON.stringify(records.slice(0, 300)));
    expect(JSON.stringify([...again.complaints(4_000, 0, 100)])).toBe(
      JSON.stringify(complaints.slice(0, 100)),
    );
    expect(JSON.stringify(again.officers())).toBe(JSON.stringify(gen.officers()));
    const other = createGenerator({ ...options, seed: 'another-seed' });
    const otherFirst = [...other.dossiers(N, 0, 300)];
    const same = otherFirst.filter(
      (r, i) => r.dossier.applicantName === records[i]?.dossier.applicantName,
    );
    expect(same.length).toBeLessThan(60);
  });

  it('serves random access and slices identical to the stream', () => {
    for (const i of [0, 1, 777, 5_000, N - 1]) {
      expect(JSON.stringify(gen.dossierAt(i, N))).toBe(JSON.stringify(records[i]));
    }
    expect(JSON.stringify([...gen.dossiers(N, 4_000, 4_050)])).toBe(
      JSON.stringify(records.slice(4_000, 4_050)),
    );
    expect(JSON.stringify(gen.complaintAt(1_234, 4_000))).toBe(JSON.stringify(complaints[1_234]));
    expect(() => gen.dossierAt(N, N)).toThrow(RangeError);
    expect(() => [...gen.dossiers(N, 10, 5)]).toThrow(RangeError);
  });
});

describe('schemas', () => {
  it('validates units, officers and procedures', () => {
    for (const u of gen.units()) UnitSchema.parse(u);
    for (const o of gen.officers()) OfficerSchema.parse(o);
    for (const p of gen.procedures()) ProcedureSchema.parse(p);
    expect(gen.procedures().length).toBeGreaterThanOrEqual(25);
  });

  it('validates a sample of dossiers, complaints and their histories', () => {
    for (let i = 0; i < records.length; i += 4) {
      const r = records[i];
      if (!r) continue;
      DossierSchema.parse(r.dossier);
      for (const e of r.history) HistoryEntrySchema.parse(e);
    }
    for (let i = 0; i < complaints.length; i += 2) {
      const c = complaints[i];
      if (!c) continue;
      ComplaintSchema.parse(c.complaint);
      for (const e of c.history) HistoryEntrySchema.parse(e);
    }
  });

  it('writes all text in NFC', () => {
    const sample = JSON.stringify([
      records.slice(0, 2_000),
      complaints.slice(0, 1_000),
      gen.units(),
      gen.officers(),
    ]);
    expect(sample.normalize('NFC') === sample).toBe(true);
  });
});

describe('units and officers', () => {
  it('forms one tree under the province with unique codes', () => {
    const units = gen.units();
    expect(units.filter((u) => u.parentId === null).map((u) => u.kind)).toEqual(['province']);
    for (const u of units) {
      if (u.parentId !== null) expect(unitById.has(u.parentId)).toBe(true);
      expect(u.code).toMatch(/^000\.\d{2}\.\d{2}\.H29$/);
    }
    expect(new Set(units.map((u) => u.code)).size).toBe(units.length);
    expect(new Set(units.map((u) => u.id)).size).toBe(units.length);
    expect(units.filter((u) => u.kind === 'department').length).toBeGreaterThanOrEqual(8);
    expect(units.filter((u) => u.kind === 'commune').length).toBeGreaterThanOrEqual(5);
    expect(units.some((u) => u.kind === 'office')).toBe(true);
  });

  it('has the three demo accounts in one commune unit, and unique ascii usernames', () => {
    const officers = gen.officers();
    for (const key of ['desk', 'officer', 'leader'] as const) {
      const account = DEMO_ACCOUNTS[key];
      const found = officers.find((o) => o.username === key);
      expect(found).toEqual({ ...account, roles: [...account.roles] });
      expect(found?.unitId).toBe(DEMO_UNIT_ID);
    }
    expect(unitById.get(DEMO_UNIT_ID)?.kind).toBe('commune');
    expect(new Set(officers.map((o) => o.username)).size).toBe(officers.length);
    expect(new Set(officers.map((o) => o.id)).size).toBe(officers.length);
    for (const o of officers) expect(o.username).toMatch(/^[a-z0-9]+$/);
    const roles = new Set(officers.flatMap((o) => o.roles));
    for (const r of ['desk_officer', 'processing_officer', 'leader'] as const)
      expect(roles.has(r)).toBe(true);
    // The demo accounts do not depend on the seed.
    const other = createGenerator({ ...options, seed: 99 });
    expect(other.officers().find((o) => o.username === 'leader')?.id).toBe(DEMO_ACCOUNTS.leader.id);
    // The demo officer is actually given work.
    expect(dossiers.some((d) => d.assigneeId === DEMO_ACCOUNTS.officer.id)).toBe(true);
  });

  it('builds any of the 34 provinces', () => {
    for (const p of PROVINCES) {
      const g = createGenerator({ ...options, province: p.name });
      expect(g.units()[0]?.code).toBe(`000.00.00.${p.agencyCode}`);
      DossierSchema.parse(g.dossierAt(3, 10).dossier);
    }
    expect(createGenerator({ ...options, province: 'lao cai' }).province.name).toBe('tỉnh Lào Cai');
    expect(() => createGenerator({ ...options, province: 'Atlantis' })).toThrow(RangeError);
  });
});

describe('formats', () => {
  it('numbers dossiers <agency code>-YYMMDD-NNNN by the local filing day, never twice', () => {
    const numbers = new Set<string>();
    const v = violations();
    for (const d of dossiers) {
      const m = /^(000\.\d{2}\.\d{2}\.H\d{2})-(\d{6})-(\d{4,})$/.exec(d.number);
      v.check(m !== null, `format ${d.number}`);
      v.check(m?.[1] === unitById.get(d.unitId)?.code, `agency ${d.number}`);
      v.check(m?.[2] === yymmdd(localDay(d.filedAt)), `day ${d.number}`);
      numbers.add(d.number);
    }
    expect(v.list).toEqual([]);
    expect(numbers.size).toBe(dossiers.length);
    expect(new Set(dossiers.map((d) => d.id)).size).toBe(dossiers.length);
    const historyIds = records.flatMap((r) => r.history.map((e) => e.id));
    expect(new Set(historyIds).size).toBe(historyIds.length);
  });

  it('keeps numbers unique and sequential even when many dossiers share a day', () => {
    const dense = createGenerator({ ...options, start: vn(2025, 6, 2), end: vn(2025, 6, 4) });
    const all = [...dense.dossiers(20_000)].map((r) => r.dossier);
    expect(new Set(all.map((d) => d.number)).size).toBe(all.length);
    // Within an agency and day, sequence order is filing order.
    const byKey = new Map<string, Dossier[]>();
    for (const d of all) {
      const key = d.number.slice(0, d.number.lastIndexOf('-'));
      const list = byKey.get(key);
      if (list) list.push(d);
      else byKey.set(key, [d]);
    }
    expect(byKey.size).toBeGreaterThan(50);
    const v = violations();
    for (const list of byKey.values()) {
      const sorted = [...list].sort((a, b) => a.number.localeCompare(b.number));
      sorted.forEach((d, i) => {
        v.check(Number(d.number.slice(-4)) === i + 1, `gap before ${d.number}`);
        const previous = sorted[i - 1];
        if (previous) v.check(d.filedAt >= previous.filedAt, `order ${d.number}`);
      });
    }
    expect(v.list).toEqual([]);
  });

  it('writes 12-digit citizen IDs, valid tax codes, Vietnamese mobiles and ascii e-mails', () => {
    const idCodes = new Set(PROVINCES.flatMap((p) => p.idCodes));
    const v = violations();
    for (const d of dossiers) {
      const id = d.applicantIdNumber;
      if (d.applicantType === 1) {
        v.check(/^\d{12}$/.test(id), `citizen id ${id}`);
        v.check(idCodes.has(id.slice(0, 3)), `province code ${id}`);
        const century = Number(id[3]);
        // 0/1: born 19yy, 2/3: born 20yy; applicants are adults.
        const birthYear = (century < 2 ? 1900 : 2000) + Number(id.slice(4, 6));
        v.check(century <= 3 && birthYear > 1920 && birthYear <= 2008, `century/year ${id}`);
      } else {
        v.check(/^\d{10}$/.test(id), `tax code ${id}`);
        v.check(taxCheckDigit(id.slice(0, 9)) === Number(id[9]), `check digit ${id}`);
        v.check(
          /^(Công ty TNHH|Công ty Cổ phần|Doanh nghiệp tư nhân|Hợp tác xã) /.test(d.applicantName),
          d.applicantName,
        );
      }
      v.check(
        /^0(3[2-9]|5[2689]|7[06-9]|8[1-9]|9[0-46-9])\d{7}$/.test(d.phone),
        `phone ${d.phone}`,
      );
      v.check(
        d.email === '' || /^[a-z0-9.]+@[a-z0-9]+(\.[a-z0-9]+)+$/.test(d.email),
        `email ${d.email}`,
      );
      v.check(
        /, (phường|xã|đặc khu) [^,]+, (TP\. Hồ Chí Minh|Hà Nội|Huế|Đà Nẵng|Hải Phòng|Cần Thơ|tỉnh [^,]+)$/.test(
          d.address,
        ),
        `address ${d.address}`,
      );
    }
    expect(v.list).toEqual([]);
    expect(share(dossiers, (d) => d.applicantType === 2)).toBeGreaterThan(0.02);
    expect(share(dossiers, (d) => d.email !== '')).toBeGreaterThan(0.4);
  });
});

describe('people', () => {
  it('gives Nguyễn a realistic share of applicants', () => {
    const citizens = dossiers.filter((d) => d.applicantType === 1);
    const nguyen = share(citizens, (d) => d.applicantName.startsWith('Nguyễn '));
    expect(nguyen).toBeGreaterThan(0.3);
    expect(nguyen).toBeLessThan(0.45);
    for (const d of citizens.slice(0, 500))
      expect(d.applicantName.split(' ').length).toBeGreaterThanOrEqual(3);
  });

  it('generates names that fold to ascii through đ/Đ', () => {
    const withD = dossiers.find((d) => d.applicantType === 1 && d.applicantName.includes('Đ'));
    expect(withD).toBeDefined();
    const folded = foldAscii(withD?.applicantName ?? '');
    expect(folded).toMatch(/^[A-Za-z ]+$/);
    expect(folded).toContain('D');
    expect(dossiers.some((d) => /đ/.test(d.applicantName))).toBe(true);
  });

  it('writes summaries that read per procedure', () => {
    const birth = dossiers.find((d) => d.procedureCode === '1.001193');
    expect(birth?.summary).toMatch(
      /^Đăng ký khai sinh cho cháu [A-ZĐÂ-Ỹ][^,]+, sinh ngày \d{2}\/\d{2}\/\d{4}; người yêu cầu: (ông|bà) .+ \((cha|mẹ)\)$/u,
    );
    const marriage = dossiers.find((d) => d.procedureCode === '1.000894');
    expect(marriage?.summary).toMatch(/^Đăng ký kết hôn giữa ông .+ và bà .+$/);
    const v = violations();
    for (const d of dossiers) {
      v.check(d.summary.length > 20 && !/undefined|NaN|\[object/.test(d.summary), d.summary);
    }
    expect(v.list).toEqual([]);
  });
});

describe('time and channels', () => {
  it('files mostly in office hours on working days, online only outside them', () => {
    const inOffice = share(dossiers, (d) => timeline.isOfficeTime(d.filedAt));
    expect(inOffice).toBeGreaterThan(0.75);
    expect(inOffice).toBeLessThan(0.97);
    const outside = dossiers.filter((d) => !timeline.isOfficeTime(d.filedAt));
    expect(outside.every((d) => d.channel === 2)).toBe(true);
    expect(outside.some((d) => !timeline.isWorkingDay(localDay(d.filedAt)))).toBe(true);
    expect(dossiers.every((d) => d.filedAt >= options.start && d.filedAt < options.end)).toBe(true);
  });

  it('files online for most fully-online procedures', () => {
    const full = new Set(
      gen
        .procedures()
        .filter((p) => p.serviceLevel === 'full')
        .map((p) => p.code),
    );
    const fullDossiers = dossiers.filter((d) => full.has(d.procedureCode));
    expect(share(fullDossiers, (d) => d.channel === 2)).toBeGreaterThan(0.5);
    expect(share(dossiers, (d) => d.channel === 1)).toBeGreaterThan(0.2);
    expect(share(dossiers, (d) => d.channel === 3)).toBeGreaterThan(0.005);
  });

  it('takes holidays from the injected calendar: no desk work on a day off', () => {
    const dayOff = localDay(vn(2025, 9, 2));
    const g = createGenerator({
      ...options,
      deadlines: withDaysOff(calendar, [dayOff]),
      start: vn(2025, 8, 25),
      end: vn(2025, 9, 10),
    });
    const all = [...g.dossiers(3_000)];
    const onDayOff = all.filter((r) => localDay(r.dossier.filedAt) === dayOff);
    expect(onDayOff.length).toBeGreaterThan(0);
    expect(onDayOff.every((r) => r.dossier.channel === 2)).toBe(true);
    const staffOnDayOff = all.flatMap((r) =>
      r.history.filter((e) => e.officerId !== null && localDay(e.at) === dayOff),
    );
    expect(staffOnDayOff).toEqual([]);
  });
});

describe('lifecycle consistency', () => {
  it('starts every history with "filed" and chains statuses up to the dossier status', () => {
    const v = violations();
    for (const { dossier: d, history } of records) {
      const first = history[0];
      v.check(
        first?.action === 'filed' && first.fromStatus === null && first.toStatus === '1',
        `${d.id} first`,
      );
      const changes = statusChanges(history);
      for (let i = 1; i < changes.length; i++) {
        v.check(changes[i]?.fromStatus === changes[i - 1]?.toStatus, `${d.id} chain at ${i}`);
      }
      v.check(changes[changes.length - 1]?.toStatus === String(d.status), `${d.id} last status`);
      for (let i = 1; i < history.length; i++) {
        v.check(
          (history[i] as HistoryEntry).at >= (history[i - 1] as HistoryEntry).at,
          `${d.id} time order`,
        );
      }
      // A note adds to the history without changing the record.
      v.check(
        d.updatedAt === history.findLast((e) => e.action !== 'note')?.at,
        `${d.id} updatedAt`,
      );
      v.check(d.version === history.length, `${d.id} version`);
      v.check(d.updatedAt <= gen.now, `${d.id} in the future`);
    }
    expect(v.list).toEqual([]);
  });

  it('uses the agreed action names and names officers and units as they are', () => {
    const allowed = new Set([
      'filed',
      'accepted',
      'refused',
      'assigned',
      'transferred',
      'supplement_requested',
      'supplement_received',
      'fees_requested',
      'fees_received',
      'apologized',
      'finished',
      'returned',
      'withdrawal_requested',
      'stopped',
      'note',
    ]);
    const seen = new Set<string>();
    let internal = 0;
    let citizen = 0;
    const v = violations();
    for (const { history } of records) {
      for (const e of history) {
        v.check(allowed.has(e.action), `action ${e.action}`);
        seen.add(e.action);
        if (e.visibility === 'internal') internal++;
        else citizen++;
        if (e.officerId !== null) {
          const officer = officerById.get(e.officerId);
          v.check(officer?.fullName === e.officerName, `${e.id} officer name`);
          v.check(officer?.unitId === e.unitId, `${e.id} officer unit`);
          v.check(unitById.get(e.unitId ?? '')?.name === e.unitName, `${e.id} unit name`);
        }
      }
    }
    expect(v.list).toEqual([]);
    for (const a of allowed) expect(seen.has(a), a).toBe(true);
    expect(internal).toBeGreaterThan(0);
    expect(citizen).toBeGreaterThan(internal);
  });

  it('keeps dates consistent with statuses', () => {
    const v = violations();
    for (const d of dossiers) {
      const c = (ok: boolean, what: string) => v.check(ok, `${d.id} (status ${d.status}): ${what}`);
      c(
        (d.finishedAt !== null) === [...FINAL_DOSSIER_STATUSES, 9].includes(d.status),
        'finishedAt iff 3/8/9/10',
      );
      // Missing documents asked for at intake: waiting (5) before the dossier is ever received.
      const waitingAtIntake =
        d.status === 5 &&
        d.supplementRounds.length === 1 &&
        d.supplementRounds[0]?.previousDueAt === null;
      if (d.status === 1 || d.status === 3 || waitingAtIntake) {
        c(d.receivedAt === null && d.dueAt === null && d.assigneeId === null, 'not received yet');
      } else {
        c(d.receivedAt !== null && d.receivedAt >= d.filedAt, 'received after filing');
        c(d.dueAt !== null && d.dueAt > (d.receivedAt ?? 0), 'appointment after receipt');
        c((d.clockStartedAt ?? -1) >= (d.receivedAt ?? 0), 'clock starts at or after receipt');
      }
      if (d.status === 2) c(d.assigneeId === null, 'accepted, not yet assigned');
      if ([4, 5, 6, 7, 9, 10].includes(d.status) && !waitingAtIntake) {
        c(officerById.has(d.assigneeId ?? ''), 'assigned to a known officer');
      }
      if (d.status === 9 || d.status === 10) {
        c((d.finishedAt ?? 0) >= (d.receivedAt ?? Infinity), 'finished after receipt');
        c(d.resultDocuments.length > 0, 'result documents');
      } else {
        c(d.resultDocuments.length === 0, 'no result before finishing');
      }
      c((d.returnedAt !== null) === (d.status === 10), 'returnedAt iff 10');
      if (d.status === 10)
        c((d.returnedAt ?? 0) >= (d.finishedAt ?? Infinity), 'returned after finishing');
      if (d.dueAt !== null) {
        c(
          d.dueSoonAt === calendar.subtractWorkingTime(d.dueAt, WORKING_DAY_MS),
          'dueSoonAt = due − 1 working day',
        );
      } else {
        c(d.dueSoonAt === null, 'no due-soon without appointment');
      }
      c(d.supplementCount === d.supplementRounds.length, 'supplementCount');
    }
    expect(v.list).toEqual([]);
  });

  it('counts appointments from receipt, restarting from zero when the complete dossier arrives', () => {
    let plain = 0;
    let restarted = 0;
    for (const d of dossiers) {
      if (d.receivedAt === null || d.clockStartedAt === null || d.dueAt === null) continue;
      const hasObligations = d.fees.some(
        (f) =>
          f.name.startsWith('Tiền') ||
          f.name.startsWith('Thuế') ||
          f.name.startsWith('Lệ phí trước bạ'),
      );
      // Stopping a dossier that waits for the citizen resumes its clock, as the machine does.
      if (d.apologyCount === 0 && !hasObligations && d.status !== 8) {
        expect(d.dueAt).toBe(calendar.addWorkingDays(d.clockStartedAt, d.workingDays));
        if (d.supplementRounds.every((r) => r.previousDueAt === null)) {
          expect(d.clockStartedAt).toBe(d.receivedAt);
          plain++;
        }
      }
      for (const round of d.supplementRounds) {
        if (round.receivedAt === null) continue;
        if (round.previousDueAt === null) {
          // Asked at intake: no appointment to replace; acceptance sets the first one.
          expect(round.newDueAt).toBeNull();
          expect(d.clockStartedAt).toBeGreaterThanOrEqual(round.receivedAt);
        } else {
          expect(round.newDueAt).toBe(calendar.addWorkingDays(round.receivedAt, d.workingDays));
          expect(round.receivedAt).toBeGreaterThan(round.requestedAt);
          restarted++;
        }
      }
    }
    expect(plain).toBeGreaterThan(dossiers.length / 2);
    expect(restarted).toBeGreaterThan(0);
  });

  it('pauses the clock while waiting for the citizen', () => {
    const five = dossiers.filter((d) => d.status === 5);
    const six = dossiers.filter((d) => d.status === 6);
    expect(five.length).toBeGreaterThan(0);
    expect(six.length).toBeGreaterThan(0);
    for (const d of five) {
      const open = d.supplementRounds[d.supplementRounds.length - 1];
      expect(open?.receivedAt).toBeNull();
      expect(open?.newDueAt).toBeNull();
      expect(d.clockPausedAt).toBe(open?.requestedAt);
    }
    for (const d of six) {
      expect(d.fees.some((f) => !f.paid)).toBe(true);
      expect(d.clockPausedAt).not.toBeNull();
      expect(d.clockRemainingMs).not.toBeNull();
    }
    for (const d of dossiers) {
      if (d.status !== 5 && d.status !== 6) expect(d.clockPausedAt).toBeNull();
      if (d.status !== 6) expect(d.clockRemainingMs).toBeNull();
    }
  });

  it('asks for missing documents once per stage, within 3 working days of receipt', () => {
    let processingRounds = 0;
    for (const d of dossiers) {
      const intake = d.supplementRounds.filter((r) => r.previousDueAt === null);
      const processing = d.supplementRounds.filter((r) => r.previousDueAt !== null);
      expect(intake.length).toBeLessThanOrEqual(1);
      expect(processing.length).toBeLessThanOrEqual(1);
      // A second request (intake, then processing) counts the dossier as late.
      if (d.supplementRounds.length > 1) expect(d.late).toBe(true);
      for (const r of processing) {
        processingRounds++;
        expect(timeline.between(d.receivedAt as number, r.requestedAt)).toBeLessThanOrEqual(
          3 * WORKING_DAY_MS,
        );
        expect(r.missingDocuments.length).toBeGreaterThan(0);
      }
      for (const r of intake) expect(r.requestedAt).toBeLessThanOrEqual(d.receivedAt ?? Infinity);
    }
    expect(processingRounds).toBeGreaterThan(0);
  });

  it('apologises rarely, once, at least a working day ahead, and counts the dossier late', () => {
    const apologised = records.filter((r) => r.dossier.apologyCount > 0);
    expect(apologised.length).toBeGreaterThan(0);
    expect(apologised.length / records.length).toBeLessThan(0.03);
    for (const { dossier: d, history } of apologised) {
      expect(d.apologyCount).toBe(1);
      expect(d.late).toBe(true);
      const apology = history.filter((e) => e.action === 'apologized');
      expect(apology).toHaveLength(1);
      const data = apology[0]?.data as { previousDueAt: number; newDueAt: number };
      expect(data.newDueAt).toBeGreaterThan(data.previousDueAt);
      expect(timeline.between(apology[0]?.at ?? 0, data.previousDueAt)).toBeGreaterThanOrEqual(
        WORKING_DAY_MS,
      );
    }
  });

  it('finishes 10–20 % late and has a status mix that follows age', () => {
    const finished = dossiers.filter((d) => d.status === 9 || d.status === 10);
    const late = share(finished, (d) => d.late || (d.finishedAt as number) > (d.dueAt as number));
    expect(late).toBeGreaterThan(0.1);
    expect(late).toBeLessThan(0.2);
    const old = dossiers.filter((d) => gen.now - d.filedAt > 90 * DAY);
    expect(share(old, (d) => [3, 8, 9, 10].includes(d.status))).toBeGreaterThan(0.97);
    expect(share(old, (d) => d.status === 10)).toBeGreaterThan(0.85);
    const recent = dossiers.filter((d) => gen.now - d.filedAt < 7 * DAY);
    expect(share(recent, (d) => [1, 2, 4, 5, 6, 7].includes(d.status))).toBeGreaterThan(0.35);
    for (const s of [1, 2, 3, 4, 5, 6, 8, 9, 10])
      expect(
        dossiers.some((d) => d.status === s),
        `status ${s}`,
      ).toBe(true);
    expect(share(dossiers, (d) => d.status === 3)).toBeLessThan(0.06);
    expect(share(dossiers, (d) => d.status === 8)).toBeLessThan(0.05);
  });

  it('keeps the assignee inside the dossier unit', () => {
    const v = violations();
    for (const d of dossiers) {
      v.check(
        /^(department|commune)$/.test(unitById.get(d.unitId)?.kind ?? ''),
        `${d.id} unit kind`,
      );
      if (d.assigneeId === null) continue;
      const officer = officerById.get(d.assigneeId);
      const unit = unitById.get(officer?.unitId ?? '');
      v.check(
        unit?.id === d.unitId || unit?.parentId === d.unitId,
        `${d.id} assignee outside the unit`,
      );
      v.check(officer?.roles.includes('processing_officer') === true, `${d.id} assignee role`);
    }
    expect(v.list).toEqual([]);
  });
});

describe('complaints', () => {
  it('numbers complaints uniquely and keeps their lifecycle consistent', () => {
    const all = complaints.map((c) => c.complaint);
    expect(new Set(all.map((c) => c.number)).size).toBe(all.length);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    const v = violations();
    let transferredIn = 0;
    for (const { complaint: c, history } of complaints) {
      const k = (ok: boolean, what: string) => v.check(ok, `${c.id} (${c.status}): ${what}`);
      k(/^PAKN-\d{6}-\d{4,}$/.test(c.number), 'number format');
      k(history[0]?.action === 'filed' && history[0].toStatus === 'new', 'filed first');
      k(history[history.length - 1]?.toStatus === c.status, 'last status');
      for (let i = 1; i < history.length; i++)
        k(history[i]?.fromStatus === history[i - 1]?.toStatus, `chain at ${i}`);
      k(c.clockStartedAt >= c.receivedAt, 'clock after receipt');
      if (c.clockStartedAt > c.receivedAt) transferredIn++;
      // The governing deadline, as the complaint machine derives it.
      const expectedDue =
        c.status === 'refused'
          ? calendar.addWorkingDays(c.clockStartedAt, 2)
          : c.status === 'transferred'
            ? calendar.addWorkingDays(c.clockStartedAt, 5)
            : c.approvedAt !== null
              ? calendar.addWorkingDays(c.approvedAt, 2)
              : calendar.addWorkingDays(c.clockStartedAt, 15);
      k(c.dueAt === expectedDue, 'governing deadline');
      k(
        (c.classification === null) === (c.status === 'new' || c.status === 'received'),
        'classified once past receipt',
      );
      const answered = ['answer_drafted', 'returned', 'waiting_to_publish', 'published'].includes(
        c.status,
      );
      k((c.answer !== null) === answered, 'answer iff drafted');
      k(
        (c.approvedAt !== null) === (c.status === 'waiting_to_publish' || c.status === 'published'),
        'approvedAt',
      );
      k((c.publishedAt !== null) === (c.status === 'published'), 'publishedAt');
      if (c.status === 'published')
        k((c.publishedAt ?? 0) >= (c.approvedAt ?? Infinity), 'published after approval');
      if (c.approvedAt !== null) k(c.approvedAt >= c.receivedAt, 'approved after receipt');
      if (c.assigneeId !== null) k(officerById.has(c.assigneeId), 'known assignee');
      if (c.status === 'refused')
        k(c.classification === 'not_admissible', 'refused = not admissible');
      if (c.status === 'transferred')
        k(
          c.classification === 'outside_authority' || c.classification === 'staff_conduct',
          'forwarded class',
        );
      if (c.channel !== 'online')
        k(timeline.isOfficeTime(c.receivedAt), 'paper and phone in office hours');
      k(c.title.length <= 200, 'title length');
    }
    expect(v.list).toEqual([]);
    expect(transferredIn).toBeGreaterThan(0);
    const statuses = new Set(all.map((c) => c.status));
    for (const s of [
      'new',
      'received',
      'processing',
      'published',
      'refused',
      'transferred',
      'info_requested',
    ]) {
      expect(statuses.has(s as never), s).toBe(true);
    }
    expect(new Set(all.map((c) => c.channel))).toEqual(new Set(['written', 'phone', 'online']));
    expect(all.filter((c) => c.status === 'published').length / all.length).toBeGreaterThan(0.5);
  });
});

describe('filing simulator', () => {
  it('continues numbering after the seeded data on the same day and files status-1 dossiers', () => {
    const sim = gen.simulator({ seededDossiers: N, seededComplaints: 4_000 });
    const lastDay = vn(2025, 12, 31, 14);
    const seededNumbers = new Set(dossiers.map((d) => d.number));
    const seededIds = new Set(dossiers.map((d) => d.id));
    const fresh = Array.from({ length: 300 }, (_, i) => sim.dossier(lastDay + i * 60_000));
    for (const { dossier: d, history } of fresh) {
      DossierSchema.parse(d);
      expect(seededNumbers.has(d.number)).toBe(false);
      expect(seededIds.has(d.id)).toBe(false);
      expect(d.status).toBe(1);
      expect(history.map((e) => e.action)).toEqual(['filed']);
      expect([2, 3]).toContain(d.channel);
    }
    expect(new Set(fresh.map((r) => r.dossier.number)).size).toBe(fresh.length);
    const seededSameDay = dossiers.filter((d) => yymmdd(localDay(d.filedAt)) === '251231');
    expect(seededSameDay.length).toBeGreaterThan(0);
    const complaint = sim.complaint(lastDay);
    ComplaintSchema.parse(complaint.complaint);
    expect(complaint.complaint.status).toBe('new');
    expect(complaints.some((c) => c.complaint.number === complaint.complaint.number)).toBe(false);
    // After a restart the caller supplies the sequence.
    const restarted = gen.simulator({
      seededDossiers: N,
      seededComplaints: 4_000,
      firstDossierIndex: 50_000,
      nextSequence: () => 9_001,
    });
    const r = restarted.dossier(lastDay + HOUR);
    expect(r.dossier.number).toMatch(/-251231-9001$/);
    expect(r.dossier.id).toBe('dossier-50000');
  });
});

describe('history naming', () => {
  it('can name steps as the shared state machines do', () => {
    const { historyNaming: _past, ...defaults } = options;
    const machine = createGenerator(defaults);
    const dossierActions = new Set<string>(['filed', ...DOSSIER_ACTIONS]);
    const complaintActions = new Set<string>(['filed', ...COMPLAINT_ACTIONS]);
    const seen = new Set<string>();
    for (const { history } of machine.dossiers(N, 0, 3_000)) {
      for (const e of history) {
        expect(dossierActions.has(e.action), e.action).toBe(true);
        seen.add(e.action);
      }
    }
    expect(seen.size).toBeGreaterThan(10);
    for (const { history } of machine.complaints(4_000, 0, 1_000)) {
      for (const e of history) expect(complaintActions.has(e.action), e.action).toBe(true);
    }
    // Only the names differ between the two styles.
    const a = machine.dossierAt(42, N);
    const b = gen.dossierAt(42, N);
    expect(a.dossier).toEqual(b.dossier);
    expect(a.history.map((e) => ({ ...e, action: '' }))).toEqual(
      b.history.map((e) => ({ ...e, action: '' })),
    );
  });
});
