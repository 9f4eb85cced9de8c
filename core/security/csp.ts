/**
 * The Content-Security-Policy both hosts send with the workbench. Scripts and styles come only
 * from the app's own origin (no inline script, no eval), nothing may frame the app, and the page
 * may talk only to its own host: the renderer never reaches the central API or anything else.
 * React sets styles through the CSSOM, which style-src does not restrict, so no 'unsafe-inline'.
 * The one frame the page may show is a document it made itself: the print preview's PDF, a
 * blob: URL of bytes the core rendered (never a network address, never a script).
 */
export function contentSecurityPolicy(options: { connectSelf: boolean }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${options.connectSelf ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    'frame-src blob:',
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Directives a policy in a `<meta>` tag cannot carry: browsers ignore them there (and say so in
 * the console). They stay in the header; everything else is the same policy.
 */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/**
 * The policy as the `<meta http-equiv="Content-Security-Policy">` of the workbench's page, so it
 * holds even where a response reaches the page without the header (a protocol handler bypassed)
 * and a static review of the shell (Electronegativity) can read it. renderer/index.html carries
 * the desktop shell's (`connectSelf: false`, checked by its test); the browser host serves the
 * page with its own in that tag.
 */
export function metaContentSecurityPolicy(options: { connectSelf: boolean }): string {
  return contentSecurityPolicy(options)
    .split('; ')
    .filter((directive) => !HEADER_ONLY.has(directive.split(' ')[0] ?? ''))
    .join('; ');
}

const META_TAG = /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/i;

/** The page's policy tag, or null if it has none. */
export function metaPolicyOf(html: string): string | null {
  const tag = META_TAG.exec(html)?.[0];
  return tag ? (/content="([^"]*)"/.exec(tag)?.[1] ?? null) : null;
}

/** The page with its policy tag set to `policy` (added first in <head> if it had none). */
export function withMetaPolicy(html: string, policy: string): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  if (META_TAG.test(html)) return html.replace(META_TAG, tag);
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, (head) => `${head}\n    ${tag}`)
    : `${tag}\n${html}`;
}

/** Headers every response of the browser host carries, besides the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
