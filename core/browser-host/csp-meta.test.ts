import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../app';
import { contentSecurityPolicy, metaContentSecurityPolicy, metaPolicyOf } from '../security/csp';
import { startBrowserHost, type BrowserHost } from './server';

const page = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer', 'index.html');

let dir: string;
let core: Core;
let host: BrowserHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wb-host-csp-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir, { recursive: true });
  // The workbench's page as the build leaves it: the desktop shell's policy in its <meta>.
  writeFileSync(join(staticDir, 'index.html'), readFileSync(page));
  core = createCore({ dataDir: join(dir, 'data'), host: 'browser', startSync: false });
  host = await startBrowserHost({ dispatch: core.dispatch, events: core.events, staticDir });
});
afterAll(async () => {
  await host.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the page’s own Content-Security-Policy', () => {
  it('is the browser host’s policy, the same as its header but for header-only directives', async () => {
    const response = await fetch(`${host.origin}/`);
    const header = response.headers.get('content-security-policy');
    expect(header).toBe(contentSecurityPolicy({ connectSelf: true }));
    const meta = metaPolicyOf(await response.text());
    expect(meta).toBe(metaContentSecurityPolicy({ connectSelf: true }));
    expect(header!.split('; ').filter((d) => !d.startsWith('frame-ancestors'))).toEqual(
      meta!.split('; '),
    );
  });
});
