import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';

type PopoverProps = Readonly<{
  /** The button's accessible name (and tooltip). */
  label: string;
  /** What the button shows; defaults to the label. */
  button?: ReactNode;
  buttonClassName?: string;
  testId: string;
  /** Which edge of the button the panel lines up with. */
  align?: 'start' | 'end';
  /** Marks the button as showing an active state (a column filter is set). */
  active?: boolean;
  children: (close: () => void) => ReactNode;
  panelClassName?: string;
}>;

const GAP = 4;
const MARGIN = 8;

/**
 * A button that opens a panel in the browser's top layer (the native popover API): never clipped
 * by the grid's overflow, closed by Esc or a click elsewhere (light dismiss), focus moved in on
 * open and back to the button on close. Placed next to its button with fixed coordinates, kept on
 * screen.
 */
export function Popover({
  label,
  button,
  buttonClassName = 'icon-button',
  testId,
  align = 'start',
  active = false,
  children,
  panelClassName,
}: PopoverProps) {
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<CSSProperties>({});

  const place = useCallback(() => {
    const anchor = buttonRef.current?.getBoundingClientRect();
    const panel = panelRef.current;
    if (!anchor || !panel) return;
    const width = panel.offsetWidth;
    const height = panel.offsetHeight;
    let left = align === 'end' ? anchor.right - width : anchor.left;
    left = Math.max(MARGIN, Math.min(left, window.innerWidth - width - MARGIN));
    let top = anchor.bottom + GAP;
    if (top + height > window.innerHeight - MARGIN)
      top = Math.max(MARGIN, anchor.top - GAP - height);
    setPosition({ left, top });
  }, [align]);

  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const onToggle = (event: Event) => {
      const next = (event as ToggleEvent).newState === 'open';
      setOpen(next);
      if (next) {
        place();
        const first = panel.querySelector<HTMLElement>(
          'input, button, select, textarea, [tabindex]:not([tabindex="-1"])',
        );
        first?.focus({ preventScroll: true });
      } else if (panel.contains(document.activeElement)) {
        buttonRef.current?.focus({ preventScroll: true });
      }
    };
    panel.addEventListener('toggle', onToggle);
    return () => panel.removeEventListener('toggle', onToggle);
  }, [place]);

  // By id rather than through the ref: the children get it while rendering.
  const close = useCallback(() => {
    const panel = document.getElementById(id);
    if (panel?.matches(':popover-open')) panel.hidePopover();
  }, [id]);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={`${buttonClassName}${active ? ' is-active' : ''}`}
        aria-label={label}
        title={label}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={id}
        data-testid={testId}
        onClick={(event) => {
          event.stopPropagation();
          const panel = panelRef.current;
          if (!panel) return;
          if (panel.matches(':popover-open')) panel.hidePopover();
          else panel.showPopover();
        }}
      >
        {button ?? label}
      </button>
      <div
        ref={panelRef}
        id={id}
        popover="auto"
        className={`popover${panelClassName ? ` ${panelClassName}` : ''}`}
        style={position}
        data-testid={`${testId}-panel`}
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => event.stopPropagation()}
      >
        {open ? children(close) : null}
      </div>
    </>
  );
}
