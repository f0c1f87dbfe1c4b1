import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // One refresh after a mutation: tenantAction in lib/action.ts revalidates the tenant tree; the later live
    // updates hook in there too, so a page or component refreshing on its own would be a second way.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    // components/live re-renders open pages when the data behind them changed: the other refresh, for changes no mutation of this page made.
    ignores: ["lib/action.ts", "components/live/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "next/cache",
              importNames: ["refresh", "revalidatePath", "revalidateTag", "updateTag"],
              message: "Mutations refresh through tenantAction (lib/action.ts).",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='refresh'][arguments.length=0]",
          message: "Mutations refresh through tenantAction (lib/action.ts), not router.refresh().",
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    ".next-bench/**",
    ".data/**",
    ".e2e-data/**",
    "node_modules/**",
    "next-env.d.ts",
    "db/migrations/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
