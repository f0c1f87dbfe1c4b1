import { z } from "zod";
import { SCOPES } from "./scopes";

// No node:net here: the create-key form validates with this schema in the browser too.
function ipFamily(address: string): 4 | 6 | 0 {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(address)) return 4;
  if (!address.includes(":") || /[^0-9a-fA-F:.]/.test(address)) return 0;
  try {
    new URL(`http://[${address}]/`);
    return 6;
  } catch {
    return 0;
  }
}

function isCidr(value: string): boolean {
  const [address, bits, extra] = value.split("/");
  const family = ipFamily(address ?? "");
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/** Comma- or newline-separated CIDRs (a bare address means just that address). */
export const ipAllowlistSchema = z
  .string()
  .max(4000, "At most 4000 characters.")
  .optional()
  .transform((text) => (text ?? "").split(/[\s,]+/).filter(Boolean))
  .refine((list) => list.length <= 50, "At most 50 entries.")
  .superRefine((list, ctx) => {
    const bad = list.filter((entry) => !isCidr(entry));
    if (bad.length > 0) ctx.addIssue({ code: "custom", message: `Not an IP address or CIDR: ${bad.join(", ")}` });
  });

const expiryDateSchema = z
  .union([z.literal(""), z.iso.date("Use a date like 2027-01-31.")])
  .optional()
  .transform((day) => (day ? new Date(`${day}T23:59:59.999Z`) : null))
  .refine((date) => date === null || date.getTime() > Date.now(), "Choose a date in the future.");

const nameSchema = z.string().trim().min(1, "Give the key a name.").max(80, "At most 80 characters.");
const modeSchema = z.enum(["live", "test"], { error: "Choose live or test." });
const notesSchema = z.string().trim().max(2000, "At most 2000 characters.");
const scopesSchema = z.array(z.enum(SCOPES, { error: "Unknown scope." })).min(1, "Choose at least one scope.");
const perMinuteSchema = z.coerce.number().int("Whole numbers only.").min(1, "At least 1.").max(100_000, "At most 100000.");
const perHourSchema = z.coerce.number().int("Whole numbers only.").min(1, "At least 1.").max(10_000_000, "At most 10000000.");
// Empty (the form's blank field) or null means no rotation reminder.
const rotationFrequencySchema = z
  .union([z.literal(""), z.null(), z.coerce.number().int("Whole days only.").min(1, "At least 1 day.").max(3650, "At most 3650 days.")])
  .transform((days) => (days === "" ? null : days));

export const HOURLY_BELOW_MINUTE = "The hourly limit cannot be below the per-minute limit.";

export const createApiKeySchema = z
  .object({
    name: nameSchema,
    // A test key (pb_test_…) sees and changes sandbox integrations only.
    mode: modeSchema.default("live"),
    notes: notesSchema.default(""),
    scopes: scopesSchema,
    expires_on: expiryDateSchema,
    ip_allowlist: ipAllowlistSchema,
    rate_limit_per_minute: perMinuteSchema.default(600),
    rate_limit_per_hour: perHourSchema.default(20_000),
    rotation_frequency_days: rotationFrequencySchema.default(null),
  })
  .refine((v) => v.rate_limit_per_hour >= v.rate_limit_per_minute, { path: ["rate_limit_per_hour"], message: HOURLY_BELOW_MINUTE });
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

/**
 * The edit form and `PATCH /api-keys/{id}`: any subset of the settings. `mode` is accepted only
 * to refuse a change with a field message, since a key's mode is part of the key string itself.
 */
export const updateApiKeySchema = z.object({
  name: nameSchema.optional(),
  mode: modeSchema.optional(),
  notes: notesSchema.optional(),
  scopes: scopesSchema.optional(),
  ip_allowlist: ipAllowlistSchema.optional(),
  rate_limit_per_minute: perMinuteSchema.optional(),
  rate_limit_per_hour: perHourSchema.optional(),
  rotation_frequency_days: rotationFrequencySchema.optional(),
});
export type UpdateApiKeyInput = z.input<typeof updateApiKeySchema>;

export const revokeApiKeySchema = z.object({ id: z.uuid() });

export const rotateApiKeySchema = z.object({
  id: z.uuid(),
  grace_period_hours: z.coerce.number().int("Whole hours only.").min(0, "At least 0.").max(720, "At most 720 hours (30 days).").default(24),
});
export type RotateApiKeyInput = z.input<typeof rotateApiKeySchema>;
