import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { loadSecrets } from "@/lib/crypto/secret-files";
import { clientIp } from "@/lib/http/client-ip";
import { recordAudit } from "@/lib/audit";
import { logError } from "@/lib/log";
import { consumeSsoTicket } from "@/lib/sso/flow";
import { verifySignIn } from "./sign-in";

export class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
}

export class SsoRequired extends CredentialsSignin {
  code = "sso_required";
}

declare module "next-auth" {
  interface Session {
    /** Milliseconds since the epoch when this session signed in; 0 for sessions from before it was recorded. */
    authAt: number;
  }
}

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

// A function, so the secret is read when the server runs, never while `next build` runs.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: loadSecrets().authSecret,
  // Self-hosted behind whatever host name the operator picks; Auth.js checks nothing else.
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  logger: {
    // A wrong password is an audit event, not a server error with a stack trace.
    error(error: Error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      logError("auth error", error);
    },
    warn() {},
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: async (credentials, request) => {
        const result = await verifySignIn(credentials, clientIp(request.headers));
        if (result.ok) return result.user;
        if (result.reason === "rate_limited") throw new SignInRateLimited();
        if (result.reason === "sso_required") throw new SsoRequired();
        return null;
      },
    }),
    // The end of an SSO flow: the IdP's answer was checked by the callback route; the browser that
    // started the flow presents its binding cookie, once, and gets the same session as a password.
    Credentials({
      id: "sso",
      name: "Single sign-on",
      credentials: { tenant: {}, ticket: {} },
      authorize: (credentials) => consumeSsoTicket(credentials.tenant, credentials.ticket),
    }),
  ],
  events: {
    async signOut(message) {
      const userId = "token" in message ? message.token?.sub : undefined;
      if (userId)
        await recordAudit({ actor: { type: "user", id: userId }, action: "auth.signed_out", target: { type: "user", id: userId } });
    },
  },
  callbacks: {
    jwt({ token, user }) {
      // `user` is there only at sign-in: when this session began, checked against a later password change.
      if (user?.id) {
        token.sub = user.id;
        token.authAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.authAt = typeof token.authAt === "number" ? token.authAt : 0;
      return session;
    },
  },
}));
