import { RenderErrorBoundary } from '../ui/RenderErrorBoundary';
import { DossierWorkbench } from './DossierWorkbench';
import { Header } from './Header';

export function App() {
  return (
    <div className="app">
      <Header />
      <main className="app__main">
        <RenderErrorBoundary>
          <DossierWorkbench />
        </RenderErrorBoundary>
      </main>
    </div>
  );
}
