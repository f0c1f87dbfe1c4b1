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

export const addMemberSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: roleSchema,
  password: passwordSchema,
});
export type AddMemberInput = z.input<typeof addMemberSchema>;

export const changeRoleSchema = z.object({ userId: z.uuid(), role: roleSchema });
export const removeMemberSchema = z.object({ userId: z.uuid() });

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
});
