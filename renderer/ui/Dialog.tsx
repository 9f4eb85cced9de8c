import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from './icons';

type DialogProps = Readonly<{
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  testId: string;
  /** Wider sheets (help, notices) or narrow forms. */
  size?: 'narrow' | 'wide';
  /** Optional line under the title. */
  description?: ReactNode;
  /** For search-like dialogs that draw their own header. */
  bare?: boolean;
  className?: string;
}>;

/**
 * A modal on the native <dialog>: the browser traps focus, makes the rest inert, closes on Esc
 * (the 'cancel' event) and gives focus back to what had it. A click on the backdrop closes too.
 */
export function Dialog({
  title,
  onClose,
  children,
  testId,
  size = 'narrow',
  description,
  bare = false,
  className,
}: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      previous?.focus({ preventScroll: true });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}${bare ? ' dialog--bare' : ''}${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      data-testid={testId}
      onClick={(event) => {
        // The dialog element itself is only hit on its backdrop: its content fills it.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="dialog__frame">
        {bare ? (
          <h2 id={titleId} className="visually-hidden">
            {title}
          </h2>
        ) : (
          <header className="dialog__header">
            <div>
              <h2 id={titleId} className="dialog__title">
                {title}
              </h2>
              {description ? (
                <p id={descriptionId} className="dialog__description">
                  {description}
                </p>
              ) : null}
            </div>
            <button
              type="button"
              className="icon-button"
              onClick={onClose}
              aria-label={t('dialog.close')}
              data-testid={`${testId}-close`}
            >
              <CloseIcon />
            </button>
          </header>
        )}
        {children}
      </div>
    </dialog>
  );
}
