import type { JobDefinition } from "@/lib/jobs/definition";
import { notifyExpiringKeys } from "./expiry-notices";
import { notifyKeysDueForRotation } from "./rotation-notices";

export const API_KEY_JOBS: JobDefinition[] = [
  {
    queue: "api-keys.expiry-notices",
    cron: "17 * * * *",
    handler: async () => {
      await notifyExpiringKeys();
      await notifyKeysDueForRotation();
    },
  },
];
