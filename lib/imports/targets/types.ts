import type { ImportCounts } from "@/db/schema";
import type { EntityField } from "@/lib/mapping";
import type { Db } from "@/db/client";
import type { TenantContext } from "@/lib/tenancy/context";

/** A field an import fills, as the rules engine sees it, plus what a template and an error report need. */
export type TargetField = EntityField & {
  /** A credential: encrypted on the way in, never stored, reported or logged as read. */
  secret?: boolean;
  example: string;
};

export type PlanAction = "create" | "update" | "unchanged" | "conflict";

/** What writing one mapped row would do, and to which existing row. */
export type Plan = { action: PlanAction; existingId?: string; changes?: string[]; reason?: string };

export type RowError = { column: string | null; value: string | null; message: string };

/** A mapped, valid row ready for its target. */
export type MappedRow = { row: number; data: Record<string, unknown> };

export type WriteOutcome = { ok: true; action: Exclude<PlanAction, "conflict"> } | { ok: false; errors: RowError[] };

/**
 * What an import can write into. A target owns its fields (the template and the mapping are built
 * on them), the key that matches a row to an existing one, checks beyond the rules engine's, the
 * dry run's plan and the write itself.
 */
export interface ImportTarget {
  key: string;
  label: string;
  fields: TargetField[];
  /** The field that identifies a row; two rows of a file with the same key conflict. */
  keyField: string;
  /** Checks the rules engine cannot make (a provider's auth types, a URL's policy), as field errors. */
  check(data: Record<string, unknown>): RowError[];
  /** The dry run for a batch: one plan per row, in order. Reads only. */
  plan(ctx: TenantContext, rows: MappedRow[], tx: Db): Promise<Plan[]>;
  /** Writes one row inside the batch's transaction (a failure rolls back that row only). */
  write(ctx: TenantContext, row: MappedRow, plan: Plan, tx: Db): Promise<WriteOutcome>;
  /**
   * Writes a batch's rows in one go instead of row by row (set-based targets); one outcome per row,
   * each naming what the write did as `plan` would have, so the batch is not read before it is written.
   */
  writeMany?(ctx: TenantContext, rows: MappedRow[], tx: Db, runId: string | null): Promise<WriteOutcome[]>;
  /** The target's own record of the run (an entity import's sync run), kept in step batch by batch. */
  run?: RunHooks;
}

export type RunHooks = {
  open(ctx: TenantContext, tx: Db, importId: string): Promise<string>;
  progress(ctx: TenantContext, tx: Db, runId: string, counts: ImportCounts, failures: { row: number; errors: RowError[] }[]): Promise<void>;
  close(ctx: TenantContext, tx: Db, runId: string, end: { status: "completed" | "partial" | "failed"; reason?: string }): Promise<void>;
};
