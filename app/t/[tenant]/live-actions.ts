"use server";

import { tenantQuery } from "@/lib/action";
import { liveStamp } from "@/lib/live/stamp";

// Backs components/live/live-refresh.tsx: the one poll every open tenant page makes.
export const liveStampAction = tenantQuery<null, string>("viewer", (ctx) => liveStamp(ctx));
