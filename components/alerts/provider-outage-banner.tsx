import Link from "next/link";
import { Alert } from "@/components/ui";
import type { ProviderOutage } from "@/lib/alerts/incidents";

/** "Stripe looks down, not your credentials", naming only this workspace's integrations it affects. */
export function ProviderOutageBanner({
  tenantSlug,
  outages,
  listIntegrations = true,
}: {
  tenantSlug: string;
  outages: ProviderOutage[];
  listIntegrations?: boolean;
}) {
  return (
    <>
      {outages.map((o) => (
        <Alert key={o.id} tone="warning" title={`${o.provider_name} looks down, not your credentials`}>
          <p>
            Integrations of several workspaces time out or get server errors from {o.provider_name} at once. Nothing to change on your side;
            Patchbay keeps checking and tells you when it recovers.
          </p>
          {listIntegrations && (
            <p className="mt-1">
              Affected here:{" "}
              {o.integrations.map((i, n) => (
                <span key={i.id}>
                  {n > 0 && ", "}
                  <Link href={`/t/${tenantSlug}/integrations/${i.id}`} className="underline underline-offset-2">
                    {i.name}
                  </Link>
                </span>
              ))}
            </p>
          )}
        </Alert>
      ))}
    </>
  );
}
