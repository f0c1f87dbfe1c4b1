import type { ProviderAdapter } from "../types";

export const githubAdapter = {
  key: "github",
  receiver: {
    scheme: "github",
    name: "GitHub",
    label: "GitHub (X-Hub-Signature-256)",
    doc: "`github` (`X-Hub-Signature-256`, deduplicated on `X-GitHub-Delivery`)",
  },
} as const satisfies ProviderAdapter;
