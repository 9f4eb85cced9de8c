import type { WorkbenchHandle } from '../screens/registry';
import { PrintPreview } from './PrintPreview';
import { RegisterDialog } from './RegisterDialog';

/**
 * The print overlay over any screen: the preview of the form asked for (after an action, from
 * a command), or the register's dialog first. What it shows is the workbench's state, so the
 * global shortcuts rest while it is open like under any other overlay.
 */
export function PrintOverlay({ workbench }: Readonly<{ workbench: WorkbenchHandle }>) {
  const { state, dispatch } = workbench;
  const close = () => dispatch({ type: 'overlayClosed' });
  if (state.overlay === 'print-register') {
    return (
      <RegisterDialog
        onSubmit={(target) => dispatch({ type: 'printRequested', target })}
        onClose={close}
      />
    );
  }
  if (state.overlay === 'print' && state.print !== null) {
    // A new request is a new preview: nothing of the previous form's recording carries over.
    return <PrintPreview key={JSON.stringify(state.print)} target={state.print} onClose={close} />;
  }
  return null;
}
