import type { IncomingMessage } from "node:http";

/**
 * How each catalog provider's public documentation says a credentials check is made and
 * answered: written from the doc page named, not from the catalog entry, so an entry whose test
 * path or auth placement drifts from the provider's API fails the conformance test.
 *
 * `reread` says whether the page was read again when this table was last changed; the others
 * were written from the documentation as known to the engineer.
 */
export type DocumentedCheck =
  | {
      doc: string;
      reread: boolean;
      /** The credentials as the entry's labels ask the admin for them. */
      auth:
        | { type: "api_key"; api_key: string }
        | { type: "bearer"; token: string }
        | { type: "basic"; username: string; password: string }
        | { type: "oauth2" };
      /** Values the integration's paths need (QuickBooks' company id comes from the OAuth callback). */
      pathParams?: Record<string, string>;
      /** Documented paths (no query) that need credentials, and those that answer anyone. */
      authenticated: string[];
      public?: string[];
      /** Whether the request carries the credentials the way the documentation says. */
      accepts: (req: IncomingMessage, url: URL, secret: string) => boolean;
      /** Anything else the documentation requires of every request. */
      requires?: (req: IncomingMessage) => string | null;
      okBody: unknown;
      /** The documented answer to bad credentials. */
      rejected: { status: number; body: unknown };
    }
  | { doc: string; reread: boolean; none: string };

export const OAUTH_TOKEN = "ya29.peer-access-token-7f3a";

const header = (req: IncomingMessage, name: string) => req.headers[name.toLowerCase()] as string | undefined;
const bearer = (req: IncomingMessage, token: string) => header(req, "authorization") === `Bearer ${token}`;
const basic = (req: IncomingMessage, username: string, password: string) =>
  header(req, "authorization") === `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
const jsonAccept = (req: IncomingMessage) =>
  /application\/json/.test(header(req, "accept") ?? "") ? null : "Accept: application/json is required (XML otherwise)";

export const DOCUMENTED_CHECKS: Record<string, DocumentedCheck> = {
  stripe: {
    doc: "https://docs.stripe.com/api/authentication, https://docs.stripe.com/api/balance/balance_retrieve",
    reread: false,
    auth: { type: "api_key", api_key: "sk_test_51Peer4242" },
    authenticated: ["/v1/balance"],
    accepts: (req, _url, key) => bearer(req, key),
    okBody: { object: "balance", available: [{ amount: 0, currency: "usd" }], livemode: false },
    rejected: { status: 401, body: { error: { message: "Invalid API Key provided: sk_test_****4242", type: "invalid_request_error" } } },
  },
  razorpay: {
    doc: "https://razorpay.com/docs/api/authentication/, https://razorpay.com/docs/api/payments/fetch-all-payments/",
    reread: false,
    auth: { type: "basic", username: "rzp_test_PeerKeyId", password: "peer-key-secret" },
    authenticated: ["/v1/payments"],
    accepts: (req) => basic(req, "rzp_test_PeerKeyId", "peer-key-secret"),
    okBody: { entity: "collection", count: 0, items: [] },
    rejected: { status: 401, body: { error: { code: "BAD_REQUEST_ERROR", description: "The api key provided is invalid" } } },
  },
  paypal: {
    doc: "https://developer.paypal.com/docs/api/identity/v1/#userinfo_get",
    reread: false,
    auth: { type: "oauth2" },
    authenticated: ["/v1/identity/oauth2/userinfo"],
    accepts: (req) => bearer(req, OAUTH_TOKEN),
    okBody: { user_id: "https://www.paypal.com/webapps/auth/identity/user/peer", name: "Peer" },
    rejected: { status: 401, body: { error: "invalid_token", error_description: "Token signature verification failed" } },
  },
  square: {
    doc: "https://developer.squareup.com/reference/square/locations-api/list-locations",
    reread: false,
    auth: { type: "bearer", token: "EAAAl-peer-square-token" },
    authenticated: ["/v2/locations"],
    accepts: (req, _url, token) => bearer(req, token),
    okBody: { locations: [{ id: "L1", name: "Main" }] },
    rejected: {
      status: 401,
      body: { errors: [{ category: "AUTHENTICATION_ERROR", code: "UNAUTHORIZED", detail: "This request could not be authorized." }] },
    },
  },
  twilio: {
    doc: "https://www.twilio.com/docs/usage/requests-to-twilio, https://www.twilio.com/docs/iam/api/account#read-multiple-account-resources",
    reread: false,
    auth: { type: "basic", username: "AC00000000000000000000000000000001", password: "peer-auth-token" },
    authenticated: ["/2010-04-01/Accounts.json"],
    accepts: (req) => basic(req, "AC00000000000000000000000000000001", "peer-auth-token"),
    okBody: { accounts: [{ sid: "AC00000000000000000000000000000001", status: "active" }] },
    rejected: {
      status: 401,
      body: { code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 },
    },
  },
  vonage: {
    doc: "https://developer.vonage.com/en/getting-started/concepts/authentication#basic-authentication, https://developer.vonage.com/en/api/application.v2",
    reread: false,
    auth: { type: "basic", username: "peerkey1", password: "PeerSecret99" },
    authenticated: ["/v2/applications"],
    accepts: (req) => basic(req, "peerkey1", "PeerSecret99"),
    okBody: { page_size: 1, _embedded: { applications: [] } },
    rejected: { status: 401, body: { type: "https://developer.nexmo.com/api-errors#unauthorized", title: "Invalid credentials supplied" } },
  },
  messagebird: {
    doc: "https://developers.messagebird.com/api/#authentication, https://developers.messagebird.com/api/balance/",
    reread: false,
    auth: { type: "api_key", api_key: "test_PeerAccessKey" },
    authenticated: ["/balance"],
    accepts: (req, _url, key) => header(req, "authorization") === `AccessKey ${key}`,
    okBody: { payment: "prepaid", type: "credits", amount: 10 },
    rejected: {
      status: 401,
      body: { errors: [{ code: 2, description: "Request not allowed (incorrect access_key)", parameter: "access_key" }] },
    },
  },
  sendgrid: {
    doc: "https://www.twilio.com/docs/sendgrid/for-developers/sending-email/authentication, https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access",
    reread: false,
    auth: { type: "api_key", api_key: "SG.peer.key" },
    authenticated: ["/v3/scopes"],
    accepts: (req, _url, key) => bearer(req, key),
    okBody: { scopes: ["mail.send"] },
    rejected: { status: 401, body: { errors: [{ field: null, message: "authorization required" }] } },
  },
  mailgun: {
    doc: "https://documentation.mailgun.com/docs/mailgun/api-reference/authentication",
    reread: false,
    auth: { type: "basic", username: "api", password: "key-peer-mailgun" },
    authenticated: ["/v3/domains"],
    accepts: (req) => basic(req, "api", "key-peer-mailgun"),
    okBody: { total_count: 0, items: [] },
    rejected: { status: 401, body: "Forbidden" },
  },
  postmark: {
    doc: "https://postmarkapp.com/developer/api/overview#authentication, https://postmarkapp.com/developer/api/server-api",
    reread: false,
    auth: { type: "api_key", api_key: "peer-postmark-server-token" },
    authenticated: ["/server"],
    accepts: (req, _url, key) => header(req, "x-postmark-server-token") === key,
    requires: jsonAccept,
    okBody: { ID: 1, Name: "Peer" },
    rejected: {
      status: 401,
      body: { ErrorCode: 10, Message: "The Server Token you provided in the X-Postmark-Server-Token request header was invalid." },
    },
  },
  amazon_ses: {
    doc: "https://docs.aws.amazon.com/ses/latest/APIReference-V2/CommonParameters.html",
    reread: false,
    none: "SES signs every request with AWS Signature Version 4, which Patchbay does not implement: the entry has no test endpoint and says so.",
  },
  quickbooks: {
    doc: "https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/companyinfo, https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0",
    reread: false,
    auth: { type: "oauth2" },
    pathParams: { realmId: "9130357766900001" },
    authenticated: ["/v3/company/9130357766900001/companyinfo/9130357766900001"],
    accepts: (req) => bearer(req, OAUTH_TOKEN),
    requires: jsonAccept,
    okBody: { CompanyInfo: { CompanyName: "Peer Co", Id: "1" }, time: "2026-12-02T00:00:00Z" },
    rejected: {
      status: 401,
      body: {
        fault: {
          error: [{ message: "message=AuthenticationFailed; errorCode=003200; statusCode=401", code: "3200" }],
          type: "AUTHENTICATION",
        },
      },
    },
  },
  xero: {
    doc: "https://developer.xero.com/documentation/guides/oauth2/auth-flow/#5-check-the-tenants-youre-authorized-to-access",
    reread: false,
    auth: { type: "oauth2" },
    authenticated: ["/connections"],
    accepts: (req) => bearer(req, OAUTH_TOKEN),
    okBody: [{ id: "c1", tenantId: "t1", tenantType: "ORGANISATION", tenantName: "Peer Ltd" }],
    rejected: {
      status: 401,
      body: { Type: null, Title: "Unauthorized", Status: 401, Detail: "TokenInvalid: The access token is invalid" },
    },
  },
  sage: {
    doc: "https://developer.sage.com/accounting/guides/authenticating/authentication",
    reread: true,
    auth: { type: "oauth2" },
    authenticated: ["/v3.1/user"],
    accepts: (req) => bearer(req, OAUTH_TOKEN),
    okBody: { id: "u1", first_name: "Peer", email: "peer@example.com" },
    rejected: { status: 401, body: [{ $severity: "error", $dataCode: "AuthenticationError", $message: "Invalid access token" }] },
  },
  salesforce: {
    doc: "https://developer.salesforce.com/docs/platform/api-rest/guide/resources-versions.md (Versions: authentication none), https://developer.salesforce.com/docs/platform/api-rest/guide/resources_limits.htm",
    reread: true,
    auth: { type: "oauth2" },
    authenticated: ["/services/data/v62.0/limits"],
    public: ["/services/data", "/services/data/"],
    accepts: (req) => bearer(req, OAUTH_TOKEN),
    okBody: { DailyApiRequests: { Max: 15000, Remaining: 14998 } },
    rejected: { status: 401, body: [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }] },
  },
  hubspot: {
    doc: "https://developers.hubspot.com/docs/api/private-apps, https://developers.hubspot.com/docs/api/crm/contacts",
    reread: false,
    auth: { type: "bearer", token: "pat-na1-peer-token" },
    authenticated: ["/crm/v3/objects/contacts"],
    accepts: (req, _url, token) => bearer(req, token),
    okBody: { results: [] },
    rejected: {
      status: 401,
      body: { status: "error", message: "Authentication credentials not found.", category: "INVALID_AUTHENTICATION" },
    },
  },
  pipedrive: {
    doc: "https://pipedrive.readme.io/docs/how-to-find-the-api-token, https://developers.pipedrive.com/docs/api/v1/Users#getCurrentUser",
    reread: false,
    auth: { type: "api_key", api_key: "peer-pipedrive-token" },
    authenticated: ["/v1/users/me"],
    accepts: (_req, url, key) => url.searchParams.get("api_token") === key,
    okBody: { success: true, data: { id: 1, name: "Peer" } },
    rejected: { status: 401, body: { success: false, error: "unauthorized access", errorCode: 401 } },
  },
  google_calendar: {
    doc: "https://developers.google.com/calendar/api/v3/reference/calendarList/list",
    reread: false,
    auth: { type: "oauth2" },
    authenticated: ["/calendar/v3/users/me/calendarList"],
    accepts: (req) => bearer(req, OAUTH_TOKEN),
    okBody: { kind: "calendar#calendarList", items: [{ id: "primary" }] },
    rejected: {
      status: 401,
      body: { error: { code: 401, message: "Request had invalid authentication credentials.", status: "UNAUTHENTICATED" } },
    },
  },
  microsoft_365: {
    doc: "https://learn.microsoft.com/en-us/graph/api/user-get",
    reread: false,
    auth: { type: "oauth2" },
    authenticated: ["/v1.0/me"],
    accepts: (req) => bearer(req, OAUTH_TOKEN),
    okBody: { id: "u1", displayName: "Peer", mail: "peer@example.com" },
    rejected: { status: 401, body: { error: { code: "InvalidAuthenticationToken", message: "Access token validation failure." } } },
  },
  slack: {
    doc: "https://docs.slack.dev/reference/methods/auth.test (an error is HTTP 200 with ok: false)",
    reread: true,
    auth: { type: "bearer", token: "xoxb-peer-bot-token" },
    authenticated: ["/api/auth.test"],
    accepts: (req, _url, token) => bearer(req, token),
    okBody: { ok: true, url: "https://peer.slack.com/", team: "Peer", user: "bot", team_id: "T1", user_id: "U1" },
    rejected: { status: 200, body: { ok: false, error: "invalid_auth" } },
  },
  github: {
    doc: "https://docs.github.com/en/rest/users/users#get-the-authenticated-user, https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent",
    reread: false,
    auth: { type: "bearer", token: "github_pat_peer" },
    authenticated: ["/user"],
    accepts: (req, _url, token) => bearer(req, token),
    requires: (req) => (header(req, "user-agent") ? null : "a User-Agent header is required"),
    okBody: { login: "peer", id: 1 },
    rejected: { status: 401, body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" } },
  },
  shopify: {
    doc: "https://shopify.dev/docs/api/admin-rest#authentication, https://shopify.dev/docs/api/admin-rest/latest/resources/shop",
    reread: false,
    auth: { type: "api_key", api_key: "shpat_peer" },
    authenticated: ["/admin/api/2025-01/shop.json"],
    accepts: (req, _url, key) => header(req, "x-shopify-access-token") === key,
    okBody: { shop: { id: 1, name: "Peer shop" } },
    rejected: { status: 401, body: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" } },
  },
  zendesk: {
    doc: "https://developer.zendesk.com/api-reference/introduction/security-and-auth/, https://developer.zendesk.com/api-reference/ticketing/users/users/#show-self",
    reread: false,
    auth: { type: "basic", username: "ops@peer.example/token", password: "peer-zendesk-token" },
    authenticated: ["/api/v2/users/me.json"],
    accepts: (req) => basic(req, "ops@peer.example/token", "peer-zendesk-token"),
    okBody: { user: { id: 1, email: "ops@peer.example" } },
    rejected: { status: 401, body: { error: "Couldn't authenticate you" } },
  },
  freshdesk: {
    doc: "https://developers.freshdesk.com/api/#authentication, https://developers.freshdesk.com/api/#me",
    reread: false,
    auth: { type: "basic", username: "peerFreshdeskKey", password: "X" },
    authenticated: ["/api/v2/agents/me"],
    accepts: (req) => basic(req, "peerFreshdeskKey", "X"),
    okBody: { id: 1, contact: { email: "agent@peer.example" } },
    rejected: { status: 401, body: { code: "invalid_credentials", message: "You have to be logged in to perform this action." } },
  },
  custom_rest: {
    doc: "(none: the admin describes the API)",
    reread: true,
    none: "The admin gives the status endpoint; there is none by default.",
  },
  custom_oauth2: {
    doc: "(none: the admin describes the API)",
    reread: true,
    none: "The admin gives the status endpoint; there is none by default.",
  },
};
