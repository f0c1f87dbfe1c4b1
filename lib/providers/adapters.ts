import type { ProviderAdapter } from "./types";
import { githubAdapter } from "./github";
import { stripeAdapter } from "./stripe";

/**
 * Every provider with code of its own, keyed like its catalog entry. Kept free of server
 * imports like the catalog (the receiver dialog reads it); each adapter's server code, such
 * as its signature check in `verify.ts`, sits beside it in `lib/providers/<key>/`.
 */
export const PROVIDER_ADAPTERS = [stripeAdapter, githubAdapter] as const satisfies readonly ProviderAdapter[];
