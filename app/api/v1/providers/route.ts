import { apiRoute } from "@/lib/api/handler";
import { PROVIDERS, publicProvider } from "@/lib/providers";

// The catalog is the same for everyone; any valid key may read it.
export const GET = apiRoute(null, async () => ({ data: PROVIDERS.map(publicProvider) }));
