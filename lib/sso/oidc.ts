import * as client from "openid-client";
import { HttpError } from "@/lib/http/http-error";
import { invalid } from "@/lib/errors";
import { idpFetch } from "./idp-fetch";

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string };

export class OidcProblem extends Error {}

/** Discovery (and with it the issuer check openid-client does) through the guarded client. */
export async function discover(settings: OidcSettings): Promise<client.Configuration> {
  const config = await client.discovery(
    new URL(settings.issuer),
    settings.clientId,
    { client_secret: settings.clientSecret },
    client.ClientSecretBasic(settings.clientSecret),
    {
      [client.customFetch]: idpFetch,
      // Plain-http issuers are possible only where lib/http allows plain http (private networks the operator vouched for).
      execute: new URL(settings.issuer).protocol === "http:" ? [client.allowInsecureRequests] : [],
    },
  );
  config[client.customFetch] = idpFetch;
  return config;
}

/** Discovery when an admin saves the issuer: a field message instead of a failed sign-in later. */
export async function checkIssuer(settings: OidcSettings): Promise<void> {
  try {
    const config = await discover(settings);
    const meta = config.serverMetadata();
    if (!meta.authorization_endpoint || !meta.token_endpoint) {
      throw invalid("The issuer's discovery document names no authorization or token endpoint.", {
        issuer: "The discovery document has no authorization or token endpoint.",
      });
    }
  } catch (error) {
    if (error instanceof HttpError) throw invalid(error.message, { issuer: `Discovery failed: ${error.message}` });
    if (error instanceof client.ClientError || error instanceof client.ResponseBodyError || error instanceof TypeError) {
      throw invalid("The issuer's discovery document could not be read.", {
        issuer: `No valid OpenID discovery document at ${settings.issuer.replace(/\/$/, "")}/.well-known/openid-configuration.`,
      });
    }
    throw error;
  }
}

export type OidcChecks = { state: string; nonce: string; codeVerifier: string };

export async function authorizationUrl(
  config: client.Configuration,
  redirectUri: string,
  scopes: string[],
  checks: OidcChecks,
  loginHint: string,
) {
  return client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: scopes.join(" "),
    state: checks.state,
    nonce: checks.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: "S256",
    login_hint: loginHint,
  });
}

export function newChecks(): OidcChecks {
  return { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
}

/**
 * The code exchange: openid-client checks state, the ID token's signature, issuer, audience,
 * expiry and nonce, and PKCE binds the code to this flow. Answers the subject and the email claim.
 */
export async function exchangeCode(
  config: client.Configuration,
  callbackUrl: URL,
  checks: OidcChecks,
  emailClaim: string,
): Promise<{ subject: string; email: string | null }> {
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      pkceCodeVerifier: checks.codeVerifier,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    let email = claims[emailClaim];
    if (typeof email !== "string" && tokens.access_token) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      email = info[emailClaim];
    }
    // An IdP that says the address is unverified is not vouching for who owns it.
    if (emailClaim === "email" && claims.email_verified === false) email = null;
    return { subject: claims.sub, email: typeof email === "string" ? email.trim().toLowerCase() : null };
  } catch (error) {
    if (error instanceof client.AuthorizationResponseError) throw new OidcProblem(`The identity provider refused: ${error.error}`);
    if (error instanceof client.ResponseBodyError) throw new OidcProblem(`The identity provider's token endpoint refused: ${error.error}`);
    if (error instanceof client.ClientError || error instanceof HttpError)
      throw new OidcProblem(`The sign-in response failed a check: ${error.message}`);
    throw error;
  }
}
