import type { ESLint, Linter } from 'eslint';
/** The one-clock rule (see clock.js). */
export declare const clockPlugin: ESLint.Plugin;
export declare const CLOCK_MODULES: string[];
export declare const clockConfig: Linter.Config[];
