import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { MethodInput, SandboxState, SandboxText } from '@shared/contract/api';
import { call } from '../api/call';
import { useApi } from '../api/context';

/**
 * The trainers' sandbox as the page sees it: the world's state from `sandbox.state`, then from
 * every `sandbox.changed`, and the controls. Outside a sandbox the state says `active: false`
 * and nothing of the sandbox is drawn.
 */
type Control =
  | ['sandbox.reset', MethodInput<'sandbox.reset'>]
  | ['sandbox.clock', MethodInput<'sandbox.clock'>]
  | ['sandbox.citizen', MethodInput<'sandbox.citizen'>]
  | ['sandbox.simulate', MethodInput<'sandbox.simulate'>]
  | ['sandbox.network', MethodInput<'sandbox.network'>]
  | ['sandbox.conflict', MethodInput<'sandbox.conflict'>]
  | ['sandbox.switchAccount', MethodInput<'sandbox.switchAccount'>];

export interface SandboxHandle {
  readonly state: SandboxState | null;
  /** A control under way (the bar's buttons wait). */
  readonly busy: boolean;
  /** The last control's refusal when the world gave no words for it. */
  readonly error: string | null;
  run: (...control: Control) => Promise<boolean>;
}

const SandboxContext = createContext<SandboxHandle | null>(null);

export function SandboxProvider({ children }: Readonly<{ children: ReactNode }>) {
  const client = useApi();
  const [state, setState] = useState<SandboxState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void call(client, 'sandbox.state', {}).then((result) => {
      if (current && result.ok) setState(result.value);
    });
    const off = client.on('sandbox.changed', (next) => setState(next));
    return () => {
      current = false;
      off();
    };
  }, [client]);
  const run = useCallback(
    async (...[method, input]: Control): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        const result = await call(client, method, input as never);
        if (result.ok) {
          setState(result.value);
          if (method === 'sandbox.reset') {
            // The starting state, drawn afresh: no screen keeps rows or a record from before.
            window.location.reload();
          }
          return true;
        }
        setError(result.error.message);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [client],
  );
  const value = useMemo(() => ({ state, busy, error, run }), [state, busy, error, run]);
  return <SandboxContext value={value}>{children}</SandboxContext>;
}

export function useSandbox(): SandboxHandle {
  const sandbox = useContext(SandboxContext);
  if (!sandbox) throw new Error('useSandbox() needs a <SandboxProvider> above it');
  return sandbox;
}

/** A scenario's text in the page's language. */
export function inLanguage(text: SandboxText, language: string | undefined): string {
  return language === 'en' ? text.en : text.vi;
}
