import { CopyButton } from "@/components/ui";

/** The redirect URI to register at the provider before connecting: shown where an admin sets OAuth up. */
export function RedirectUri({ uri }: { uri: string }) {
  return (
    <div className="grid gap-1.5">
      <p className="text-sm font-medium" id="redirect-uri-label">
        Redirect URI
      </p>
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <code
          aria-labelledby="redirect-uri-label"
          data-testid="redirect-uri"
          className="min-w-0 rounded bg-surface-muted px-2 py-1 font-mono text-sm break-all"
        >
          {uri}
        </code>
        <CopyButton value={uri} label="Copy redirect URI" />
      </div>
      <p className="text-sm text-muted-foreground">
        Register it at the provider (in the OAuth app or client settings) before connecting: the provider sends the browser back here.
      </p>
    </div>
  );
}
