/** Which Node.js the installed packages ask for (see node-engines.mjs). */
export declare function satisfies(version: string, range: string): boolean | null;
export declare function declaredEngines(root: string): { name: string; range: string }[];
export declare function unmetEngines(
  version: string,
  root: string,
): { name: string; range: string }[];
