import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { STATE_TONE } from "@/components/api-keys/api-keys-table";
import { EditApiKeyForm } from "@/components/api-keys/edit-api-key-form";
import { UsageBars } from "@/components/api-keys/usage-bars";
import { Alert, Badge, Card, CardBody, CardHeader, RelativeTime } from "@/components/ui";
import { getApiKeyWithUsage, keyLabel } from "@/lib/api-keys";
import { requireTenantContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { hasRole } from "@/lib/tenancy";

export const metadata: Metadata = { title: "API key" };

export default async function ApiKeyPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const ctx = await requireTenantContext(tenant);
  const key = await getApiKeyWithUsage(ctx, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const editable = hasRole(ctx, "owner") && key.state !== "revoked" && key.state !== "expired";
  const requests = key.usage.reduce((sum, u) => sum + u.requests, 0);
  const limited = key.usage.reduce((sum, u) => sum + u.rateLimited, 0);
  const facts: [string, React.ReactNode][] = [
    [
      "Key",
      <code key="prefix" className="font-mono text-xs">
        {key.prefix}…
      </code>,
    ],
    ["Mode", key.mode === "test" ? "Test (sandbox integrations only)" : "Live"],
    ["Created", <RelativeTime key="created" value={key.createdAt} />],
    ["Last used", <RelativeTime key="used" value={key.lastUsedAt} />],
    ["Last used from", key.lastUsedIp ?? "—"],
    ["Expires", <RelativeTime key="expires" value={key.expiresAt} empty="Never" />],
    ["Requests in all", key.totalRequests.toLocaleString("en")],
  ];
  return (
    <div className="grid gap-6">
      <Link href={`/t/${tenant}/settings/api-keys`} className="text-sm text-link underline-offset-4 hover:underline">
        ← All API keys
      </Link>
      <Card>
        <CardHeader
          title={keyLabel(key)}
          description={key.notes || undefined}
          action={<Badge tone={STATE_TONE[key.state]}>{key.state.replace("_", " ")}</Badge>}
        />
        <CardBody className="grid gap-4">
          {key.rotationDue && (
            <Alert tone="warning">This key is older than its rotation period of {key.rotationFrequencyDays} days: rotate it.</Alert>
          )}
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            {facts.map(([term, value]) => (
              <div key={term} className="contents">
                <dt className="text-muted-foreground">{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Usage"
          description={`${requests.toLocaleString("en")} requests in the last 7 days, ${limited.toLocaleString("en")} refused by the rate limit (429), per hour.`}
        />
        <CardBody>
          <div tabIndex={0} className="overflow-x-auto">
            <UsageBars usage={key.usage} height={96} />
          </div>
        </CardBody>
      </Card>
      {editable && (
        <Card>
          <CardHeader title="Settings" description="Changes apply to the very next call made with this key." />
          <CardBody>
            <EditApiKeyForm
              tenantSlug={tenant}
              apiKey={{
                id: key.id,
                name: key.name,
                notes: key.notes,
                scopes: key.scopes,
                ipAllowlist: key.ipAllowlist,
                rateLimitPerMinute: key.rateLimitPerMinute,
                rateLimitPerHour: key.rateLimitPerHour,
                rotationFrequencyDays: key.rotationFrequencyDays,
              }}
            />
          </CardBody>
        </Card>
      )}
    </div>
  );
}
