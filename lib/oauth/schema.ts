import { z } from "zod";

// Kept free of server imports: the connect form validates with the same schema.

const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]{1,200}$/;

/** Extra scopes as a list, or as the form's one text field separated by spaces or commas. */
const extraScopes = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : v),
  z
    .array(z.string({ error: "A scope is text." }).regex(SCOPE, "A scope is printable characters without spaces, quotes or backslashes."), {
      error: "Give scopes as a list of strings.",
    })
    .max(50, "At most 50 extra scopes."),
);

/** A path inside Patchbay: a leading single slash, so it can never send the browser to another site. */
const returnPath = z
  .string({ error: "Give a path such as /t/acme/integrations." })
  .max(500, "At most 500 characters.")
  .regex(/^\/(?![/\\])[^\s]*$/, "Give a path inside Patchbay, starting with a single /.");

export const connectSchema = z.strictObject({
  scopes: extraScopes.default([]),
  return_path: returnPath.optional(),
});
export type ConnectInput = z.input<typeof connectSchema>;

export const refreshTokenSchema = z.strictObject({
  force: z.boolean({ error: "Use true or false." }).default(false),
});
export type RefreshTokenInput = z.input<typeof refreshTokenSchema>;
