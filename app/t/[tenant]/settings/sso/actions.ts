"use server";

import { tenantAction } from "@/lib/action";
import { saveOidcConnection, saveSamlConnection } from "@/lib/sso/connection";
import { claimDomain, removeDomain, verifyDomain } from "@/lib/sso/domains";
import { setBreakGlass, setEnforcement } from "@/lib/sso/enforce";

export const saveOidcAction = tenantAction("owner", saveOidcConnection);
export const saveSamlAction = tenantAction("owner", saveSamlConnection);
export const claimDomainAction = tenantAction("owner", claimDomain);
export const verifyDomainAction = tenantAction("owner", verifyDomain);
export const removeDomainAction = tenantAction("owner", removeDomain);
export const setEnforcementAction = tenantAction("owner", setEnforcement);
export const setBreakGlassAction = tenantAction("owner", setBreakGlass);
