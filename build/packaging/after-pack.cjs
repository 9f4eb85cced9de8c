// @ts-check
/**
 * Flips Electron's fuses on the packaged binary (Electron security checklist): the app cannot be
 * run as plain Node, cannot be debugged through --inspect or NODE_OPTIONS, loads its code only
 * from the integrity-checked app.asar, and encrypts cookies.
 */
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');
const path = require('node:path');

/** The fuse settings, exported so build/packaging/after-pack.test.ts can assert them. */
exports.fuseConfig = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
};

/** @param {{ appOutDir: string, packager: { appInfo: { productFilename: string } }, electronPlatformName: string }} context */
exports.default = async function afterPack(context) {
  const name = context.packager.appInfo.productFilename;
  const executable =
    context.electronPlatformName === 'darwin'
      ? path.join(context.appOutDir, `${name}.app`)
      : path.join(
          context.appOutDir,
          context.electronPlatformName === 'win32' ? `${name}.exe` : name,
        );
  await flipFuses(executable, exports.fuseConfig);
};
