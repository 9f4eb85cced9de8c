import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createClient } from '@shared/contract/client';
import { ApiProvider } from './api/context';
import { selectTransport } from './api/transport';
import { App } from './app/App';
import { browserStorage } from './app/storage';
import { readStoredLanguage } from './i18n/language';
import { createI18n } from './i18n/setup';
import { RenderErrorBoundary } from './ui/RenderErrorBoundary';
import './styles/index.css';

const { transport } = selectTransport(window);
const client = createClient(transport);
const i18n = createI18n(readStoredLanguage(browserStorage()));

// The document's language drives screen readers' pronunciation and the browser's hyphenation.
const applyLanguage = () => {
  document.documentElement.lang = i18n.resolvedLanguage ?? 'vi';
  document.title = i18n.t('app.name');
};
applyLanguage();
i18n.on('languageChanged', applyLanguage);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ApiProvider client={client}>
        <RenderErrorBoundary>
          <App />
        </RenderErrorBoundary>
      </ApiProvider>
    </I18nextProvider>
  </StrictMode>,
);
