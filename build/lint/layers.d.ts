import type { Linter } from 'eslint';
/** The layer rules of ARCHITECTURE.md (see layers.js). */
export declare const layerConfig: Linter.Config[];
