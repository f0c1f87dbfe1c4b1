/** The e2e DNS server for SSO domain verification listens on the app's port plus this. */
export const SSO_DNS_PORT_OFFSET = 2000;
