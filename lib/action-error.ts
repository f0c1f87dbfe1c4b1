import { unstable_rethrow } from "next/navigation";
import { ZodError } from "zod";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { logError } from "@/lib/log";

/** Turns what a service threw into what a form can show; unexpected errors stay on the server. */
export function toActionError(error: unknown): { ok: false; error: string; fieldErrors?: Record<string, string> } {
  unstable_rethrow(error);
  if (error instanceof ZodError) {
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(error.issues) };
  }
  if (error instanceof AppError) return { ok: false, error: error.message, fieldErrors: error.fields };
  logError("server action failed", error);
  return { ok: false, error: "Something went wrong on our side. Try again; if it keeps failing, check the server log." };
}
