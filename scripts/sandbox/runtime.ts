import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock, movableClock, type MovableClock } from '@shared/clock';
import type {
  CitizenAct,
  ClockMove,
  NetworkMode,
  SandboxState,
  SandboxText,
  SyncStatus,
} from '@shared/contract/api';
import type { Envelope } from '@shared/contract/envelope';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { DEMO_ACCOUNTS } from '@shared/synthetic';
import type { DossierAction } from '@shared/domain/dossier-machine';
import type { MutationTarget } from '@shared/sync/protocol';
import {
  DEFAULT_CALENDARS,
  DEMO_PASSWORD,
  startCentral,
  type RunningCentral,
} from '../../central/index';
import { createSeedGenerator } from '../../central/seed';
import { fileRecord, SIM_KEY, startSimulation, type Simulation } from '../../central/simulate';
import { createCore, STORE_FILE, type Core } from '../../core/app';
import { startBrowserHost, type BrowserHost } from '../../core/browser-host/server';
import type { Dispatch } from '../../core/dispatch';
import { CoreEvents } from '../../core/events';
import { Checklist, type WorldEvent } from '../../core/sandbox/checklist';
import { SandboxRefusal, type SandboxControl } from '../../core/sandbox/control';
import { readScenarios, SCENARIO_DIR, type Scenario } from '../../core/sandbox/scenario';
import { createCentralClient } from '../../core/sync/central-client';
import { memoryTokenStore } from '../../core/sync/engine';
import { startSandboxNetwork, type SandboxNetwork } from './network';
import {
  copyDatabase,
  copyDatabaseWhole,
  ensureWorldSnapshot,
  pickSubject,
  removeDatabase,
  ROLE_IDS,
  seedOptions,
  worldKey,
  type World,
} from './world';

/**
 * The trainers' sandbox (issue 15): a training world in one process — its own central API on
 * its own SQLite file, the network between it and the workbench (scripts/sandbox/network.ts),
 * the workbench's core on a folder of its own, and the browser host — with one clock that
 * stands still until the presenter moves it (a deterministic world: the same scenario plays the
 * same way every time). It never talks to any other server: the core's only server is the
 * sandbox's own network proxy, and nothing here reads WORKBENCH_CENTRAL_URL.
 */

export interface SandboxOptions {
  /** The sandbox's own folder (worlds, the central API's file, the workbench's store). */
  dataDir: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  scenario?: string;
  port?: number;
  /** Scenario files (default: the ones shipped in core/sandbox/scenarios). */
  scenarioDir?: string;
  /** Overrides the scenario's world size (benchmarks). */
  world?: Partial<Pick<World, 'dossiers' | 'complaints'>>;
  onSeedProgress?: (done: number, total: number) => void;
  log?: (message: string) => void;
  /** better-sqlite3's binary for this runtime (the desktop app runs the sandbox in Electron's Node). */
  nativeBinding?: string;
}

export interface Sandbox {
  readonly host: BrowserHost;
  readonly control: SandboxControl;
  readonly clock: MovableClock;
  core(): Core;
  central(): RunningCentral;
  close(): Promise<void>;
}

export const TRAINING_BANNER: SandboxText = {
  vi: 'Dữ liệu đào tạo — không phải hồ sơ thật',
  en: 'Training data — not real dossiers',
};

const ACCOUNTS = [DEMO_ACCOUNTS.desk, DEMO_ACCOUNTS.officer, DEMO_ACCOUNTS.leader];
const HOUR_MS = 3_600_000;
const TRAINING_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 };
/** Sessions of the training world last longer than any scenario moves its clock. */
const SESSION_TTL_MS = 10 * 365 * 24 * HOUR_MS;
/** "Just past the appointment": the first minute the dossier is overdue. */
const PAST_MS = 60_000;

const text = (vi: string, en: string): SandboxText => ({ vi, en });
const refuse = (vi: string, en: string): never => {
  throw new SandboxRefusal(text(vi, en));
};

function vnTime(at: number): string {
  const local = new Date(at + 7 * HOUR_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(local.getUTCHours())}:${p(local.getUTCMinutes())} ${p(local.getUTCDate())}/${p(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const log = options.log ?? ((message: string) => console.error(message));
  const root = options.dataDir;
  mkdirSync(root, { recursive: true });
  const { scenarios, errors } = readScenarios(options.scenarioDir ?? SCENARIO_DIR);
  for (const error of errors) log(`sandbox: scenario refused: ${error.message}`);
  if (scenarios.length === 0) throw new Error('sandbox: no scenario could be read');
  const sized = (s: Scenario): Scenario =>
    options.world ? { ...s, world: { ...s.world, ...options.world } } : s;
  const find = (id: string | undefined): Scenario => {
    const wanted = id ?? 'late-dossier';
    const found = scenarios.find((s) => s.id === wanted);
    if (!found) {
      const broken = errors.find((e) => e.file.endsWith(`/${wanted}.json`));
      if (broken)
        throw new SandboxRefusal(
          text(`Kịch bản bị từ chối: ${broken.message}`, `Scenario refused: ${broken.message}`),
        );
      throw new SandboxRefusal(
        text(
          `Không có kịch bản "${wanted}" (có: ${scenarios.map((s) => s.id).join(', ')})`,
          `No scenario "${wanted}" (known: ${scenarios.map((s) => s.id).join(', ')})`,
        ),
      );
    }
    return sized(found);
  };

  let scenario = find(options.scenario);
  const calendar = new WorkingCalendar({ overrides: DEFAULT_CALENDARS });
  // The training world's time stands still until the presenter moves it.
  const clock = movableClock({ base: fixedClock(0), at: scenario.world.start });
  const centralFile = join(root, 'central.db');
  const localDir = join(root, 'local');
  const hostEvents = new CoreEvents();

  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  let snapshot = await ensureWorldSnapshot(root, scenario.world, options.onSeedProgress, binding);
  let subject = pickSubject(root, scenario);
  let checklist = new Checklist(scenario, subject);
  copyDatabase(snapshot, centralFile);

  const openCentral = (port = 0) =>
    startCentral({
      storage: { kind: 'sqlite', file: centralFile, ...binding },
      port,
      clock: clock.now,
      // The presenter moves the clock by days and weeks: a session must outlive any such move.
      sessionTtlMs: SESSION_TTL_MS,
      // Demo accounts with the password "demo" on one computer: a cheap hash keeps every switch
      // between roles and every reset quick.
      passwordCost: TRAINING_PASSWORD_COST,
      log: (line) => log(`sandbox central: ${line}`),
    });
  let central = await openCentral();
  const network: SandboxNetwork = await startSandboxNetwork(central.url);
  let simulation: Simulation | null = null;
  let simulatePerMinute = 0;
  let lastMessage: SandboxText | null = null;
  let conflictStaged = false;
  /** Actors' sessions on the central API (the portal, the desk, a leader), per world epoch. */
  let actors = new Map<string, { token: string; clientId: string; seq: number }>();

  let core!: Core;
  let offCore: () => void = () => undefined;
  let lastStatus: SyncStatus | null = null;

  const fill = (t: SandboxText): SandboxText =>
    subject
      ? {
          vi: t.vi.replaceAll('{subject}', subject.number),
          en: t.en.replaceAll('{subject}', subject.number),
        }
      : t;

  const state = (): SandboxState => ({
    active: true,
    scenarios: scenarios.map((s) => ({ id: s.id, title: s.title, description: s.description })),
    scenario: checklist.state(fill),
    clock: { now: clock.now(), start: scenario.world.start },
    network: network.mode,
    conflictStaged,
    simulatePerMinute,
    accounts: ACCOUNTS.map((a) => ({
      username: a.username,
      fullName: a.fullName,
      role: a.roles[0] ?? '',
    })),
    lastMessage,
  });
  const changed = () => hostEvents.emit('sandbox.changed', state());
  const observe = (event: WorldEvent) => {
    if (checklist.observe(event, clock.now())) changed();
  };

  /** The open step, if it is about the subject's deadline, reads the core's answer now. */
  const checkDeadline = async () => {
    if (!subject || subject.entity !== 'dossier' || checklist.current()?.kind !== 'deadline')
      return;
    const result = await core.dispatch('dossiers.get', { id: subject.id });
    if (!result.ok) return;
    const detail = result.value as { dossier: { late: boolean }; deadlineState: string };
    observe({ type: 'deadline', state: detail.deadlineState, late: detail.dossier.late });
  };
  let deadlineTimer: ReturnType<typeof setTimeout> | null = null;
  const checkDeadlineSoon = () => {
    if (deadlineTimer) return;
    deadlineTimer = setTimeout(() => {
      deadlineTimer = null;
      void checkDeadline();
    }, 50);
  };

  const tokens = memoryTokenStore();
  /** The central API's head once the scenario's start was prepared: the world untouched. */
  let startHead = 0;
  const localStore = join(localDir, STORE_FILE);
  const localSnapshot = (username: string) =>
    join(root, 'local-snapshots', `${worldKey(scenario.world)}-${scenario.id}-${username}.db`);
  /**
   * The first sync of an officer in an untouched world is kept as a snapshot: a reset then puts
   * it back instead of syncing the officer's records again. Untouched: the clock at the start,
   * nothing saved, nothing waiting, nothing new on the central API.
   */
  const keepLocalSnapshot = async (status: SyncStatus) => {
    const username = status.officer?.username;
    if (!username || existsSync(localSnapshot(username))) return;
    const untouched =
      clock.now() === scenario.world.start &&
      status.pending === 0 &&
      checklist.state(fill).summary.actions.length === 0 &&
      (await central.store.head()) === startHead &&
      core.sync.cache.cursor === String(startHead);
    if (!untouched) return;
    offCore();
    core.close();
    mkdirSync(join(root, 'local-snapshots'), { recursive: true });
    copyDatabaseWhole(localStore, localSnapshot(username));
    openCore();
  };

  const openCore = () => {
    core = createCore({
      dataDir: localDir,
      ...binding,
      host: 'browser',
      clock: clock.now,
      // One token store for every core the world opens: a core reopened on a snapshot resumes.
      tokenStore: tokens,
      log: (message, error) =>
        log(`sandbox core: ${message} ${error instanceof Error ? error.message : ''}`),
      sandbox: () => control,
      trainingBanner: TRAINING_BANNER.vi,
      clockRunning: () => false,
      sync: {
        defaults: {
          serverUrl: network.url,
          demoAccounts: ACCOUNTS.map((a) => ({
            username: a.username,
            password: DEMO_PASSWORD,
            fullName: a.fullName,
            role: a.roles[0] ?? '',
          })),
        },
        // The world is on this computer: retry at once rather than after a real outage's backoff.
        retry: { baseMs: 200, maxMs: 2_000 },
        offlineSignIn: { days: SESSION_TTL_MS / (24 * HOUR_MS), cost: TRAINING_PASSWORD_COST },
        requestTimeoutMs: 10_000,
      },
    });
    offCore = core.events.onAny((event, payload) => {
      hostEvents.emit(event, payload as never);
      if (event === 'sync.status') {
        const status = payload as SyncStatus;
        if (status.state === 'online' && status.progress === null && status.officer) {
          void serial(() => keepLocalSnapshot(status)).catch((error: unknown) =>
            log(`sandbox: snapshot of the local store: ${String(error)}`),
          );
        }
        lastStatus = status;
        if (status.state !== 'signed_out' && status.officer) {
          observe({ type: 'signed_in', username: status.officer.username });
        }
        observe({ type: 'outbox', pending: status.pending });
        observe({ type: 'notices', count: status.notices });
        if (status.notices > 0 && conflictStaged && !network.holding) {
          conflictStaged = false;
          changed();
        }
      }
      if (event === 'dossiers.changed') checkDeadlineSoon();
    });
    const status = core.sync.status();
    lastStatus = status;
    observe({ type: 'notices', count: status.notices });
  };
  openCore();

  const signIn = async (username: string) => {
    await core.dispatch('session.login', {
      serverUrl: network.url,
      username,
      password: DEMO_PASSWORD,
    });
  };

  // ---------------------------------------------------------------------------------------------
  // the world's controls

  let busy: Promise<unknown> = Promise.resolve();
  /** One control at a time: a reset never interleaves with a clock move or a citizen's act. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = busy.then(work, work);
    busy = next.catch(() => undefined);
    return next;
  };
  const said = (vi: string, en: string) => {
    lastMessage = text(vi, en);
  };
  const refusing = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SandboxRefusal) {
        lastMessage = error.text;
        changed();
      }
      throw error;
    }
  };

  const moved = async () => {
    hostEvents.emit('app.clock', { now: Math.round(clock.now()), running: false });
    await checkDeadline();
    changed();
  };

  const dossierDetail = async (id: string) => {
    const result = await core.dispatch('dossiers.get', { id });
    if (!result.ok) {
      return refuse(
        'Không tìm thấy hồ sơ này trên máy (đăng nhập và đồng bộ trước).',
        'This dossier is not on this computer (sign in and sync first).',
      );
    }
    return result.value as {
      dossier: {
        id: string;
        number: string;
        status: number;
        dueAt: number | null;
        dueSoonAt: number | null;
        unitId: string;
        assigneeId: string | null;
        version: number;
      };
    };
  };

  const target = async (move: ClockMove): Promise<number> => {
    const now = clock.now();
    switch (move.move) {
      case 'hour':
        return now + HOUR_MS;
      case 'working_day': {
        // The same time of day on the next working day.
        let next = now + 24 * HOUR_MS;
        while (!calendar.isWorkingDay(next)) next += 24 * HOUR_MS;
        return next;
      }
      case 'next_deadline': {
        const { dossier: d } = await dossierDetail(move.dossierId);
        const moments = [d.dueSoonAt, d.dueAt === null ? null : d.dueAt + PAST_MS].filter(
          (t): t is number => t !== null && t > now,
        );
        if (moments.length === 0) {
          return refuse(
            `Hồ sơ ${d.number} không còn mốc hạn nào phía trước.`,
            `Dossier ${d.number} has no deadline ahead.`,
          );
        }
        return Math.min(...moments);
      }
      case 'to':
        return move.at;
    }
  };

  const actAs = async (username: string, target: MutationTarget): Promise<void> => {
    let actor = actors.get(username);
    if (!actor) {
      const session = await createCentralClient({ baseUrl: central.url }).login(
        username,
        DEMO_PASSWORD,
      );
      actor = {
        token: session.token,
        clientId: `sandbox-${username}-${randomBytes(6).toString('hex')}`,
        seq: 0,
      };
      actors.set(username, actor);
    }
    const token = actor.token;
    const stored = await central.store.write((w) => w.get(target.entity, target.id));
    if (!stored) return refuse('Không có hồ sơ này.', 'No such record.');
    actor.seq += 1;
    const answer = await createCentralClient({ baseUrl: central.url, token: () => token }).push({
      clientId: actor.clientId,
      mutations: [
        {
          seq: actor.seq,
          id: randomUUID(),
          baseVersion: stored.version,
          at: Math.round(clock.now()),
          target,
        },
      ],
    });
    const result = answer.results[0];
    if (result?.status === 'rejected') {
      refuse(`Không thực hiện được: ${result.message}`, `Not done: ${result.message}`);
    }
  };

  const restartSimulation = async (perMinute: number) => {
    await simulation?.stop();
    simulation = null;
    simulatePerMinute = perMinute;
    if (perMinute > 0) {
      simulation = await startSimulation({
        store: central.store,
        generator: createSeedGenerator(seedOptions(scenario.world)),
        ratePerMinute: perMinute,
        seededDossiers: scenario.world.dossiers,
        seededComplaints: scenario.world.complaints,
        clock: clock.now,
        log: (line) => log(`sandbox: ${line}`),
      });
    }
  };

  const reset = async (wanted?: string): Promise<SandboxState> => {
    // Everything is checked before anything changes: a refused scenario leaves the world as it was.
    const next = wanted === undefined ? scenario : find(wanted);
    const nextSnapshot = await ensureWorldSnapshot(
      root,
      next.world,
      options.onSeedProgress,
      binding,
    );
    const nextSubject = pickSubject(root, next);
    const officer =
      lastStatus?.state !== 'signed_out' ? (lastStatus?.officer?.username ?? null) : null;
    await restartSimulation(0);
    if (deadlineTimer) clearTimeout(deadlineTimer);
    deadlineTimer = null;
    offCore();
    core.close();
    await central.close();
    scenario = next;
    snapshot = nextSnapshot;
    subject = nextSubject;
    checklist = new Checklist(scenario, subject);
    copyDatabase(snapshot, centralFile);
    // The officer's first sync of this start, if it was kept; else the officer syncs afresh.
    if (officer && existsSync(localSnapshot(officer)))
      copyDatabase(localSnapshot(officer), localStore);
    else removeDatabase(localStore);
    // The central API forgot every session: the old token must not race the new sign-in.
    tokens.save(null);
    clock.set(scenario.world.start);
    actors = new Map();
    conflictStaged = false;
    network.setMode('online');
    central = await openCentral();
    network.setTarget(central.url);
    await prepareSubject();
    startHead = await central.store.head();
    openCore();
    hostEvents.emit('app.clock', { now: Math.round(clock.now()), running: false });
    if (officer) await signIn(officer);
    said('Đã đặt lại về đầu kịch bản.', 'Reset to the start of the scenario.');
    changed();
    return state();
  };

  /** The scenario's start hands its subject to the account the scenario names (as a leader would). */
  const prepareSubject = async () => {
    const rule = scenario.subject;
    if (!subject || !rule?.assignee || subject.entity !== 'dossier') return;
    const assigneeId = ROLE_IDS[rule.assignee];
    const stored = await central.store.write((w) => w.get('dossier', subject!.id));
    if (
      !stored ||
      (JSON.parse(stored.data) as { assigneeId: string | null }).assigneeId === assigneeId
    )
      return;
    await actAs(DEMO_ACCOUNTS.leader.username, {
      entity: 'dossier',
      id: subject.id,
      action: { type: 'assign', assigneeId, note: 'Giao cho chuyên viên (đào tạo)' },
    });
  };

  const control: SandboxControl = {
    state,
    reset: (wanted) => serial(() => refusing(() => reset(wanted))),
    moveClock: (move) =>
      serial(() =>
        refusing(async () => {
          const now = clock.now();
          const at = await target(move);
          if (at < scenario.world.start) {
            refuse(
              `Không lùi đồng hồ về trước lúc bắt đầu kịch bản (${vnTime(scenario.world.start)}): đặt lại để về đầu.`,
              `The clock cannot go back before the scenario's start (${vnTime(scenario.world.start)}): reset to go back to it.`,
            );
          }
          if (at < now) {
            refuse(
              `Thời gian trong thế giới đào tạo chỉ tiến lên (bây giờ là ${vnTime(now)}): đặt lại để về đầu kịch bản.`,
              `Time in the training world only moves forward (it is now ${vnTime(now)}): reset to go back to the start.`,
            );
          }
          clock.set(at);
          said(`Đồng hồ: ${vnTime(at)}`, `Clock: ${vnTime(at)}`);
          await moved();
          return state();
        }),
      ),
    citizen: (act: CitizenAct) =>
      serial(() =>
        refusing(async () => {
          if (act.act === 'complaint') {
            const generator = createSeedGenerator(seedOptions(scenario.world));
            const saved = await central.store.getMeta(SIM_KEY);
            const counts = saved
              ? (JSON.parse(saved) as { dossiers: number; complaints: number })
              : { dossiers: 0, complaints: 0 };
            const sim = generator.simulator({
              seededDossiers: scenario.world.dossiers,
              seededComplaints: scenario.world.complaints,
              firstDossierIndex: scenario.world.dossiers + counts.dossiers,
              firstComplaintIndex: scenario.world.complaints + counts.complaints,
            });
            const next = { ...counts, complaints: counts.complaints + 1 };
            const filing = sim.complaint(Math.round(clock.now()));
            await fileRecord(central.store, { complaint: filing }, (w) =>
              w.setMeta(SIM_KEY, JSON.stringify(next)),
            );
            said(
              `Công dân gửi phản ánh ${filing.complaint.number}.`,
              `A citizen sent complaint ${filing.complaint.number}.`,
            );
            changed();
            return state();
          }
          if (!act.dossierId) return refuse('Chọn một hồ sơ trước.', 'Select a dossier first.');
          const { dossier } = await dossierDetail(act.dossierId);
          const action: DossierAction =
            act.act === 'supply_documents'
              ? { type: 'receive_supplement', note: 'Công dân nộp bổ sung giấy tờ (đào tạo)' }
              : act.act === 'pay_fees'
                ? { type: 'receive_fees', note: 'Công dân đã nộp phí (đào tạo)' }
                : { type: 'request_withdrawal', reason: 'Công dân xin rút hồ sơ (đào tạo)' };
          await actAs(DEMO_ACCOUNTS.desk.username, { entity: 'dossier', id: dossier.id, action });
          said(
            {
              supply_documents: `Công dân đã nộp bổ sung cho hồ sơ ${dossier.number}.`,
              pay_fees: `Công dân đã nộp phí cho hồ sơ ${dossier.number}.`,
              withdraw: `Công dân xin rút hồ sơ ${dossier.number}.`,
            }[act.act],
            {
              supply_documents: `The citizen supplied the documents for ${dossier.number}.`,
              pay_fees: `The citizen paid the fees for ${dossier.number}.`,
              withdraw: `The citizen asked to withdraw ${dossier.number}.`,
            }[act.act],
          );
          changed();
          return state();
        }),
      ),
    simulate: (perMinute) =>
      serial(async () => {
        await restartSimulation(perMinute);
        said(
          perMinute > 0 ? `Hồ sơ mới đến: ${perMinute} mỗi phút.` : 'Đã tắt hồ sơ mới đến.',
          perMinute > 0 ? `New filings: ${perMinute} a minute.` : 'New filings stopped.',
        );
        changed();
        return state();
      }),
    network: (mode: NetworkMode) => {
      network.setMode(mode);
      said(
        { online: 'Có mạng.', offline: 'Mất mạng.', flaky: 'Mạng chập chờn.' }[mode],
        { online: 'Online.', offline: 'Offline.', flaky: 'Flaky network.' }[mode],
      );
      observe({ type: 'network', mode });
      changed();
      // Back online: the core hears of it at its next try; nudge it now.
      if (mode !== 'offline') void core.dispatch('sync.now', {}).catch(() => undefined);
      return state();
    },
    conflict: (dossierId) =>
      serial(() =>
        refusing(async () => {
          const { dossier } = await dossierDetail(dossierId);
          const directory = await core.dispatch('directory.list', {});
          const officers = directory.ok
            ? (directory.value as { officers: { id: string; unitId: string; roles: string[] }[] })
                .officers
            : [];
          const other = officers.find(
            (o) =>
              o.id !== dossier.assigneeId &&
              o.roles.includes('processing_officer') &&
              (o.unitId === dossier.unitId || o.unitId.startsWith(`${dossier.unitId}-`)),
          );
          if (!other) {
            return refuse(
              'Không có chuyên viên nào khác để lãnh đạo giao lại hồ sơ này.',
              'There is no other officer for the leader to reassign this dossier to.',
            );
          }
          // The trainee must not hear of it before saving: the feed waits for their next push.
          network.holdFeedUntilPush();
          await actAs(DEMO_ACCOUNTS.leader.username, {
            entity: 'dossier',
            id: dossier.id,
            action: { type: 'assign', assigneeId: other.id, note: 'Lãnh đạo giao lại (đào tạo)' },
          });
          conflictStaged = true;
          said(
            `Lãnh đạo đã giao lại hồ sơ ${dossier.number}: lần lưu tiếp theo của học viên sẽ gặp xung đột.`,
            `A leader reassigned ${dossier.number}: the trainee's next save meets the conflict.`,
          );
          changed();
          return state();
        }),
      ),
    switchAccount: (username) =>
      serial(() =>
        refusing(async () => {
          if (!ACCOUNTS.some((a) => a.username === username)) {
            refuse(`Không có tài khoản mẫu "${username}".`, `No demo account "${username}".`);
          }
          if (lastStatus?.state !== 'signed_out') await core.dispatch('session.logout', {});
          const result = await core.dispatch('session.login', {
            serverUrl: network.url,
            username,
            password: DEMO_PASSWORD,
          });
          if (!result.ok)
            refuse(
              `Không đăng nhập được: ${result.error.message}`,
              `Could not sign in: ${result.error.message}`,
            );
          said(`Đã đăng nhập là ${username}.`, `Signed in as ${username}.`);
          changed();
          return state();
        }),
      ),
  };

  // Every change the trainee saves or the rules refuse passes here, whatever was clicked.
  const dispatch: Dispatch = async (method, input) => {
    await busy;
    const result = await core.dispatch(method, input);
    if (method === 'dossiers.act' || method === 'complaints.act') {
      await observeAct(method === 'dossiers.act' ? 'dossier' : 'complaint', input, result);
    }
    return result;
  };
  const observeAct = async (
    entity: 'dossier' | 'complaint',
    input: unknown,
    result: Envelope<unknown>,
  ) => {
    const { id, action } = (input ?? {}) as { id?: string; action?: { type?: string } };
    if (typeof id !== 'string' || typeof action?.type !== 'string') return;
    if (result.ok) {
      observe({ type: 'action', entity, id, action: action.type });
      checkDeadlineSoon();
      return;
    }
    const got = await core.dispatch(entity === 'dossier' ? 'dossiers.get' : 'complaints.get', {
      id,
    });
    const number = got.ok
      ? ((got.value as Record<string, { number?: string }>)[entity]?.number ?? null)
      : null;
    observe({
      type: 'refused',
      entity,
      number,
      action: action.type,
      code: result.error.rule ?? result.error.code,
      message: result.error.message,
    });
  };

  await prepareSubject();
  startHead = await central.store.head();

  let host: BrowserHost;
  try {
    host = await startBrowserHost({
      dispatch,
      events: hostEvents,
      staticDir: options.staticDir,
      port: options.port ?? 0,
      log,
    });
  } catch (error) {
    offCore();
    core.close();
    await network.close();
    await central.close();
    throw error;
  }

  return {
    host,
    control,
    clock,
    core: () => core,
    central: () => central,
    close: async () => {
      await busy;
      await simulation?.stop();
      if (deadlineTimer) clearTimeout(deadlineTimer);
      await host.close();
      offCore();
      core.close();
      await network.close();
      await central.close();
    },
  };
}
