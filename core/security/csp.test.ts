import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';

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
});
