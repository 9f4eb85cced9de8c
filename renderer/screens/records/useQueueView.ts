import { useMemo } from 'react';
import { currentView } from '../../app/workbench-state';
import type { QueueItem } from '../../queues/queue-model';
import type { ViewState } from '../../queues/view-state';

/**
 * The open queue's view, the same object for as long as it means the same: the grid's layout
 * and header are drawn from it, and recounted queues (new objects, same views) must not redraw
 * them.
 */
export function useQueueView(view: ViewState | null, queue: QueueItem): ViewState {
  const queueKey = `${queue.id}|${queue.kind}|${JSON.stringify(queue.view)}`;
  return useMemo(
    () => currentView(view, queue),
    // The key stands for the queue: a recount makes a new object with the same view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [view, queueKey],
  );
}
