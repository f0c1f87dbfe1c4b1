import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The PostgreSQL server binaries, found as .ci/run's find_pg_bin finds them; null when none are installed. */
export function findPgBin(): string | null {
  const usable = (dir: string) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"));
  const configured = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (configured.status === 0 && usable(configured.stdout.trim())) return configured.stdout.trim();
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (usable(path.join(root, version, "bin"))) return path.join(root, version, "bin");
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A PostgreSQL server of the test's own, in a temporary directory: for tests that restart or
 * stop the server, which the shared test server must never see. initdb refuses to run as root,
 * so as root it runs as the `postgres` user (as in CI).
 */
export async function startPostgresServer(bin: string) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "patchbay-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["postgres", base]);
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args], { cwd: base, stdio: "pipe" })
      : execFileSync(path.join(bin, tool), args, { cwd: base, stdio: "pipe" });
  const data = path.join(base, "data");
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync"]);
  const port = await freePort();
  const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
  run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(base, "log"), "-w", "-t", "120", "start"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** What an operator does: a fast restart, ending every session. */
    restart() {
      run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(base, "log"), "-m", "fast", "-w", "-t", "120", "restart"]);
    },
    stop() {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}
