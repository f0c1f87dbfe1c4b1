/** Where the IdP sends people back, per tenant: what the admin registers at the IdP. Built on PATCHBAY_PUBLIC_URL when set. */
export function ssoUrls(origin: string, tenantSlug: string) {
  const base = `${origin}/api/sso/${tenantSlug}`;
  return {
    oidcRedirectUri: `${base}/oidc/callback`,
    samlEntityId: `${base}/saml/metadata`,
    samlAcsUrl: `${base}/saml/acs`,
    samlMetadataUrl: `${base}/saml/metadata`,
    complete: `${base}/complete`,
  };
}
