export { ensureAccessToken, getAccessToken, REFRESH_COOL_DOWN_MS } from "./access-token";
export {
  CALLBACK_PATH,
  callbackRedirect,
  completeAuthorization,
  integrationOAuthPath,
  redirectUriFor,
  startConnect,
  type CallbackOutcome,
  type ConnectResult,
} from "./connect";
export { disconnect, getOAuthConnection, refreshDueTokens, refreshToken, type DisconnectResult, type OAuthOverview } from "./manage";
export { connectSchema, refreshTokenSchema, type ConnectInput, type RefreshTokenInput } from "./schema";
export type { ConnectionView, RefreshEventView } from "./view";
