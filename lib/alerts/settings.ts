import { eq } from "drizzle-orm";
import { alertSettings } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/data";
import { DEFAULT_SETTINGS, type AlertSettingsValues } from "./queue";
import { alertSettingsSchema } from "./schema";

function settingsView(s: AlertSettingsValues) {
  return {
    repeat_interval_minutes: s.repeatIntervalMinutes,
    quiet_hours_start: s.quietHoursStart,
    quiet_hours_end: s.quietHoursEnd,
    timezone: s.timezone,
    audit_retention_days: s.auditRetentionDays,
  };
}
export type AlertSettingsView = ReturnType<typeof settingsView>;

export async function getAlertSettings(ctx: TenantContext): Promise<AlertSettingsView> {
  requireRole(ctx, "viewer");
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.select().from(alertSettings).where(eq(alertSettings.tenantId, ctx.tenant.id));
    return settingsView(row ?? DEFAULT_SETTINGS);
  });
}

/** Quiet hours, the repeat interval and audit retention; owners only for retention, which decides what evidence is kept. */
export async function updateAlertSettings(ctx: TenantContext, raw: unknown): Promise<AlertSettingsView> {
  requireRole(ctx, "admin");
  const input = alertSettingsSchema.parse(raw);
  if (input.audit_retention_days !== undefined) requireRole(ctx, "owner");
  const changes = {
    ...(input.repeat_interval_minutes !== undefined ? { repeatIntervalMinutes: input.repeat_interval_minutes } : {}),
    ...(input.quiet_hours_start !== undefined ? { quietHoursStart: input.quiet_hours_start, quietHoursEnd: input.quiet_hours_end } : {}),
    ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
    ...(input.audit_retention_days !== undefined ? { auditRetentionDays: input.audit_retention_days } : {}),
  };
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .insert(alertSettings)
      .values({ ...DEFAULT_SETTINGS, ...changes, tenantId: ctx.tenant.id })
      .onConflictDoUpdate({ target: alertSettings.tenantId, set: { ...changes, updatedAt: new Date() } })
      .returning();
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "alert_settings.updated",
        target: { type: "tenant", id: ctx.tenant.id },
        details: input,
      },
      tx,
    );
    return settingsView(row!);
  });
}
