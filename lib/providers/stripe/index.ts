import type { ProviderAdapter } from "../types";

export const stripeAdapter = {
  key: "stripe",
  receiver: {
    scheme: "stripe",
    name: "Stripe",
    label: "Stripe (Stripe-Signature)",
    doc: "`stripe` (`Stripe-Signature`, the secret used as text, 5-minute tolerance)",
  },
} as const satisfies ProviderAdapter;
