import type { NextConfig } from "next";

// `npm run bench:api -- --http` makes a second production build in its own folder that also
// mounts `*.bench.ts` route files (the unguarded baseline the API guard is measured against);
// the build Patchbay runs never contains them.
const benchBuild = process.env.PATCHBAY_BENCH_BUILD === "1";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  distDir: benchBuild ? ".next-bench" : ".next",
  pageExtensions: benchBuild ? ["tsx", "ts", "bench.ts"] : ["tsx", "ts"],
  // Native and WASM modules (database drivers, the SAML schema validator with its .xsd files) load from node_modules at run time, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg-boss",
    "@node-rs/argon2",
    "postgres",
    "samlify",
    "@authenio/samlify-xmllint-wasm",
    "xmllint-wasm",
    "exceljs",
  ],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
