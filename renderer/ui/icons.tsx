import type { SVGProps } from 'react';

/** A few line icons drawn inline (no icon font or image requests under the CSP). */
type IconProps = Readonly<Omit<SVGProps<SVGSVGElement>, 'children'>>;

function Icon({ children, ...props }: IconProps & Readonly<{ children: React.ReactNode }>) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

export function CloseIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M18 6 6 18M6 6l12 12" />
    </Icon>
  );
}

export function RefreshIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M21 12a9 9 0 0 1-15.5 6.2M3 12A9 9 0 0 1 18.5 5.8" />
      <path d="M21 4v5h-5M3 20v-5h5" />
    </Icon>
  );
}

export function SortIcon({
  direction,
  ...props
}: IconProps & Readonly<{ direction: 'asc' | 'desc' | 'none' }>) {
  return (
    <Icon {...props}>
      {direction !== 'desc' && <path d="m8 9 4-4 4 4" opacity={direction === 'none' ? 0.45 : 1} />}
      {direction !== 'asc' && <path d="m8 15 4 4 4-4" opacity={direction === 'none' ? 0.45 : 1} />}
    </Icon>
  );
}

export function LockIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </Icon>
  );
}

export function CitizenIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21a8 8 0 0 1 16 0" />
    </Icon>
  );
}

export function AlertIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M12 3 2 20h20L12 3Z" />
      <path d="M12 10v4M12 17h.01" />
    </Icon>
  );
}

export function ClockIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </Icon>
  );
}

export function InboxIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M22 12h-6l-2 3h-4l-2-3H2" />
      <path d="M5.5 5h13L22 12v6a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2v-6l3.5-7Z" />
    </Icon>
  );
}

export function ArrowRightIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M5 12h14M13 6l6 6-6 6" />
    </Icon>
  );
}

/** The app's mark: a stylised one-stop counter with a star, drawn in currentColor. */
export function AppMark(props: IconProps) {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false" {...props}>
      <rect x="1" y="1" width="30" height="30" rx="8" fill="currentColor" opacity="0.14" />
      <path
        d="m16 6.5 2.35 4.9 5.4.7-3.95 3.75 1 5.35L16 18.6l-4.8 2.6 1-5.35-3.95-3.75 5.4-.7Z"
        fill="currentColor"
      />
      <path d="M8 25h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
