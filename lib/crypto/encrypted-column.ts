/** Raw SQL identifiers: they are spliced into query text, so they are checked before use. */
export type EncryptedColumn = { table: string; idColumn: string; tenantColumn: string; column: string; field: string };

/**
 * A column holding values from encryptSecret, keyed by its row id column and `tenant_id`. Each
 * feature declares its columns beside its table (db/schema/) and the list in
 * lib/runtime/encrypted-columns.ts collects them, or `patchbay keys rotate` leaves a column under
 * the old key and the operator loses it when they drop that key.
 */
export function encryptedColumn(table: string, column: string, idColumn = "id"): EncryptedColumn {
  return { table, idColumn, tenantColumn: "tenant_id", column, field: column };
}
