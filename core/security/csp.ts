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

/** Headers every response of the browser host carries, besides the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
