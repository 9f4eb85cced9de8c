import EChartsReactCore from 'echarts-for-react/esm/core';
import { BarChart, HeatmapChart } from 'echarts/charts';
import {
  AriaComponent,
  CalendarComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '@shared/contract/api';
import { useFormatter } from '../../format/useFormatter';
import { onTimeRate } from './dashboard-model';

// Only the charts and components drawn here, so the bundle carries no other chart type.
echarts.use([
  BarChart,
  HeatmapChart,
  AriaComponent,
  CalendarComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

const COLORS = { received: '#2f6fb2', resolved: '#2e8b57', late: '#c0392b', calendar: '#e67e22' };

function Chart({
  title,
  aria,
  option,
  testId,
  onClick,
}: Readonly<{
  title: string;
  aria: string;
  option: object;
  testId: string;
  onClick?: (params: { dataIndex: number; seriesIndex: number }) => void;
}>) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart__title">{title}</figcaption>
      <EChartsReactCore
        echarts={echarts}
        option={{
          aria: { enabled: true, label: { description: aria } },
          animation: false,
          ...option,
        }}
        notMerge
        style={{ height: 240, width: '100%' }}
        opts={{ renderer: 'canvas' }}
        onEvents={onClick ? { click: onClick } : {}}
        aria-label={aria}
        role="img"
      />
    </figure>
  );
}

export function DashboardCharts({
  data,
  onUnit,
  onProcedure,
}: Readonly<{
  data: Dashboard;
  onUnit: (unitId: string) => void;
  onProcedure: (procedureCode: string, name: string, n: number) => void;
}>) {
  const { t } = useTranslation();
  const f = useFormatter();
  const grain = t(`supervision.dashboard.charts.${data.trend.grain}`);
  const points = data.trend.points;
  const short = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
  const units = data.units
    .map((u) => ({ ...u, rate: onTimeRate(u.figures) }))
    .filter((u) => u.rate !== null)
    .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))
    .slice(0, 15);
  const backlog = [...data.backlog].reverse();
  const calendarDays = data.dueCalendar;
  const first = calendarDays[0]?.day ?? data.period.from;
  const last = calendarDays[calendarDays.length - 1]?.day ?? data.period.to;
  const max = calendarDays.reduce((m, d) => Math.max(m, d.n), 1);
  const axisNumber = { axisLabel: { formatter: (v: number) => f.number(v) } };
  return (
    <div className="charts">
      <Chart
        testId="chart-trend"
        title={t('supervision.dashboard.charts.trend', { grain })}
        aria={t('supervision.dashboard.charts.trendAria', { grain })}
        option={{
          tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.number(v) },
          legend: { bottom: 0 },
          grid: { left: 48, right: 16, top: 16, bottom: 48 },
          xAxis: { type: 'category', data: points.map((p) => short(p.from)) },
          yAxis: { type: 'value', ...axisNumber },
          series: [
            {
              name: t('supervision.dashboard.charts.received'),
              type: 'bar',
              data: points.map((p) => p.received),
              itemStyle: { color: COLORS.received },
            },
            {
              name: t('supervision.dashboard.charts.resolved'),
              type: 'bar',
              data: points.map((p) => p.resolved),
              itemStyle: { color: COLORS.resolved },
            },
            {
              name: t('supervision.dashboard.charts.late'),
              type: 'bar',
              data: points.map((p) => p.late),
              itemStyle: { color: COLORS.late },
            },
          ],
        }}
      />
      <Chart
        testId="chart-on-time"
        title={t('supervision.dashboard.charts.onTime')}
        aria={t('supervision.dashboard.charts.onTimeAria')}
        onClick={({ dataIndex }) => {
          const unit = units[dataIndex];
          if (unit) onUnit(unit.unitId);
        }}
        option={{
          tooltip: {
            trigger: 'axis',
            valueFormatter: (v: number) => `${f.number(Math.round(v * 10) / 10)} %`,
          },
          grid: { left: 150, right: 24, top: 8, bottom: 24 },
          xAxis: { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${v} %` } },
          yAxis: {
            type: 'category',
            data: units.map((u) => u.name),
            axisLabel: { width: 140, overflow: 'truncate' },
          },
          series: [
            {
              type: 'bar',
              data: units.map((u) => Math.round((u.rate ?? 0) * 1000) / 10),
              itemStyle: { color: COLORS.resolved },
            },
          ],
        }}
      />
      <Chart
        testId="chart-backlog"
        title={t('supervision.dashboard.charts.backlog')}
        aria={t('supervision.dashboard.charts.backlogAria')}
        onClick={({ dataIndex }) => {
          const p = backlog[dataIndex];
          if (p) onProcedure(p.procedureCode, p.name, p.n);
        }}
        option={{
          tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.number(v) },
          grid: { left: 180, right: 24, top: 8, bottom: 24 },
          xAxis: { type: 'value', ...axisNumber },
          yAxis: {
            type: 'category',
            data: backlog.map((p) => p.name),
            axisLabel: { width: 170, overflow: 'truncate' },
          },
          series: [
            { type: 'bar', data: backlog.map((p) => p.n), itemStyle: { color: COLORS.late } },
          ],
        }}
      />
      <Chart
        testId="chart-calendar"
        title={t('supervision.dashboard.charts.calendar')}
        aria={t('supervision.dashboard.charts.calendarAria')}
        option={{
          tooltip: {
            formatter: (p: { value: [string, number] }) =>
              `${p.value[0].split('-').reverse().join('/')}: ${f.number(p.value[1])}`,
          },
          visualMap: { min: 0, max, show: false, inRange: { color: ['#fdf2e9', COLORS.calendar] } },
          calendar: {
            range: [first, last],
            cellSize: ['auto', 22],
            top: 24,
            left: 32,
            right: 16,
            dayLabel: {
              firstDay: 1,
              nameMap: f.language === 'vi' ? ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'] : 'en',
            },
            monthLabel: {
              nameMap: f.language === 'vi' ? 'ZH' : 'en',
              formatter: f.language === 'vi' ? 'Tháng {M}' : undefined,
            },
            yearLabel: { show: false },
          },
          series: [
            {
              type: 'heatmap',
              coordinateSystem: 'calendar',
              data: calendarDays.map((d) => [d.day, d.n]),
            },
          ],
        }}
      />
    </div>
  );
}
