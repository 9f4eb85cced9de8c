import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog';
import { pdfBytes } from './print-model';

type PrintPreviewProps = Readonly<{
  /** "Mẫu số 01 GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" */
  title: string;
  /** The PDF as the core rendered it (forms.render), base64. */
  pdfBase64: string;
  fileName: string;
  /** After Print or Save: the host records the print in the dossier's history. */
  onPrinted: (how: 'print' | 'save') => void;
  onClose: () => void;
}>;

/**
 * The print preview: the PDF shown in the workbench (a blob: URL in a frame, which the CSP
 * allows and nothing else), with Print (the frame's own print dialog) and Save (a download of
 * the same bytes; Electron's save dialog can come through the contract later).
 */
export function PrintPreview({
  title,
  pdfBase64,
  fileName,
  onPrinted,
  onClose,
}: PrintPreviewProps) {
  const { t } = useTranslation();
  const frame = useRef<HTMLIFrameElement>(null);
  const blob = useMemo(
    () => new Blob([pdfBytes(pdfBase64)], { type: 'application/pdf' }),
    [pdfBase64],
  );
  // The frame's address is set here, not through state: each mount makes its own blob: URL
  // and gives it back when it goes.
  useEffect(() => {
    const url = URL.createObjectURL(blob);
    if (frame.current) frame.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [blob]);

  const print = () => {
    frame.current?.contentWindow?.print();
    onPrinted('print');
  };
  const save = () => {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    onPrinted('save');
  };

  return (
    <Dialog title={title} onClose={onClose} testId="print-preview" size="wide">
      <div className="print-preview">
        <iframe
          ref={frame}
          className="print-preview__frame"
          title={title}
          data-testid="print-preview-frame"
        />
        <div className="print-preview__actions">
          <button type="button" onClick={print} data-testid="print-preview-print">
            {t('print.print')}
          </button>
          <button type="button" onClick={save} data-testid="print-preview-save">
            {t('print.save')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
