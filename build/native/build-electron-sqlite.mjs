// @ts-check
/**
 * Builds the store's SQLite module (better-sqlite3-multiple-ciphers: better-sqlite3's API over
 * SQLite3 Multiple Ciphers, so the stores can be encrypted) for the installed Electron's ABI into
 * build/native/electron/, leaving the Node build in node_modules untouched. Electron's main process passes this file to
 * better-sqlite3's `nativeBinding` option. Tries a prebuilt binary first (no compiler needed),
 * then compiles against Electron's headers. Exits non-zero on failure; callers decide whether
 * that matters.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, 'build', 'native', 'electron');
const output = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'stamp.json');

const electronVersion = JSON.parse(
  readFileSync(require.resolve('electron/package.json'), 'utf8'),
).version;
const sqlitePackage = 'better-sqlite3-multiple-ciphers';
const sqliteDir = dirname(require.resolve(`${sqlitePackage}/package.json`));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const stamp = JSON.stringify({
  electronVersion,
  sqlitePackage,
  sqliteVersion,
  arch: process.arch,
});

if (existsSync(output) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  process.exit(0);
}

const work = join(outDir, 'src');
rmSync(work, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(sqliteDir, work, {
  recursive: true,
  filter: (src) =>
    !src.startsWith(join(sqliteDir, 'build')) && !src.startsWith(join(sqliteDir, 'node_modules')),
});

/** @param {string[]} args */
const run = (args) =>
  spawnSync(process.execPath, args, { cwd: work, stdio: 'inherit', timeout: 600_000 }).status === 0;

function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp))
    return process.env.npm_config_node_gyp;
  const npmDir = process.env.npm_execpath ? dirname(dirname(process.env.npm_execpath)) : '';
  const candidate = join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return existsSync(candidate) ? candidate : null;
}

let built = false;
try {
  const prebuild = join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
  built = run([
    prebuild,
    '--runtime',
    'electron',
    '--target',
    electronVersion,
    '--arch',
    process.arch,
  ]);
} catch {
  built = false;
}
if (!built) {
  const gyp = nodeGyp();
  built =
    gyp !== null &&
    run([
      gyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ]);
}
const result = join(work, 'build', 'Release', 'better_sqlite3.node');
if (!built || !existsSync(result)) {
  console.error(`${sqlitePackage} for Electron ${electronVersion} could not be built.`);
  process.exit(1);
}
copyFileSync(result, output);
writeFileSync(stampFile, stamp);
rmSync(work, { recursive: true, force: true });
console.log(`${sqlitePackage} ${sqliteVersion} built for Electron ${electronVersion}: ${output}`);
