import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DossierFigure, Indicator, Scorecard } from '@shared/contract/api';
import { CLOCK_OUTCOMES } from '@shared/contract/report-filters';
import { complaintClockFilter } from '@shared/reports/figures';
import { useApi } from '../../api/context';
import { useFormatter } from '../../format/useFormatter';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useNow } from '../../ui/useNow';
import type { WorkbenchHandle } from '../registry';
import { DashboardCharts } from './Charts';
import { ALARMING, FIGURE_GROUPS, drillFor, onTimeRate, type Drill } from './dashboard-model';
import { DrillDown } from './DrillDown';
import { PeriodBar } from './PeriodBar';
import { useLiveQuery, useScope } from './useSupervision';
import './supervision.css';

/**
 * The deadline dashboard (issue 13 §1): a period and unit subtree's figures, per unit and per
 * officer, the complaints' clocks, the scorecard and four charts. Every number opens the grid of
 * exactly the records it counts; figures follow sync without reloading.
 */
export function DashboardScreen({ workbench }: Readonly<{ workbench: WorkbenchHandle }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  const client = useApi();
  const scope = useScope();
  const now = useNow();
  const [drill, setDrill] = useState<Drill | null>(null);
  const input = {
    period: scope.choice.range,
    ...(scope.unitId && !scope.mine ? { unitId: scope.unitId } : {}),
  };
  const dashboard = useLiveQuery(client, 'reports.dashboard', input);
  const scorecard = useLiveQuery(client, 'reports.scorecard', input);
  const data = dashboard.value;

  if (drill) {
    return (
      <DrillDown
        drill={drill}
        onClose={() => setDrill(null)}
        signedIn={workbench.signedIn}
        officerId={workbench.officerId}
      />
    );
  }
  const label = (fig: DossierFigure) => t(`supervision.figures.${fig}`);
  const open = (fig: DossierFigure, n: number | null, extra = {}, prefix = '') => {
    if (!data || n === null) return;
    setDrill(drillFor(data, fig, prefix + label(fig), n, extra));
  };
  const number = (n: number | null) => (n === null ? '–' : f.number(n));
  const figureLink = (
    fig: DossierFigure,
    n: number | null,
    extra = {},
    prefix = '',
    testId?: string,
  ) =>
    n === null ? (
      <span className="figure-link figure-link--none">–</span>
    ) : (
      <button
        type="button"
        className={`figure-link${ALARMING.has(fig) && n > 0 ? ' figure-link--alarm' : ''}`}
        onClick={() => open(fig, n, extra, prefix)}
        data-testid={testId ?? `figure-${fig}`}
        data-figure={fig}
        data-count={n}
        aria-label={t('supervision.dashboard.openFigure', { count: n, label: prefix + label(fig) })}
      >
        {number(n)}
      </button>
    );

  return (
    <div className="supervision" data-testid="dashboard">
      <header className="supervision__head">
        <h1>{t('supervision.dashboard.title')}</h1>
        <span
          className="supervision__status"
          data-testid="dashboard-state"
          data-state={dashboard.state}
          aria-live="polite"
        >
          {dashboard.state === 'loading'
            ? t('supervision.dashboard.updating')
            : dashboard.state === 'ready'
              ? `${t('supervision.dashboard.updated', { at: f.time(dashboard.at) })} · ${t('supervision.dashboard.live')}`
              : ''}
        </span>
      </header>
      <PeriodBar
        choice={scope.choice}
        onChoice={scope.setChoice}
        units={scope.units}
        unitId={scope.unitId}
        onUnit={scope.setUnit}
        now={now}
        mine={scope.mine}
      />
      {dashboard.state === 'error' ? (
        <ErrorNotice error={dashboard.error} onRetry={dashboard.refresh} />
      ) : null}
      {!data ? (
        <p className="supervision__loading">{t('supervision.dashboard.loading')}</p>
      ) : (
        <>
          <p className="supervision__note" data-testid="period-note">
            {data.period.current
              ? t('supervision.period.running', { at: f.dateTime(data.period.at) })
              : t('supervision.period.over')}
          </p>
          <div className="figure-groups">
            {FIGURE_GROUPS.map((group) => (
              <section key={group.id} className="figure-group" data-testid={`group-${group.id}`}>
                <h2>{t(`supervision.dashboard.groups.${group.id}`)}</h2>
                <dl>
                  {group.figures.map((fig, i) => (
                    <div key={fig} className={i === 0 ? 'figure figure--lead' : 'figure'}>
                      <dt>{label(fig)}</dt>
                      <dd>{figureLink(fig, data.totals[fig])}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
          <ScorecardPanel card={scorecard.value} data={data} onDrill={setDrill} />
          <DashboardCharts
            data={data}
            onUnit={(unitId) =>
              open(
                'resolved_late',
                data.units.find((u) => u.unitId === unitId)?.figures.resolved_late ?? 0,
                { unitIds: [unitId] },
              )
            }
            onProcedure={(procedureCode, name, n) =>
              setDrill(
                drillFor(
                  data,
                  'in_progress_overdue',
                  `${label('in_progress_overdue')} · ${name}`,
                  n,
                  { procedureCode },
                ),
              )
            }
          />
          <BreakdownTable
            title={t('supervision.dashboard.byUnit')}
            firstColumn={t('supervision.dashboard.unitColumn')}
            testId="by-unit"
            rows={data.units.map((u) => ({
              id: u.unitId,
              name: u.name,
              figures: u.figures,
              extra: { unitIds: [u.unitId] },
            }))}
            link={figureLink}
          />
          <BreakdownTable
            title={t('supervision.dashboard.byOfficer')}
            firstColumn={t('supervision.dashboard.officerColumn')}
            testId="by-officer"
            rows={data.officers.map((o) => ({
              id: o.officerId,
              name: o.name,
              figures: o.figures,
              extra: { assigneeId: o.officerId },
            }))}
            link={figureLink}
          />
          <ComplaintClocks data={data} onDrill={setDrill} />
        </>
      )}
    </div>
  );
}

const BREAKDOWN: readonly DossierFigure[] = [
  'received_total',
  'received_new',
  'resolved_total',
  'resolved_late',
  'in_progress_total',
  'in_progress_overdue',
  'waiting',
];

function BreakdownTable({
  title,
  firstColumn,
  rows,
  link,
  testId,
}: Readonly<{
  title: string;
  firstColumn: string;
  testId: string;
  rows: readonly { id: string; name: string; figures: Dashboard['totals']; extra: object }[];
  link: (
    fig: DossierFigure,
    n: number | null,
    extra: object,
    prefix: string,
    testId?: string,
  ) => React.ReactNode;
}>) {
  const { t } = useTranslation();
  const f = useFormatter();
  if (rows.length === 0) return null;
  return (
    <section className="breakdown" data-testid={testId}>
      <h2>{title}</h2>
      <div className="breakdown__scroll">
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{firstColumn}</th>
              {BREAKDOWN.map((fig) => (
                <th key={fig} scope="col">
                  {t(`supervision.figures.${fig}`)}
                </th>
              ))}
              <th scope="col">{t('supervision.dashboard.onTimeRate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const rate = onTimeRate(row.figures);
              return (
                <tr key={row.id} data-row-id={row.id}>
                  <th scope="row">{row.name}</th>
                  {BREAKDOWN.map((fig) => (
                    <td key={fig}>
                      {link(fig, row.figures[fig], row.extra, `${row.name} · `, `${testId}-${fig}`)}
                    </td>
                  ))}
                  <td>{rate === null ? '–' : `${f.number(Math.round(rate * 1000) / 10)} %`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ComplaintClocks({
  data,
  onDrill,
}: Readonly<{ data: Dashboard; onDrill: (d: Drill) => void }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  return (
    <section className="breakdown" data-testid="complaint-clocks">
      <h2>{t('supervision.dashboard.complaints')}</h2>
      <p>
        {t('supervision.dashboard.complaintsReceived', { n: f.number(data.complaints.received) })}
      </p>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{t('supervision.dashboard.clockColumn')}</th>
            {CLOCK_OUTCOMES.map((o) => (
              <th key={o} scope="col">
                {t(`supervision.clockOutcomes.${o}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.complaints.clocks.map((c) => (
            <tr key={c.clock}>
              <th scope="row">{t(`supervision.clocks.${c.clock}`)}</th>
              {CLOCK_OUTCOMES.map((o) => (
                <td key={o}>
                  <button
                    type="button"
                    className={`figure-link${(o === 'missed' || o === 'overdue') && c[o] > 0 ? ' figure-link--alarm' : ''}`}
                    data-testid={`clock-${c.clock}-${o}`}
                    data-count={c[o]}
                    onClick={() =>
                      onDrill({
                        kind: 'complaint',
                        filter: complaintClockFilter(
                          c.clock,
                          [o],
                          data.period,
                          data.subject.unit.unitIds,
                        ),
                        label: `${t(`supervision.clocks.${c.clock}`)} · ${t(`supervision.clockOutcomes.${o}`)}`,
                        count: c[o],
                      })
                    }
                  >
                    {f.number(c[o])}
                  </button>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ScorecardPanel({
  card,
  data,
  onDrill,
}: Readonly<{ card: Scorecard | null; data: Dashboard; onDrill: (d: Drill) => void }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  if (!card) return null;
  const points = (n: number) => f.number(Math.round(n * 10) / 10);
  const percent = (v: number) => `${f.number(Math.round(v * 1000) / 10)} %`;
  const value = (i: Indicator) =>
    i.value === null
      ? '–'
      : i.unit === 'days'
        ? t('supervision.scorecard.days', { n: points(i.value) })
        : percent(i.value);
  return (
    <section className="scorecard" data-testid="scorecard">
      <h2>
        {t('supervision.scorecard.title')}{' '}
        <span className="scorecard__total" data-testid="scorecard-total">
          {t('supervision.scorecard.total', {
            points: points(card.points),
            max: points(card.maxPoints),
          })}
        </span>
      </h2>
      <ul className="scorecard__list">
        {card.indicators.map((i) => {
          const key = `i${i.id.replace('.', '_')}` as 'i2_1';
          return (
            <li
              key={i.id}
              className="indicator"
              data-testid={`indicator-${i.id}`}
              data-status={i.status}
            >
              <span className="indicator__title" title={t(`supervision.indicators.${key}.formula`)}>
                {t(`supervision.indicators.${key}.title`)}
              </span>
              <span className="indicator__value" data-value={i.value ?? ''}>
                {value(i)}
              </span>
              <span className="indicator__points">
                {i.points !== null && i.maxPoints !== null
                  ? t('supervision.scorecard.points', {
                      points: points(i.points),
                      max: points(i.maxPoints),
                    })
                  : i.status === 'not_configured'
                    ? t('supervision.scorecard.notConfigured')
                    : t('supervision.scorecard.notScored')}
              </span>
              <span className="indicator__badges">
                {i.target !== null ? (
                  <span className="badge">
                    {t('supervision.scorecard.target', { target: percent(i.target) })}
                  </span>
                ) : null}
                {!i.verified ? (
                  <span
                    className="badge badge--warn"
                    title={t('supervision.scorecard.unverifiedHint')}
                  >
                    {t('supervision.scorecard.unverified')}
                  </span>
                ) : null}
                {i.status === 'partial' ? (
                  <span className="badge">{t('supervision.scorecard.partial')}</span>
                ) : null}
              </span>
              <details className="indicator__formula">
                <summary>{t('supervision.scorecard.formula')}</summary>
                <p>{t(`supervision.indicators.${key}.formula`)}</p>
              </details>
              {i.costs.some((c) => c.n > 0) ? (
                <span className="indicator__costs">
                  {t('supervision.scorecard.costs')}:{' '}
                  {i.costs.map((c) => (
                    <button
                      key={c.figure}
                      type="button"
                      className="figure-link figure-link--alarm"
                      data-testid={`cost-${i.id}-${c.figure}`}
                      data-count={c.n}
                      onClick={() =>
                        onDrill(
                          c.kind === 'dossier'
                            ? drillFor(
                                data,
                                c.figure as DossierFigure,
                                `${i.id} · ${t(`supervision.costs.${c.figure as 'resolved_late'}`)}`,
                                c.n,
                              )
                            : {
                                kind: 'complaint',
                                filter: complaintClockFilter(
                                  'answer',
                                  [c.figure === 'answer_missed' ? 'missed' : 'overdue'],
                                  data.period,
                                  data.subject.unit.unitIds,
                                ),
                                label: `${i.id} · ${t(`supervision.costs.${c.figure as 'answer_missed'}`)}`,
                                count: c.n,
                              },
                        )
                      }
                    >
                      {t(`supervision.costs.${c.figure as 'resolved_late'}`)} {f.number(c.n)}
                    </button>
                  ))}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
