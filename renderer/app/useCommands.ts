import { useEffect, useRef, useState, type Dispatch, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '@shared/contract/client';
import { isTypingTarget } from '../commands/keys';
import { shortcutCommand } from '../commands/registry';
import {
  workbenchCommands,
  type CommandContext,
  type WorkbenchCommands,
} from '../commands/workbench-commands';
import { useFormatter } from '../format/useFormatter';
import { LANGUAGES } from '../i18n/language';
import { allowedActions } from '../kinds/contract';
import { uiKind } from '../kinds';
import type { QueuesState } from '../queues/useQueues';
import { allQueues } from '../queues/queue-model';
import type { SearchBoxHandle } from '../search/SearchBox';
import type { Session } from '../session/SessionProvider';
import type { OpenRecord, WorkbenchEvent, WorkbenchState } from './workbench-state';

type Allowed = CommandContext['allowed'];

/** While the palette is open on a record: the actions the core allows on it now. */
function usePaletteActions(client: ApiClient, open: OpenRecord | null, asking: boolean): Allowed {
  const [answer, setAnswer] = useState<Allowed>(null);
  useEffect(() => {
    if (!asking || open === null) return;
    let current = true;
    void allowedActions(client, uiKind(open.kind).shared.plural, open.id).then((result) => {
      if (current && result.ok) setAnswer({ record: open, actions: result.value.actions });
    });
    return () => {
      current = false;
    };
  }, [asking, open, client]);
  return answer;
}

type CommandInputs = Readonly<{
  client: ApiClient;
  session: Session;
  signedIn: boolean;
  state: WorkbenchState;
  dispatch: Dispatch<WorkbenchEvent>;
  queues: QueuesState;
  chooseQueue: (queueId: string) => void;
  searchRef: RefObject<SearchBoxHandle | null>;
}>;

/**
 * The workbench's commands and what they act on, and the global shortcuts: a key press outside
 * an overlay starts the command whose keys it is (commands/workbench-commands.ts).
 */
export function useCommands(inputs: CommandInputs): {
  readonly commands: WorkbenchCommands;
  readonly context: CommandContext;
} {
  const { client, session, signedIn, state, dispatch, queues, chooseQueue, searchRef } = inputs;
  const { t, i18n } = useTranslation();
  const format = useFormatter();
  const [commands] = useState(workbenchCommands);
  const allowed = usePaletteActions(client, state.open, state.overlay === 'palette');

  const context: CommandContext = {
    t,
    format,
    signedIn,
    state,
    dispatch,
    queues: allQueues(queues.groups),
    allowed,
    listBusy: false,
    chooseQueue,
    focusSearch: () => searchRef.current?.focus(),
    session: {
      syncNow: () => void session.syncNow(),
      logout: () => void session.logout(),
      signIn: () => session.requestSignIn(true),
    },
    switchLanguage: () => {
      const other = LANGUAGES.find((l) => l !== i18n.resolvedLanguage) ?? 'vi';
      void i18n.changeLanguage(other);
    },
  };

  // The listener stays while no overlay is open and reads the context of the latest render.
  const latest = useRef(context);
  useEffect(() => {
    latest.current = context;
  });
  const overlayOpen = state.overlay !== null;
  useEffect(() => {
    if (overlayOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const now = latest.current;
      const command = shortcutCommand(commands, now, event, isTypingTarget(event.target));
      if (!command?.perform) return;
      event.preventDefault();
      command.perform(now, 'shortcut');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands, overlayOpen]);

  return { commands, context };
}
