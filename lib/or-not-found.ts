import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** A page for a missing (or another tenant's) record answers Next.js's 404, like the API does. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
