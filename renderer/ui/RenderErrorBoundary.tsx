import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon } from './icons';

function CrashScreen({ error }: Readonly<{ error: Error }>) {
  const { t } = useTranslation();
  return (
    <div className="crash-screen" role="alert" data-testid="crash-screen">
      <AlertIcon width={32} height={32} />
      <h1>{t('errors.crash.title')}</h1>
      <p>{t('errors.crash.hint')}</p>
      <button
        type="button"
        className="button button--primary"
        onClick={() => window.location.reload()}
      >
        {t('errors.crash.reload')}
      </button>
      <details className="error-notice__details">
        <summary>{t('errors.details')}</summary>
        <code>{error.message}</code>
      </details>
    </div>
  );
}

/**
 * The one class component: React offers error boundaries only as classes. A bug in one screen
 * must leave a translated message and a way back, never a blank window.
 */
export class RenderErrorBoundary extends Component<
  Readonly<{ children: ReactNode }>,
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('[renderer] a screen crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.error ? <CrashScreen error={this.state.error} /> : this.props.children;
  }
}
