import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RenderedForm } from '@shared/contract/api';
import type { ApiError } from '@shared/contract/envelope';
import { call } from '../api/call';
import { useApi } from '../api/context';
import type { Result } from '../api/result';
import { matchesChord, MOD } from '../commands/keys';
import { printedFormKey } from '../i18n/keys';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import { CheckIcon, PrinterIcon, SaveIcon } from '../ui/icons';
import {
  frameAddress,
  pdfBytes,
  printableForms,
  printRecord,
  type PrintTarget,
} from './print-model';

/**
 * The print preview: the PDF the core rendered (`forms.render`, the same bytes as `npm run form`)
 * shown in the workbench, in a frame on a blob: URL (the CSP allows that and nothing else), with
 * Print (the frame's own print dialog) and Save (a download of the same bytes under the form's
 * file name; Electron asks where to save a download). Each print or save of a dossier's form is
 * recorded in the dossier's history (`record_print` through `dossiers.act`); opening the preview
 * is not a print. A dossier's other papers can be chosen in the preview itself.
 */

type Recording =
  | { readonly state: 'busy' }
  | { readonly state: 'done' }
  | { readonly state: 'failed'; readonly error: ApiError };

/** `forms.render` for the target shown; the answer kept with its target so a switch never shows the previous form as the new one. */
function useRenderedForm(target: PrintTarget): Result<RenderedForm> | null {
  const client = useApi();
  const key = JSON.stringify(target);
  const [answer, setAnswer] = useState<{ key: string; result: Result<RenderedForm> } | null>(null);
  useEffect(() => {
    let current = true;
    void call(client, 'forms.render', JSON.parse(key) as PrintTarget).then((result) => {
      if (current) setAnswer({ key, result });
    });
    return () => {
      current = false;
    };
  }, [client, key]);
  return answer?.key === key ? answer.result : null;
}

/** The forms the dossier prints now (the same rule as the core), or null while unknown. */
function useDossierForms(dossierId: string | null) {
  const client = useApi();
  const [forms, setForms] = useState<{
    id: string;
    list: ReturnType<typeof printableForms>;
  } | null>(null);
  useEffect(() => {
    if (dossierId === null) return;
    let current = true;
    void call(client, 'dossiers.get', { id: dossierId }).then((result) => {
      if (current && result.ok) {
        setForms({ id: dossierId, list: printableForms(result.value) });
      }
    });
    return () => {
      current = false;
    };
  }, [client, dossierId]);
  return forms?.id === dossierId ? forms.list : null;
}

type PrintPreviewProps = Readonly<{
  target: PrintTarget;
  onClose: () => void;
}>;

export function PrintPreview({ target: requested, onClose }: PrintPreviewProps) {
  const { t } = useTranslation();
  const client = useApi();
  const formId = useId();
  const [target, setTarget] = useState(requested);
  const rendered = useRenderedForm(target);
  const forms = useDossierForms(target.form === 'register' ? null : target.dossierId);
  const [recording, setRecording] = useState<Recording | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  const form = rendered?.ok ? rendered.value : null;
  const blob = useMemo(
    () => (form ? new Blob([pdfBytes(form.pdfBase64)], { type: 'application/pdf' }) : null),
    [form],
  );
  // The frame's address is set here, not through state: each PDF gets its own blob: URL,
  // given back when the next one replaces it or the preview closes.
  useEffect(() => {
    if (blob === null || frame.current === null) return;
    const url = URL.createObjectURL(blob);
    frame.current.src = frameAddress(url);
    return () => URL.revokeObjectURL(url);
  }, [blob]);
  const frameReady = form !== null && loaded === form.pdfBase64;

  const record = async () => {
    if (form === null) return;
    const entry = printRecord(target, form.formSet);
    if (entry === null) return;
    setRecording({ state: 'busy' });
    const result = await call(client, 'dossiers.act', {
      id: entry.dossierId,
      action: entry.action,
    });
    setRecording(result.ok ? { state: 'done' } : { state: 'failed', error: result.error });
  };

  const busy = recording?.state === 'busy';
  const print = () => {
    if (!frameReady || busy) return;
    frame.current?.contentWindow?.print();
    void record();
  };
  // Ctrl/Cmd+P while the preview is open prints the form, not the workbench behind it (the
  // workbench's own shortcuts rest under an overlay).
  const latestPrint = useRef(print);
  useEffect(() => {
    latestPrint.current = print;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!matchesChord([MOD, 'P'], event, true)) return;
      event.preventDefault();
      latestPrint.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  const save = () => {
    if (blob === null || form === null) return;
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = form.fileName;
    link.click();
    // Revoked later, not at once: the download reads the URL after the click returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    void record();
  };

  const formName = (name: string) => {
    const key = printedFormKey(name);
    return key ? t(key) : name;
  };
  const state = rendered === null ? 'loading' : rendered.ok ? 'ready' : 'error';

  return (
    <Dialog
      title={form ? t('print.title', { code: form.code }) : t('print.titleLoading')}
      description={
        form ? `${formName(target.form)} · ${t('print.paper', { size: form.pageSize })}` : undefined
      }
      onClose={onClose}
      testId="print-preview"
      className="dialog--print"
    >
      <div
        className="print-preview"
        data-testid="print-preview-body"
        data-state={state}
        data-form={target.form}
        data-file-name={form?.fileName}
        data-page-size={form?.pageSize}
      >
        {forms !== null && forms.length > 1 && target.form !== 'register' ? (
          <div className="print-preview__forms">
            <label htmlFor={formId} className="form__label">
              {t('print.form')}
            </label>
            <select
              id={formId}
              className="input"
              value={target.form}
              onChange={(event) => {
                const next = forms.find((f) => f.form === event.target.value);
                if (next) {
                  setRecording(null);
                  setTarget({ form: next.form, dossierId: target.dossierId });
                }
              }}
              data-testid="print-preview-form"
            >
              {forms.map((f) => (
                <option key={f.form} value={f.form}>
                  {`${f.code} · ${formName(f.form)}`}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="print-preview__sheet">
          {rendered === null ? (
            <p className="print-preview__state muted" role="status">
              <span className="spinner" aria-hidden="true" /> {t('print.loading')}
            </p>
          ) : null}
          {rendered !== null && !rendered.ok ? (
            <div className="print-preview__state">
              <ErrorNotice error={rendered.error} />
            </div>
          ) : null}
          <iframe
            ref={frame}
            className="print-preview__frame"
            hidden={form === null}
            title={form ? `${form.code} ${formName(target.form)}` : t('print.titleLoading')}
            onLoad={() => setLoaded(form?.pdfBase64 ?? null)}
            data-testid="print-preview-frame"
            data-loaded={frameReady}
          />
        </div>
        <div className="print-preview__actions">
          <div className="print-preview__record" role="status">
            {recording?.state === 'busy' ? (
              <span className="muted" data-testid="print-recording">
                <span className="spinner" aria-hidden="true" /> {t('print.recording')}
              </span>
            ) : null}
            {recording?.state === 'done' ? (
              <span className="form-saved" data-testid="print-recorded">
                <CheckIcon width={16} height={16} />
                {t('print.recorded')}
              </span>
            ) : null}
            {recording?.state === 'failed' ? (
              <span data-testid="print-record-failed">
                <span className="muted">{t('print.recordFailed')}</span>
                <ErrorNotice error={recording.error} compact />
              </span>
            ) : null}
          </div>
          <button
            type="button"
            className="button button--secondary"
            onClick={save}
            disabled={form === null || busy}
            data-testid="print-preview-save"
          >
            <SaveIcon width={16} height={16} />
            {t('print.save')}
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={print}
            disabled={!frameReady || busy}
            data-testid="print-preview-print"
          >
            <PrinterIcon width={16} height={16} />
            {t('print.print')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
