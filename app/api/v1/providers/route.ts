import { apiRoute } from "@/lib/api/handler";
import { PROVIDERS, publicProvider } from "@/lib/providers";

export const GET = apiRoute(async () => ({ data: PROVIDERS.map(publicProvider) }));
