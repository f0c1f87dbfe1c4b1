"use client";

import { useEffect, useRef, useState } from "react";
import "swagger-ui-dist/swagger-ui.css";
import "./swagger-overrides.css";

/**
 * Swagger UI from the npm package (its own bundled React, no CDN): renders the OpenAPI
 * document and its "Try it out", with the key the reader pastes into "Authorize".
 */
export function ApiReference({ specUrl }: { specUrl: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    import("swagger-ui-dist/swagger-ui-bundle.js")
      .then((mod) => {
        const SwaggerUIBundle = (mod.default ?? mod) as (options: Record<string, unknown>) => unknown;
        if (!cancelled && container.current) {
          const root = container.current;
          const ui = SwaggerUIBundle({
            url: specUrl,
            // The OAuth2 scheme's "Authorize" (authorization code) comes back here; client credentials needs no redirect.
            oauth2RedirectUrl: `${window.location.origin}/docs/oauth2-redirect`,
            domNode: root,
            // Deep links put a link inside each operation's toggle button, which screen readers cannot reach.
            deepLinking: false,
            persistAuthorization: false,
            onComplete: () => root.querySelector("#servers")?.setAttribute("aria-label", "Server"),
          }) as { initOAuth: (options: Record<string, unknown>) => void };
          // Patchbay requires PKCE for the authorization code grant.
          ui.initOAuth({ usePkceWithAuthorizationCodeGrant: true });
        }
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [specUrl]);
  if (failed) return <p role="alert">The interactive reference could not load. The raw document is at {specUrl}.</p>;
  return <div ref={container} className="swagger-host rounded-lg bg-white text-slate-900" />;
}
