import { z } from "zod";

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Give the key a name.").max(80, "At most 80 characters."),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ id: z.uuid() });
