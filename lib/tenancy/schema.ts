import { z } from "zod";
import { ROLES } from "./roles";

export const PASSWORD_RULE = "At least 12 characters, with at least one letter and one digit.";

export const passwordSchema = z
  .string()
  .min(12, PASSWORD_RULE)
  .max(200, "At most 200 characters.")
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), PASSWORD_RULE);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "At most 254 characters.")
  .pipe(z.email("Enter a valid email address."));

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/,
    "2–40 characters: lowercase letters, digits and hyphens, starting and ending with a letter or digit.",
  );

export const personNameSchema = z.string().trim().min(1, "Enter a name.").max(120, "At most 120 characters.");

export const roleSchema = z.enum(ROLES, { error: "Choose owner, admin or viewer." });

export const setupSchema = z.object({
  tenantName: z.string().trim().min(2, "At least 2 characters.").max(80, "At most 80 characters."),
  tenantSlug: slugSchema,
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SetupInput = z.input<typeof setupSchema>;

export const inviteMemberSchema = z.object({ email: emailSchema, role: roleSchema });
export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

export const revokeInvitationSchema = z.object({ invitationId: z.uuid() });

/** What an invitee who has no account yet chooses on the invitation page. */
export const acceptInvitationSchema = z.object({ name: personNameSchema, password: passwordSchema });
export type AcceptInvitationInput = z.input<typeof acceptInvitationSchema>;

export const issuePasswordResetSchema = z.object({ userId: z.uuid() });

export const completePasswordResetSchema = z.object({ password: passwordSchema });
export type CompletePasswordResetInput = z.input<typeof completePasswordResetSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(200),
    newPassword: passwordSchema,
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/** Invitation and reset links carry a random token: 32 bytes, base64url. */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const changeRoleSchema = z.object({ userId: z.uuid(), role: roleSchema });
export const removeMemberSchema = z.object({ userId: z.uuid() });

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
});
