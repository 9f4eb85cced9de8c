import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeType, resolveStaticPath } from './static-path';

const root = resolve('/srv/app/renderer');

describe('resolveStaticPath (path-traversal guard of app:// and the browser host)', () => {
  it.each([
    ['/', 'index.html'],
    ['', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/main-abc.js', 'assets/main-abc.js'],
    ['/assets/t%E1%BA%BFt.svg', 'assets/tết.svg'],
  ])('serves %j from inside the renderer folder', (url, file) => {
    expect(resolveStaticPath(root, url)).toBe(join(root, file));
  });

  it.each([
    '/../package.json',
    '/assets/../../secret',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E%2Fetc%2Fpasswd',
    '/..%2f..%2fetc/passwd',
    '/assets/..\\..\\secret',
    '/index.html%00.png',
    '/%E0%A4%A',
  ])('refuses %j', (url) => {
    expect(resolveStaticPath(root, url)).toBeNull();
  });

  it('never resolves outside the root for any path a URL can carry', () => {
    for (const url of [
      '//etc/passwd/..',
      '/..',
      '/../',
      '/a/../../b',
      '/./../x',
      '/%2e%2e',
      '/a/%2e%2e/%2e%2e/b',
    ]) {
      const result = resolveStaticPath(root, url);
      expect(result === null || result.startsWith(root + '/')).toBe(true);
    }
  });

  it('labels the renderer files with their types', () => {
    expect(mimeType('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
