/**
 * Content-Security-Policy values (proxy.ts for pages, next.config.js mirrors
 * API_CSP for route handlers; the other headers are set in next.config.js).
 *
 * Pages get a per-request nonce CSP from proxy.ts: scripts run only with the
 * nonce Next.js stamps on its own <script> tags ('strict-dynamic' lets those load
 * their chunks), so injected markup cannot run script even if it slipped past
 * React's escaping. No 'unsafe-eval' in production (the dev server needs it for
 * React's debugging). Styles allow 'unsafe-inline' because charts and React set
 * style attributes, which nonces cannot cover; style injection cannot run code.
 * API responses get a CSP that allows nothing.
 */
export interface CspOptions {
  nonce: string;
  dev: boolean;
  /** Add upgrade-insecure-requests (when served over https). */
  https: boolean;
}

export function pageCsp({ nonce, dev, https }: CspOptions): string {
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    // Recordings may be presigned S3 URLs or https URLs from the provider.
    `media-src 'self' blob: https:`,
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
