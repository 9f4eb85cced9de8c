import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  metaContentSecurityPolicy,
  metaPolicyOf,
  withMetaPolicy,
} from './csp';

const page = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer', 'index.html');

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('Content-Security-Policy', () => {
  it('lets the print preview frame a PDF the app made (blob:) and nothing else', () => {
    for (const connectSelf of [true, false]) {
      const csp = directives(contentSecurityPolicy({ connectSelf }));
      expect(csp.get('frame-src')).toBe('blob:');
      expect(csp.get('default-src')).toBe("'none'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(csp.get('script-src')).toBe("'self'");
      expect(contentSecurityPolicy({ connectSelf })).not.toContain('unsafe');
    }
  });

  it('is carried by the desktop shell’s page as a <meta> tag, the same as its header', () => {
    const html = readFileSync(page, 'utf8');
    const meta = metaPolicyOf(html);
    expect(meta).toBe(metaContentSecurityPolicy({ connectSelf: false }));
    const header = contentSecurityPolicy({ connectSelf: false }).split('; ');
    // Only what a <meta> policy cannot carry stays in the header alone.
    expect(header.filter((d) => !meta!.split('; ').includes(d))).toEqual([
      "frame-ancestors 'none'",
    ]);
    expect(meta).toContain('frame-src blob:');
    // Before any script: a policy applies only to what comes after it.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('is set in a page that has none, or replaced', () => {
    const policy = metaContentSecurityPolicy({ connectSelf: true });
    expect(metaPolicyOf(withMetaPolicy('<html><head><title>x</title></head></html>', policy))).toBe(
      policy,
    );
    const desktop = withMetaPolicy(
      '<head></head>',
      metaContentSecurityPolicy({ connectSelf: false }),
    );
    expect(metaPolicyOf(withMetaPolicy(desktop, policy))).toBe(policy);
  });
});
