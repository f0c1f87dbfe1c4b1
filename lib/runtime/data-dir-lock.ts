import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * PGlite admits one process per data folder; a second one would corrupt it. Every process
 * that opens the embedded database takes this lock first and says who holds it when it can't.
 */
export class DataDirBusyError extends Error {}

type LockInfo = { pid: number; owner: string; startedAt: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireDataDirLock(
  owner: string,
  { databaseUrl, dataDir }: { databaseUrl: string | null; dataDir: string } = env(),
): () => void {
  if (databaseUrl || dataDir === "memory://") return () => {};
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "patchbay.lock");
  const mine: LockInfo = { pid: process.pid, owner, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: "wx" });
      const release = () => {
        try {
          const held = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
          if (held.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let held: LockInfo | null = null;
      try {
        held = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
      } catch {
        held = null;
      }
      if (held && held.pid !== process.pid && isAlive(held.pid)) {
        throw new DataDirBusyError(
          `The embedded database in ${dataDir} is in use by ${held.owner} (pid ${held.pid}, since ${held.startedAt}). ` +
            "Stop it first, or run every process against one PostgreSQL by setting DATABASE_URL.",
        );
      }
      // A lock left by a process that is gone (crash, kill -9) is stale.
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirBusyError(`Could not take the lock on ${dataDir}; another process keeps taking it.`);
}
