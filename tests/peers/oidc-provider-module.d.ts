// oidc-provider ships no types; this declares the part the test peer uses.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type ClientMetadata = Record<string, unknown> & { client_id: string };

  type KoaContext = { method: string; path: string; status: number; body: unknown; req: IncomingMessage };

  export type Configuration = {
    clients?: ClientMetadata[];
    cookies?: { keys: string[] };
    findAccount?: (ctx: unknown, sub: string) => Promise<{ accountId: string; claims: () => Promise<Record<string, unknown>> }>;
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    features?: Record<string, { enabled: boolean }>;
    pkce?: { required: () => boolean };
    issueRefreshToken?: (ctx: unknown, client: { grantTypeAllowed(grant: string): boolean }) => Promise<boolean>;
    expiresWithSession?: () => Promise<boolean>;
    rotateRefreshToken?: boolean;
    ttl?: Record<string, number>;
  };

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    proxy: boolean;
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
