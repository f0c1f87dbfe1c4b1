import type { JobDefinition } from "@/lib/jobs/definition";
import { refreshDueTokens } from "./manage";
import { pruneStates } from "./state";

export const OAUTH_JOBS: JobDefinition[] = [
  {
    queue: "oauth.refresh-tokens",
    cron: "* * * * *",
    handler: async () => {
      await refreshDueTokens();
      await pruneStates();
    },
  },
];
