import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "@/components/docs/api-reference";
import { Card, CardBody } from "@/components/ui";

export const metadata: Metadata = { title: "API reference" };

export default function DocsPage() {
  return (
    <main className="mx-auto grid max-w-5xl gap-6 p-4 sm:p-8">
      <header className="grid gap-2">
        <Link href="/" className="text-sm font-semibold tracking-tight">
          Patchbay
        </Link>
        <h1 className="text-2xl font-semibold">API reference</h1>
        <p className="text-muted-foreground">
          Everything under <code className="font-mono">/api/v1</code>, generated from the same schemas the server validates with. The raw
          OpenAPI 3.1 document is at{" "}
          <a className="text-link underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>
          .
        </p>
      </header>
      <Card>
        <CardBody className="grid gap-2 text-sm">
          <h2 className="text-base font-semibold">Authentication</h2>
          <p>
            Create a key under <strong>Settings → API keys</strong> and send it as{" "}
            <code className="font-mono">Authorization: Bearer pb_live_…</code>. A key acts for its organisation within its scopes; a
            missing, revoked or expired key answers 401, a missing scope or an address outside the key’s allowlist 403. Every answer carries{" "}
            <code className="font-mono">RateLimit-Limit</code>, <code className="font-mono">-Remaining</code> and{" "}
            <code className="font-mono">-Reset</code>; a 429 also carries <code className="font-mono">Retry-After</code>.
          </p>
          <p>
            Or use OAuth 2.0: register an app under <strong>Settings → OAuth apps</strong> and send its access token (
            <code className="font-mono">pbo_at_…</code>) the same way. Apps get tokens with client credentials (for their own organisation)
            or with the authorization code grant and PKCE, where an admin of any organisation consents; metadata is at{" "}
            <a className="text-link underline" href="/.well-known/oauth-authorization-server">
              /.well-known/oauth-authorization-server
            </a>
            .
          </p>
          <p>
            To try a call below, press <strong>Authorize</strong> and either paste your key (<code className="font-mono">apiKey</code>) or
            sign in with an OAuth app (<code className="font-mono">oauth2</code>; for the authorization code flow, register{" "}
            <code className="font-mono">/docs/oauth2-redirect</code> on this server as one of the app’s redirect URIs), then{" "}
            <strong>Try it out</strong>. Credentials stay in this page and are sent only to this server.
          </p>
        </CardBody>
      </Card>
      <ApiReference specUrl="/api/v1/openapi.json" />
    </main>
  );
}
