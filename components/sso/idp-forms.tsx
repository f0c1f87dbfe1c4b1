"use client";

import { saveOidcAction, saveSamlAction } from "@/app/t/[tenant]/settings/sso/actions";
import { SelectField } from "@/components/forms/select-field";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert, Button, useToast } from "@/components/ui";
import type { SsoConnectionView } from "@/lib/sso/connection";
import { oidcConfigSchema, samlConfigSchema } from "@/lib/sso/schema";
import { TextareaField } from "./textarea-field";

const DEFAULT_ROLE_OPTIONS = [
  { value: "viewer", label: "Viewer (read only)" },
  { value: "admin", label: "Admin (change integrations and settings)" },
];

export function OidcForm({ tenantSlug, connection }: { tenantSlug: string; connection: SsoConnectionView | null }) {
  const { toast } = useToast();
  const oidc = connection?.oidc;
  const { form, onSubmit, formError } = useActionForm({
    schema: oidcConfigSchema,
    defaultValues: {
      issuer: oidc?.issuer ?? "",
      client_id: oidc?.clientId ?? "",
      client_secret: "",
      scopes: oidc?.scopes.join(" ") ?? "openid email profile",
      email_claim: oidc?.emailClaim ?? "email",
      default_role: connection?.defaultRole === "admin" ? "admin" : "viewer",
    },
    action: (values) => saveOidcAction(tenantSlug, values),
    onSuccess: () => {
      form.resetField("client_secret");
      toast({ tone: "success", title: "OpenID Connect settings saved" });
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <TextField
        form={form}
        name="issuer"
        label="Issuer URL"
        type="url"
        placeholder="https://login.example.com"
        hint="Patchbay reads /.well-known/openid-configuration from it."
      />
      <TextField form={form} name="client_id" label="Client ID" autoComplete="off" />
      <TextField
        form={form}
        name="client_secret"
        label="Client secret"
        type="password"
        autoComplete="new-password"
        hint={
          oidc?.hasClientSecret
            ? `Stored encrypted${oidc.secretHint ? ` (ends ${oidc.secretHint})` : ""}. Leave blank to keep it.`
            : "Stored encrypted."
        }
      />
      <TextField form={form} name="scopes" label="Scopes" hint="Space-separated; must include openid." />
      <TextField form={form} name="email_claim" label="Email claim" hint="The ID token or userinfo claim that holds the user's email." />
      <SelectField form={form} name="default_role" label="Role for new members" options={DEFAULT_ROLE_OPTIONS} />
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Checking the issuer…" : "Save OpenID Connect settings"}
        </Button>
      </div>
    </form>
  );
}

export function SamlForm({ tenantSlug, connection }: { tenantSlug: string; connection: SsoConnectionView | null }) {
  const { toast } = useToast();
  const saml = connection?.saml;
  const { form, onSubmit, formError } = useActionForm({
    schema: samlConfigSchema,
    defaultValues: {
      metadata_url: saml?.metadataUrl ?? "",
      metadata_xml: "",
      entity_id: saml?.entityId ?? "",
      sso_url: saml?.ssoUrl ?? "",
      certificate: saml?.certificate ?? "",
      default_role: connection?.defaultRole === "admin" ? "admin" : "viewer",
    },
    action: (values) => saveSamlAction(tenantSlug, values),
    onSuccess: () => {
      form.resetField("metadata_xml");
      toast({ tone: "success", title: "SAML settings saved" });
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <p className="text-sm text-muted-foreground">
        Give the IdP&apos;s metadata by URL or pasted, or fill in its entity ID, SSO URL and signing certificate.
      </p>
      <TextField form={form} name="metadata_url" label="IdP metadata URL" type="url" />
      <TextareaField form={form} name="metadata_xml" label="IdP metadata XML" rows={4} />
      <TextField form={form} name="entity_id" label="IdP entity ID" />
      <TextField form={form} name="sso_url" label="IdP single sign-on URL" type="url" hint="The HTTP-Redirect binding endpoint." />
      <TextareaField form={form} name="certificate" label="IdP signing certificate" rows={5} />
      <SelectField form={form} name="default_role" label="Role for new members" options={DEFAULT_ROLE_OPTIONS} />
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Saving…" : "Save SAML settings"}
        </Button>
      </div>
    </form>
  );
}
