import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("./", import.meta.url));

export default defineConfig({
  resolve: {
    // Mirrors tsconfig's `paths: { "@/*": ["./*"] }`.
    alias: [
      { find: /^@\//, replacement: root },
      // Outside Next.js's react-server build, "server-only" throws on import by design.
      { find: /^server-only$/, replacement: `${root}node_modules/server-only/empty.js` },
    ],
  },
  test: {
    environment: "node",
    include: [
      "lib/**/*.test.ts",
      "components/**/*.test.ts",
      "components/**/*.test.tsx",
      "app/**/*.test.ts",
      "db/**/*.test.ts",
      "cli/**/*.test.ts",
      "tests/**/*.test.ts",
    ],
    exclude: ["e2e/**", "**/node_modules/**", "**/.next/**", "**/.next-bench/**", ".data/**", ".e2e-data/**"],
    // Points each test file at its own fresh database (PGlite in memory, or a
    // fresh database on the PostgreSQL given by TEST_DATABASE_URL).
    setupFiles: ["tests/setup-db.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One process per test file: module state (db clients, env) never leaks.
    pool: "forks",
  },
});
