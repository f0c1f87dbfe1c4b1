import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { toActionError } from "./action-error";
import { AppError } from "./errors";

describe("server action errors", () => {
  it("turns a schema failure into messages on the fields", () => {
    const error = z.object({ email: z.email("Enter a valid email address.") }).safeParse({ email: "nope" }).error;
    expect(toActionError(error)).toEqual({
      ok: false,
      error: "Check the highlighted fields.",
      fieldErrors: { email: "Enter a valid email address." },
    });
  });

  it("passes a service's own refusal through with its fields", () => {
    expect(toActionError(new AppError("conflict", "Already a member.", { email: "Taken" }))).toEqual({
      ok: false,
      error: "Already a member.",
      fieldErrors: { email: "Taken" },
    });
  });

  it("keeps unexpected errors on the server and gives a generic message", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = toActionError(new Error("connection to 10.0.0.5 refused: password=hunter2"));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(log).toHaveBeenCalledOnce();
  });
});
