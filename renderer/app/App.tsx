import { useTranslation } from 'react-i18next';
import { ClockProvider } from '../clock/ClockProvider';
import { SandboxProvider } from '../sandbox/SandboxProvider';
import { TrainingStrip } from '../sandbox/TrainingStrip';
import { decideScreen } from '../session/session-model';
import { SessionProvider, useSession } from '../session/SessionProvider';
import { SignInScreen } from '../session/SignInScreen';
import { ErrorNotice } from '../ui/ErrorNotice';
import { RenderErrorBoundary } from '../ui/RenderErrorBoundary';
import { Header } from './Header';
import { Workbench } from './Workbench';

export function App() {
  return (
    <ClockProvider>
      <SessionProvider>
        <SandboxProvider>
          <Screens />
        </SandboxProvider>
      </SessionProvider>
    </ClockProvider>
  );
}

/** Sign-in, the workbench, or why neither can be shown; decided from the session (session-model.ts). */
function Screens() {
  const { t } = useTranslation();
  const session = useSession();
  const screen = decideScreen(session);
  if (screen.kind === 'workbench') {
    const officerId = session.status?.ok ? (session.status.value.officer?.id ?? null) : null;
    // A new officer gets a fresh workbench: nothing of the previous one's screen carries over.
    return (
      <RenderErrorBoundary>
        <Workbench key={screen.signedIn ? (officerId ?? 'officer') : 'local'} />
      </RenderErrorBoundary>
    );
  }
  return (
    <div className="app">
      <TrainingStrip />
      <Header />
      <main className="app__main app__main--center">
        <RenderErrorBoundary>
          {screen.kind === 'loading' ? (
            <p className="app-loading" role="status" data-testid="app-loading">
              <span className="spinner" aria-hidden="true" /> {t('app.host.unknown')}
            </p>
          ) : null}
          {screen.kind === 'error' ? (
            <ErrorNotice error={screen.error} onRetry={() => session.reload()} />
          ) : null}
          {screen.kind === 'sign-in' ? <SignInScreen canCancel={screen.canCancel} /> : null}
        </RenderErrorBoundary>
      </main>
    </div>
  );
}
