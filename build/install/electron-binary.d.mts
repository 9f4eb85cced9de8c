/** Where the Electron binary is, or null when it is not installed (see electron-binary.mjs). */
export declare function electronBinaryPath(projectRoot: string): string | null;
