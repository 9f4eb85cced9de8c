// @ts-check
/**
 * Where the Electron binary is, or null when it is not installed. Reads electron's path.txt
 * directly: `require('electron')` must not be used to probe, because since Electron 4x it tries to
 * download the binary on the spot when it is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/** @param {string} projectRoot */
export function electronBinaryPath(projectRoot) {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const override = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(override) ? override : null;
  }
  let packageDir;
  try {
    packageDir = dirname(
      createRequire(join(projectRoot, 'package.json')).resolve('electron/package.json'),
    );
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
