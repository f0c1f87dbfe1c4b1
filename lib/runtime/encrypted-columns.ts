import { ALERT_ENCRYPTED_COLUMNS } from "@/db/schema/alerts";
import { IMPORT_ENCRYPTED_COLUMNS } from "@/db/schema/imports";
import { INTEGRATION_ENCRYPTED_COLUMNS } from "@/db/schema/integrations";
import { OAUTH_ENCRYPTED_COLUMNS } from "@/db/schema/oauth";
import { SSO_ENCRYPTED_COLUMNS } from "@/db/schema/sso";
import { WEBHOOK_ENCRYPTED_COLUMNS } from "@/db/schema/webhooks";
import type { EncryptedColumn } from "@/lib/crypto/encrypted-column";

/** Every column holding values from encryptSecret, as each feature declares them beside its table: what `patchbay keys rotate` re-encrypts. */
export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  ...INTEGRATION_ENCRYPTED_COLUMNS,
  ...OAUTH_ENCRYPTED_COLUMNS,
  ...WEBHOOK_ENCRYPTED_COLUMNS,
  ...SSO_ENCRYPTED_COLUMNS,
  ...ALERT_ENCRYPTED_COLUMNS,
  ...IMPORT_ENCRYPTED_COLUMNS,
];
