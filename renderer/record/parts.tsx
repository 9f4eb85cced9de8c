import { useId, type ReactNode } from 'react';

/** Building blocks of every kind's panel sections: a section, a field, a key date. */

export function Section({
  title,
  name,
  count,
  children,
}: Readonly<{ title: string; name: string; count?: number; children: ReactNode }>) {
  const headingId = useId();
  return (
    <section
      className="panel-section"
      aria-labelledby={headingId}
      data-testid={`panel-section-${name}`}
    >
      <h3 id={headingId} className="panel-section__title">
        {title}
        {count !== undefined && count > 0 ? <span className="count-pill">{count}</span> : null}
      </h3>
      {children}
    </section>
  );
}

export function Field({
  label,
  children,
  wide = false,
  mono = false,
  testId,
}: Readonly<{
  label: string;
  children: ReactNode;
  wide?: boolean;
  mono?: boolean;
  testId?: string;
}>) {
  return (
    <div className={`field${wide ? ' field--wide' : ''}`}>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

export function KeyDate({
  label,
  value,
  tone,
  testId,
}: Readonly<{ label: string; value: ReactNode; tone?: string; testId?: string }>) {
  return (
    <div className={`key-date${tone ? ` key-date--${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
