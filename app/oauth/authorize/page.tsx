import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ConsentForm } from "@/components/oauth-server/consent-form";
import { Alert, Card, CardBody } from "@/components/ui";
import { SCOPE_DESCRIPTIONS } from "@/lib/api-keys/scopes";
import { requireUser } from "@/lib/auth/session";
import { checkAuthorizationRequest, consentableTenants } from "@/lib/oauth-server/authorize";
import { issuerFromHeaders } from "@/lib/oauth-server/server";
import { findTenantById } from "@/lib/oauth-server/tenants";

export const metadata: Metadata = { title: "Authorize app" };

function Shell({ children }: { children: React.ReactNode }) {
  return <main className="mx-auto grid min-h-screen max-w-lg content-center gap-4 p-6">{children}</main>;
}

/**
 * GET /oauth/authorize (RFC 6749 §4.1.1): checks the request, signs the visitor in if needed and
 * asks an admin to allow the app in one of their organisations. Nothing is stored until they answer.
 */
export default async function AuthorizePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(raw)) for (const v of [value ?? []].flat()) query.append(name, v);
  const check = await checkAuthorizationRequest(query, issuerFromHeaders(await headers()));
  if (check.kind === "redirect") redirect(check.url);
  if (check.kind === "page") {
    return (
      <Shell>
        <h1 className="text-xl font-semibold">This authorization request cannot continue</h1>
        <Alert tone="danger">{check.message}</Alert>
        <p className="text-sm text-muted-foreground">Tell the app’s developer; nothing was shared.</p>
      </Shell>
    );
  }
  const user = await requireUser();
  const { request } = check;
  const [tenants, owner] = await Promise.all([consentableTenants(user.id), findTenantById(request.client.ownerTenant)]);
  return (
    <Shell>
      <Card>
        <CardBody className="grid gap-4">
          <h1 className="text-xl font-semibold">
            Allow <span data-testid="consent-app">{request.client.name}</span> to use Patchbay?
          </h1>
          <p className="text-sm text-muted-foreground">
            Registered by {owner?.name ?? "another organisation"} · client id <code className="font-mono">{request.client.clientId}</code>.
            Signed in as {user.email}.
          </p>
          <div>
            <h2 className="mb-1 text-sm font-medium">It asks to</h2>
            <ul className="grid gap-1 text-sm" data-testid="consent-scopes">
              {request.scopes.map((s) => (
                <li key={s}>
                  <code className="font-mono">{s}</code> — {SCOPE_DESCRIPTIONS[s]}
                </li>
              ))}
            </ul>
          </div>
          <p className="text-sm text-muted-foreground">
            After you allow it, you will be sent to <code className="break-all font-mono">{request.redirectUri}</code>. You can revoke
            access any time under Settings → OAuth apps.
          </p>
          {tenants.length === 0 ? (
            <Alert tone="warning">Only an admin or owner of an organisation can allow an app; you are neither in any organisation.</Alert>
          ) : (
            <ConsentForm request={query.toString()} tenants={tenants} />
          )}
        </CardBody>
      </Card>
    </Shell>
  );
}
