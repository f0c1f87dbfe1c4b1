import { RelativeTime } from "@/components/ui";
import type { ConnectionView } from "@/lib/oauth";

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm text-muted-foreground">{term}</dt>
      <dd className="text-sm text-foreground">{children}</dd>
    </div>
  );
}

/** Who is connected, with which scopes, and how the token stands; never the token itself. */
export function ConnectionDetails({ connection }: { connection: ConnectionView }) {
  return (
    <dl className="grid gap-3">
      {connection.account && <Row term="Connected account">{connection.account}</Row>}
      <Row term="Granted scopes">
        {connection.scopes.length ? (
          <ul className="flex flex-wrap gap-1.5 font-mono text-xs">
            {connection.scopes.map((scope) => (
              <li key={scope} className="rounded border border-border px-1.5 py-0.5">
                {scope}
              </li>
            ))}
          </ul>
        ) : (
          "None reported"
        )}
      </Row>
      <Row term="Access token expires">
        <RelativeTime value={connection.expires_at} empty="No expiry given" />
      </Row>
      <Row term="Last refresh">
        <RelativeTime value={connection.last_refreshed_at} empty="Not refreshed yet" />
      </Row>
      <Row term="Connected">
        <RelativeTime value={connection.connected_at} />
      </Row>
      {connection.grant_type === "authorization_code" && (
        <Row term="Refresh token">
          {connection.has_refresh_token ? "Stored (renews access on its own)" : "None: reconnect when access expires"}
        </Row>
      )}
    </dl>
  );
}
