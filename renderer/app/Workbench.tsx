import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '@shared/contract/api';
import { useApi } from '../api/context';
import { useDirectoryLoader } from '../actions/directory';
import { isMac } from '../commands/keys';
import { helpSheet, paletteItems } from '../commands/registry';
import { HelpSheet } from '../help/HelpSheet';
import { CommandPalette } from '../palette/CommandPalette';
import { FIRST_QUEUE_ID } from '../queues/queue-model';
import { useQueues } from '../queues/useQueues';
import { queueStorageKey } from '../queues/view-state';
import { SCREENS } from '../screens';
import { mainScreen, switchable, visibleScreens, type WorkbenchHandle } from '../screens/registry';
import { ScreenSwitcher } from '../screens/ScreenSwitcher';
import { SearchBox, type SearchBoxHandle } from '../search/SearchBox';
import { useSession, useSyncStatus } from '../session/SessionProvider';
import { NoticesDialog } from '../sync/NoticesDialog';
import { redoForm } from '../sync/notice-model';
import { OfflineSessionBanner } from '../sync/OfflineSessionBanner';
import { Header } from './Header';
import { browserStorage } from './storage';
import { useCommands } from './useCommands';
import { initialWorkbenchState, workbenchReducer } from './workbench-state';
import { TrainingStrip } from '../sandbox/TrainingStrip';

function readStoredQueue(officerId: string | null): string | null {
  try {
    return browserStorage()?.getItem(queueStorageKey(officerId)) ?? null;
  } catch {
    return null;
  }
}

function storeQueue(officerId: string | null, id: string): void {
  try {
    browserStorage()?.setItem(queueStorageKey(officerId), id);
  } catch {
    // Not remembering the queue is harmless.
  }
}

/**
 * The officer's workbench: the header (search, sync, notices), the screens the officer's roles
 * see (screens/index.ts: today the records screen), and on top of them the command palette, the
 * shortcut sheet and the notices. Its state is one reducer (workbench-state.ts); its commands and
 * shortcuts are registered once (commands/).
 */
export function Workbench() {
  const { t } = useTranslation();
  const client = useApi();
  const session = useSession();
  const status = useSyncStatus();
  const signedIn = status !== null && status.state !== 'signed_out' && status.officer !== null;
  const officer = signedIn ? (status.officer ?? null) : null;
  const officerId = officer?.id ?? null;

  const queues = useQueues(officerId ?? 'local');
  // The synced units and officers (pickers, names): read again when a first sync ends or the
  // connection comes back, not on every live update (the reference data rarely changes).
  const firstSync = status !== null && status.progress !== null;
  const connected = status !== null && status.state !== 'offline';
  useDirectoryLoader(client, `${officerId ?? ''}:${firstSync}:${connected}`);

  const screens = visibleScreens(SCREENS, officer?.roles ?? []);
  const [state, dispatch] = useReducer(workbenchReducer, null, () =>
    initialWorkbenchState(
      mainScreen(screens, '')?.id ?? '',
      readStoredQueue(officerId) ?? FIRST_QUEUE_ID,
    ),
  );
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<SearchBoxHandle>(null);

  // Asked for from the palette: focused after the palette has closed and given focus back.
  useEffect(() => {
    if (state.searchRequests === 0) return;
    const frame = requestAnimationFrame(() => searchRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [state.searchRequests]);

  const chooseQueue = useCallback(
    (queueId: string) => {
      dispatch({ type: 'queueChosen', queueId });
      storeQueue(officerId, queueId);
    },
    [officerId],
  );
  const { commands, context } = useCommands({
    client,
    session,
    signedIn,
    state,
    dispatch,
    queues,
    chooseQueue,
    searchRef,
  });

  const redo = (notice: Notice) => {
    const redone = redoForm(notice);
    const record = { kind: notice.entity, id: notice.recordId };
    if (!redone) {
      dispatch({ type: 'overlayClosed' });
      return dispatch({ type: 'recordOpened', record });
    }
    dispatch({ type: 'formRequested', request: { ...record, form: redone.form, redo: true } });
  };

  const close = () => dispatch({ type: 'overlayClosed' });
  const main = mainScreen(screens, state.screen);
  const handle: WorkbenchHandle = {
    state,
    dispatch,
    queues,
    signedIn,
    officerId,
    chooseQueue,
    listRef,
    commands,
    commandContext: context,
  };
  const mac = isMac(navigator.platform);
  const slot = (name: 'bar' | 'overlay') =>
    screens
      .filter((screen) => screen.slot === name)
      .map((screen) => <screen.Component key={screen.id} workbench={handle} />);

  return (
    <div className="app">
      <TrainingStrip />
      <Header
        search={
          <SearchBox
            ref={searchRef}
            onOpen={(hit) =>
              dispatch({ type: 'recordOpened', record: { kind: hit.entity, id: hit.id } })
            }
            onLeave={() => listRef.current?.focus()}
          />
        }
        screens={
          <ScreenSwitcher
            screens={switchable(screens)}
            current={main?.id ?? null}
            onChoose={(screen) => dispatch({ type: 'screenChosen', screen })}
          />
        }
        onNotices={() => dispatch({ type: 'overlayOpened', overlay: 'notices' })}
        onHelp={() => dispatch({ type: 'overlayOpened', overlay: 'help' })}
      />
      <OfflineSessionBanner />
      {slot('bar')}
      <main className="app__main">{main ? <main.Component workbench={handle} /> : null}</main>
      {slot('overlay')}
      {state.overlay === 'palette' ? (
        <CommandPalette commands={paletteItems(commands, context, t, mac)} onClose={close} />
      ) : null}
      {state.overlay === 'help' ? (
        <HelpSheet groups={helpSheet(commands, context, mac)} onClose={close} />
      ) : null}
      {state.overlay === 'notices' ? <NoticesDialog onClose={close} onRedo={redo} /> : null}
    </div>
  );
}
