import type {
  CitizenAct,
  ClockMove,
  NetworkMode,
  SandboxState,
  SandboxText,
} from '@shared/contract/api';
import { ApiFailure } from '@shared/contract/envelope';
import type { Handlers } from '../dispatch';

/**
 * What the presenter's bar asks of the training world. The core only knows this interface: the
 * world itself (its central API, the network between, the snapshots) is run by the sandbox's
 * host (scripts/sandbox/), since the core reaches a central API over HTTP only.
 */
export interface SandboxControl {
  state(): SandboxState;
  reset(scenario?: string): Promise<SandboxState>;
  moveClock(move: ClockMove): Promise<SandboxState>;
  citizen(act: CitizenAct): Promise<SandboxState>;
  simulate(perMinute: number): Promise<SandboxState>;
  network(mode: NetworkMode): SandboxState;
  conflict(dossierId: string): Promise<SandboxState>;
  switchAccount(username: string): Promise<SandboxState>;
}

/** A refusal the presenter reads, in both languages: why the control did nothing (the world is left as it was). */
export class SandboxRefusal extends ApiFailure {
  readonly text: SandboxText;
  constructor(text: SandboxText) {
    super('BAD_REQUEST', text.en);
    this.text = text;
  }
}

const INACTIVE: SandboxState = {
  active: false,
  scenarios: [],
  scenario: null,
  clock: { now: 0, start: 0 },
  network: 'online',
  conflictStaged: false,
  simulatePerMinute: 0,
  accounts: [],
  lastMessage: null,
};

type SandboxMethods =
  | 'sandbox.state'
  | 'sandbox.reset'
  | 'sandbox.clock'
  | 'sandbox.citizen'
  | 'sandbox.simulate'
  | 'sandbox.network'
  | 'sandbox.conflict'
  | 'sandbox.switchAccount';

/** The contract's `sandbox.*`: the world's controls, or, outside a sandbox, a refusal. */
export function sandboxHandlers(
  control: () => SandboxControl | null,
): Pick<Handlers, SandboxMethods> {
  const world = (): SandboxControl => {
    const c = control();
    if (!c) throw new ApiFailure('BAD_REQUEST', 'this workbench is not a training sandbox');
    return c;
  };
  return {
    'sandbox.state': () => control()?.state() ?? INACTIVE,
    'sandbox.reset': (input) => world().reset(input.scenario),
    'sandbox.clock': (input) => world().moveClock(input),
    'sandbox.citizen': (input) => world().citizen(input),
    'sandbox.simulate': (input) => world().simulate(input.perMinute),
    'sandbox.network': (input) => world().network(input.mode),
    'sandbox.conflict': (input) => world().conflict(input.dossierId),
    'sandbox.switchAccount': (input) => world().switchAccount(input.username),
  };
}
