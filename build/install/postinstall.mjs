// @ts-check
/**
 * Runs after `npm install` / `npm ci`, and never fails them.
 *
 * Electron's own install script downloads its binary from a host that office networks (and this
 * project's build machines) often block, and a failed download would fail the whole install.
 * package.json's `allowScripts` denies that script, and this one runs the same download itself,
 * tolerating failure: where the host is reachable the desktop shell works; where it is not, one
 * line says so and `npm start` uses the browser host. No environment variable is needed.
 *
 * When the binary is present, the store's SQLite module (better-sqlite3-multiple-ciphers) is also
 * built for Electron's ABI into build/native/electron/, beside (not instead of) the Node build
 * that tests and the browser host load, so neither runtime needs a rebuild to switch.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryPath as findElectronBinary } from './electron-binary.mjs';
import { unmetEngines } from './node-engines.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));

const electronBinaryPath = () => findElectronBinary(root);

function installElectron() {
  if (electronBinaryPath()) return true;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return false;
  let installScript;
  try {
    installScript = join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return false; // electron is a devDependency: absent in production installs
  }
  const result = spawnSync(process.execPath, [installScript], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 180_000,
    encoding: 'utf8',
  });
  if (result.status === 0 && electronBinaryPath()) return true;
  const reason = (result.stderr || result.error?.message || 'unknown error')
    .split('\n')
    .find((line) => /error|fail|ENOTFOUND|ECONN|timed out/i.test(line))
    ?.trim();
  console.log(
    `Desktop shell unavailable: Electron's binary could not be downloaded${reason ? ` (${reason.slice(0, 120)})` : ''}; \`npm start\` will use the browser host.`,
  );
  return false;
}

// The EBADENGINE warnings above, in one line: which packages ask for a newer Node, and what
// still works on this one (README, "What each needs").
const unmet = unmetEngines(process.versions.node, root);
if (unmet.length > 0) {
  const names = [...new Set(unmet.map((e) => e.name))];
  console.log(
    `Node ${process.versions.node} is outside what this project asks for (^22.13.0 || >=24): ${names.length} package(s) declare another Node (${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}). The browser host, the central API and the tests run on Node 20.19+; downloading and packaging Electron need Node 22.13+.`,
  );
}

if (installElectron()) {
  const result = spawnSync(
    process.execPath,
    [join(root, 'build', 'native', 'build-electron-sqlite.mjs')],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    console.log(
      'The SQLite module for Electron could not be built; run `npm run rebuild:electron` later.',
    );
  }
}
