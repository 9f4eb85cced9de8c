import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenAct, NetworkMode } from '@shared/contract/api';
import { NETWORK_MODES } from '@shared/contract/api';
import { vietnamDateTimeToMillis } from '../../actions/form-values';
import type { CommandEntry } from '../../commands/registry';
import type { CommandContext } from '../../commands/workbench-commands';
import { useFormatter } from '../../format/useFormatter';
import { inLanguage, useSandbox, type SandboxHandle } from '../../sandbox/SandboxProvider';
import { useSyncStatus } from '../../session/SessionProvider';
import { useNow } from '../../ui/useNow';
import type { WorkbenchHandle } from '../registry';

const RATES = [0, 6, 60, 600] as const;

/** The controls as commands: each has its key (when nobody is typing) on the help sheet. */
function sandboxCommands(
  sandbox: () => SandboxHandle,
  dossierId: () => string | null,
): CommandEntry<CommandContext>[] {
  const open = () => dossierId() !== null;
  const citizen = (act: CitizenAct['act']) => () => {
    const id = dossierId();
    if (act === 'complaint') void sandbox().run('sandbox.citizen', { act });
    else if (id) void sandbox().run('sandbox.citizen', { act, dossierId: id });
  };
  const entry = (
    id: string,
    key: string,
    label: Parameters<CommandContext['t']>[0] & `sandbox.${string}`,
    help: `sandbox.help.${string}`,
    perform: () => void,
    when?: () => boolean,
  ): CommandEntry<CommandContext> => ({
    id: `sandbox:${id}`,
    group: 'app',
    label: label as never,
    shortcut: { scope: 'global', keys: [[key]] },
    help: { group: 'sandbox', key: `sandbox-${id}`, label: help as never },
    ...(when ? { when } : {}),
    perform,
  });
  const cycle = () => {
    const mode = sandbox().state?.network ?? 'online';
    const next =
      NETWORK_MODES[(NETWORK_MODES.indexOf(mode) + 1) % NETWORK_MODES.length] ?? 'online';
    void sandbox().run('sandbox.network', { mode: next });
  };
  return [
    entry(
      'hour',
      '1',
      'sandbox.bar.hour',
      'sandbox.help.hour',
      () => void sandbox().run('sandbox.clock', { move: 'hour' }),
    ),
    entry(
      'working-day',
      '2',
      'sandbox.bar.workingDay',
      'sandbox.help.workingDay',
      () => void sandbox().run('sandbox.clock', { move: 'working_day' }),
    ),
    entry(
      'next-deadline',
      '3',
      'sandbox.bar.nextDeadline',
      'sandbox.help.nextDeadline',
      () => {
        const id = dossierId();
        if (id) void sandbox().run('sandbox.clock', { move: 'next_deadline', dossierId: id });
      },
      open,
    ),
    entry('network', '4', 'sandbox.bar.network', 'sandbox.help.network', cycle),
    entry(
      'conflict',
      '5',
      'sandbox.bar.conflict',
      'sandbox.help.conflict',
      () => {
        const id = dossierId();
        if (id) void sandbox().run('sandbox.conflict', { dossierId: id });
      },
      open,
    ),
    entry(
      'supply',
      '6',
      'sandbox.bar.supply',
      'sandbox.help.supply',
      citizen('supply_documents'),
      open,
    ),
    entry('pay', '7', 'sandbox.bar.pay', 'sandbox.help.pay', citizen('pay_fees'), open),
    entry(
      'withdraw',
      '8',
      'sandbox.bar.withdraw',
      'sandbox.help.withdraw',
      citizen('withdraw'),
      open,
    ),
    entry(
      'complaint',
      '9',
      'sandbox.bar.complaint',
      'sandbox.help.complaint',
      citizen('complaint'),
    ),
    entry(
      'reset',
      '0',
      'sandbox.bar.reset',
      'sandbox.help.reset',
      () => void sandbox().run('sandbox.reset', {}),
    ),
  ];
}

/**
 * The presenter's control bar (issue 15): the clock, the network and its outbox, the citizen's
 * side, new filings, a staged conflict, reset and the scenario's checklist, with the hint of
 * the step to do now and, at the end, the summary.
 */
export function PresenterBar({ workbench }: Readonly<{ workbench: WorkbenchHandle }>) {
  const { t, i18n } = useTranslation();
  const f = useFormatter();
  const sandbox = useSandbox();
  const status = useSyncStatus();
  const now = useNow(1_000);
  const [moment, setMoment] = useState({ date: '', time: '' });
  const [momentError, setMomentError] = useState(false);
  const open = workbench.state.open;
  const dossierId = open?.kind === 'dossier' ? open.id : null;

  const latest = useRef({ sandbox, dossierId });
  useEffect(() => {
    latest.current = { sandbox, dossierId };
  });
  const { commands } = workbench;
  useEffect(() => {
    const offs = sandboxCommands(
      () => latest.current.sandbox,
      () => latest.current.dossierId,
    ).map((entry) => commands.register(entry));
    return () => {
      for (const off of offs) off();
    };
  }, [commands]);

  const world = sandbox.state;
  if (!world?.active) return null;
  const lang = i18n.resolvedLanguage;
  const scenario = world.scenario;
  const current = scenario?.steps.find((s) => !s.done) ?? null;
  const pending = status?.pending ?? 0;
  const run = sandbox.run;

  const goTo = () => {
    const at = vietnamDateTimeToMillis(moment.date, moment.time);
    setMomentError(at === null);
    if (at !== null) void run('sandbox.clock', { move: 'to', at });
  };

  return (
    <section
      className="presenter-bar"
      aria-label={t('sandbox.bar.label')}
      data-testid="presenter-bar"
    >
      <div className="presenter-bar__row">
        <div className="presenter-bar__group" role="group" aria-label={t('sandbox.bar.clock')}>
          <span
            className="presenter-bar__clock"
            data-testid="sandbox-clock"
            data-now={Math.round(now)}
          >
            {f.dateTime(now)}
          </span>
          <button
            type="button"
            disabled={sandbox.busy}
            data-testid="sandbox-hour"
            onClick={() => void run('sandbox.clock', { move: 'hour' })}
          >
            {t('sandbox.bar.hour')} <kbd>1</kbd>
          </button>
          <button
            type="button"
            disabled={sandbox.busy}
            data-testid="sandbox-working-day"
            onClick={() => void run('sandbox.clock', { move: 'working_day' })}
          >
            {t('sandbox.bar.workingDay')} <kbd>2</kbd>
          </button>
          <button
            type="button"
            disabled={sandbox.busy || dossierId === null}
            title={dossierId === null ? t('sandbox.bar.nextDeadlineNone') : undefined}
            data-testid="sandbox-next-deadline"
            onClick={() =>
              dossierId && void run('sandbox.clock', { move: 'next_deadline', dossierId })
            }
          >
            {t('sandbox.bar.nextDeadline')} <kbd>3</kbd>
          </button>
          <form
            className="presenter-bar__moment"
            onSubmit={(event) => {
              event.preventDefault();
              goTo();
            }}
          >
            <label>
              {t('sandbox.bar.moment')}
              <input
                value={moment.date}
                placeholder="05/03/2026"
                size={10}
                aria-invalid={momentError}
                data-testid="sandbox-moment-date"
                onChange={(e) => setMoment((m) => ({ ...m, date: e.target.value }))}
              />
            </label>
            <input
              value={moment.time}
              placeholder="10:00"
              size={5}
              aria-label={t('sandbox.bar.moment')}
              data-testid="sandbox-moment-time"
              onChange={(e) => setMoment((m) => ({ ...m, time: e.target.value }))}
            />
            <button type="submit" disabled={sandbox.busy} data-testid="sandbox-moment-go">
              {t('sandbox.bar.go')}
            </button>
          </form>
        </div>

        <div
          className="presenter-bar__group"
          role="radiogroup"
          aria-label={t('sandbox.bar.network')}
        >
          {NETWORK_MODES.map((mode: NetworkMode) => (
            <button
              key={mode}
              type="button"
              role="radio"
              aria-checked={world.network === mode}
              className={`presenter-bar__network presenter-bar__network--${mode}`}
              data-testid={`sandbox-network-${mode}`}
              onClick={() => void run('sandbox.network', { mode })}
            >
              {t(`sandbox.bar.${mode}`)}
            </button>
          ))}
          <span
            className="presenter-bar__outbox"
            data-testid="sandbox-outbox"
            data-pending={pending}
          >
            {t('sandbox.bar.waiting', { count: pending })}
          </span>
          <button
            type="button"
            disabled={sandbox.busy || dossierId === null}
            data-testid="sandbox-conflict"
            onClick={() => dossierId && void run('sandbox.conflict', { dossierId })}
          >
            {world.conflictStaged ? t('sandbox.bar.conflictStaged') : t('sandbox.bar.conflict')}{' '}
            <kbd>5</kbd>
          </button>
        </div>

        <div className="presenter-bar__group" role="group" aria-label={t('sandbox.bar.citizen')}>
          <span className="presenter-bar__label">{t('sandbox.bar.citizen')}</span>
          {(
            [
              ['supply_documents', 'supply', '6'],
              ['pay_fees', 'pay', '7'],
              ['withdraw', 'withdraw', '8'],
            ] as const
          ).map(([act, label, key]) => (
            <button
              key={act}
              type="button"
              disabled={sandbox.busy || dossierId === null}
              data-testid={`sandbox-citizen-${act}`}
              onClick={() => dossierId && void run('sandbox.citizen', { act, dossierId })}
            >
              {t(`sandbox.bar.${label}`)} <kbd>{key}</kbd>
            </button>
          ))}
          <button
            type="button"
            disabled={sandbox.busy}
            data-testid="sandbox-citizen-complaint"
            onClick={() => void run('sandbox.citizen', { act: 'complaint' })}
          >
            {t('sandbox.bar.complaint')} <kbd>9</kbd>
          </button>
          <label className="presenter-bar__label">
            {t('sandbox.bar.filings')}
            <select
              value={world.simulatePerMinute}
              data-testid="sandbox-filings"
              onChange={(e) => void run('sandbox.simulate', { perMinute: Number(e.target.value) })}
            >
              {RATES.map((rate) => (
                <option key={rate} value={rate}>
                  {rate === 0 ? t('sandbox.bar.off') : t('sandbox.bar.perMinute', { count: rate })}
                </option>
              ))}
            </select>
          </label>
        </div>

        <div className="presenter-bar__group" role="group" aria-label={t('sandbox.bar.scenario')}>
          <label className="presenter-bar__label">
            {t('sandbox.bar.scenario')}
            <select
              value={scenario?.id ?? ''}
              data-testid="sandbox-scenario"
              onChange={(e) => void run('sandbox.reset', { scenario: e.target.value })}
            >
              {world.scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {inLanguage(s.title, lang)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="presenter-bar__reset"
            disabled={sandbox.busy}
            data-testid="sandbox-reset"
            onClick={() => void run('sandbox.reset', {})}
          >
            {t('sandbox.bar.reset')} <kbd>0</kbd>
          </button>
        </div>
      </div>

      {world.lastMessage || sandbox.error ? (
        <p className="presenter-bar__message" role="status" data-testid="sandbox-message">
          {world.lastMessage ? inLanguage(world.lastMessage, lang) : sandbox.error}
        </p>
      ) : null}

      {scenario ? (
        <div className="presenter-bar__scenario" data-testid="sandbox-checklist">
          <p className="presenter-bar__hint" data-testid="sandbox-hint">
            <strong>
              {current ? t('sandbox.checklist.now') : t('sandbox.checklist.summary')}:
            </strong>{' '}
            {current ? inLanguage(current.hint, lang) : inLanguage(scenario.closing, lang)}
          </p>
          <ol className="presenter-bar__steps" aria-label={t('sandbox.checklist.title')}>
            {scenario.steps.map((step) => (
              <li
                key={step.id}
                className="presenter-bar__step"
                data-testid={`sandbox-step-${step.id}`}
                data-done={step.done}
                aria-current={step === current ? 'step' : undefined}
              >
                <span aria-hidden="true">{step.done ? '☑' : '☐'}</span>{' '}
                {inLanguage(step.title, lang)}
                {step.done ? (
                  <span className="visually-hidden"> — {t('sandbox.checklist.done')}</span>
                ) : null}
              </li>
            ))}
          </ol>
          {scenario.summary.finished || scenario.summary.refusals.length > 0 ? (
            <div className="presenter-bar__summary" data-testid="sandbox-summary">
              <span>
                {t('sandbox.checklist.actions')}:{' '}
                {scenario.summary.actions.map((a) => `${a.action} × ${a.count}`).join(', ') ||
                  t('sandbox.checklist.none')}
              </span>
              <span>
                {t('sandbox.checklist.refusals')}:{' '}
                {scenario.summary.refusals
                  .map((r) =>
                    t('sandbox.checklist.refusal', {
                      action: r.action,
                      number: r.number ?? '',
                      message: `${r.code} — ${r.message}`,
                    }),
                  )
                  .join('; ') || t('sandbox.checklist.none')}
              </span>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
