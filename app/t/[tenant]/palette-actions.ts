"use server";

import { tenantQuery } from "@/lib/action";
import { paletteEntries, type PaletteEntries } from "@/lib/search/palette";

// Loaded when the command palette first opens, not with every page.
export const paletteEntriesAction = tenantQuery<null, PaletteEntries>("viewer", (ctx) => paletteEntries(ctx));
