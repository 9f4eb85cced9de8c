import type { TFunction } from 'i18next';
import type { DeadlineState } from '@shared/model/codes';
import type { PanelChip } from '../kinds/kind';

/** The chips every kind's panel can show under its title; each kind puts them in its order. */

export function deadlineChip(t: TFunction, state: DeadlineState): PanelChip {
  return { key: 'deadline', text: t(`deadline.${state}`), tone: state, testId: 'panel-deadline' };
}

/** Changes to the record wait in the outbox for the central API. */
export function pendingChip(t: TFunction): PanelChip {
  return {
    key: 'pending',
    text: t('grid.pending'),
    tone: 'pending',
    testId: 'panel-pending',
    pendingIcon: true,
  };
}
