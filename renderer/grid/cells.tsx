import type { DeadlineState } from '@shared/model/codes';
import { dueText, dueTextLabel } from '../format/time-left';
import { AlertIcon, ClockIcon, UploadCloudIcon } from '../ui/icons';
import { useKnownDirectory } from '../actions/directory';
import type { GridTableMeta } from './table-meta';

/** Cells shared by the dossier and complaint grids. Plain functions of the table's meta. */

export function NumberCell({
  number,
  pending,
  meta,
}: Readonly<{ number: string; pending: boolean; meta: GridTableMeta }>) {
  return (
    <span className="cell-number-wrap">
      <span className="cell-number">{number}</span>
      {pending ? (
        <span
          className="pending-mark"
          data-testid="row-pending"
          title={meta.t('grid.pending')}
          role="img"
          aria-label={meta.t('grid.pending')}
        >
          <UploadCloudIcon width={14} height={14} />
        </span>
      ) : null}
    </span>
  );
}

export function DateCell({
  value,
  meta,
  empty,
}: Readonly<{ value: number | null; meta: GridTableMeta; empty: string }>) {
  if (value === null) return <span className="cell-muted">{empty}</span>;
  return <span className="cell-date">{meta.format.dateTime(value)}</span>;
}

/**
 * Working time left ("còn 1 ngày 3 giờ", "quá hạn 2 giờ"), coloured by the deadline state the
 * core computed for the row; the appointment itself is in the tooltip (and its own column).
 */
export function DueCell({
  state,
  workingMsLeft,
  dueAt,
  meta,
}: Readonly<{
  state: DeadlineState;
  workingMsLeft: number | null;
  dueAt: number | null;
  meta: GridTableMeta;
}>) {
  const label = dueTextLabel(meta.t, dueText(state, workingMsLeft), meta.format.number);
  const stateLabel = meta.t(`deadline.${state}`);
  const title = [
    stateLabel,
    dueAt === null ? null : meta.t('grid.appointmentAt', { date: meta.format.dateTime(dueAt) }),
  ]
    .filter(Boolean)
    .join(' · ');
  if (label === null && dueAt === null) {
    return <span className="cell-muted">{meta.t('grid.noDue')}</span>;
  }
  return (
    <span className={`cell-due cell-due--${state}`} title={title} data-deadline-state={state}>
      {state === 'overdue' ? <AlertIcon className="deadline-icon" width={14} height={14} /> : null}
      {state === 'due_soon' ? <ClockIcon className="deadline-icon" width={14} height={14} /> : null}
      <span className="cell-due__text">
        {label ?? (dueAt === null ? '' : meta.format.dateTime(dueAt))}
      </span>
      <span className="visually-hidden">{stateLabel}</span>
    </span>
  );
}

export function AssigneeCell({
  assigneeId,
  meta,
}: Readonly<{ assigneeId: string | null; meta: GridTableMeta }>) {
  const { officerById } = useKnownDirectory();
  if (assigneeId === null) return <span className="cell-muted">{meta.t('grid.unassigned')}</span>;
  if (assigneeId === meta.officerId) {
    return <span className="cell-strong">{meta.t('grid.filter.mine')}</span>;
  }
  return <KnownName id={assigneeId} name={officerById.get(assigneeId)?.name} />;
}

/** The unit's name from the synced directory (its id until the directory has loaded). */
export function UnitCell({ unitId }: Readonly<{ unitId: string }>) {
  const { unitById } = useKnownDirectory();
  return <KnownName id={unitId} name={unitById.get(unitId)?.name} />;
}

function KnownName({ id, name }: Readonly<{ id: string; name: string | undefined }>) {
  if (name === undefined) return <span className="cell-text mono">{id}</span>;
  return (
    <span className="cell-text" title={id}>
      {name}
    </span>
  );
}
