import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A fresh RSA key and self-signed certificate (openssl), as an operator would make for the SP or an IdP would hold. */
export function selfSignedPair(commonName: string): { privateKey: string; certificate: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "patchbay-sso-"));
  try {
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", `/CN=${commonName}`],
      { stdio: "ignore" },
    );
    return { privateKey: readFileSync(key, "utf8"), certificate: readFileSync(cert, "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
