import { describe, expect, it } from "vitest";
import { createRedactor, redactDeep, redactHeaders, redactUrl, REDACTED } from "./redact";

describe("redaction for log lines", () => {
  const secret = "sk_live/4242 +secret";
  const redact = createRedactor([secret, "hunter2"], [["alice", "hunter2"]]);

  it("removes every occurrence, and the URL-encoded and base64 forms", () => {
    const line = [
      `first ${secret} then ${secret} again`,
      `query=${encodeURIComponent(secret)}`,
      `form=${encodeURIComponent(secret).replace(/%20/g, "+")}`,
      `b64=${Buffer.from(secret).toString("base64")}`,
      `b64url=${Buffer.from(secret).toString("base64url")}`,
      `Basic ${Buffer.from("alice:hunter2").toString("base64")}`,
    ].join("\n");
    const out = redact(line);
    expect(out).not.toContain(secret);
    expect(out).not.toContain("hunter2");
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain(Buffer.from(secret).toString("base64").replace(/=+$/, ""));
    expect(out).not.toContain(Buffer.from("alice:hunter2").toString("base64"));
    expect(out.match(/\[redacted\]/g)).toHaveLength(7);
    expect(out).toContain("first [redacted] then [redacted] again");
  });

  it("blanks credential headers and secret-looking query parameters", () => {
    expect(
      redactHeaders(
        { Authorization: "Bearer x", Cookie: "a=b", "X-Api-Key": "k", "X-Custom-Auth": "k2", Accept: `text/${secret}` },
        redact,
        ["x-custom-auth"],
      ),
    ).toEqual({ Authorization: REDACTED, Cookie: REDACTED, "X-Api-Key": REDACTED, "X-Custom-Auth": REDACTED, Accept: `text/${REDACTED}` });
    expect(redactUrl("https://u:p@api.test/v1?api_key=abc&page=2&token=t&hapikey=h", redact, ["hapikey"])).toBe(
      "https://api.test/v1?api_key=[redacted]&page=2&token=[redacted]&hapikey=[redacted]",
    );
    expect(redactUrl(`https://api.test/v1/${encodeURIComponent(secret)}/x`, redact)).toBe("https://api.test/v1/[redacted]/x");
  });

  it("redacts a secret holding a lone surrogate in the forms it goes on the wire in, instead of throwing", () => {
    const odd = "tok\ud800en-secret";
    const redactOdd = createRedactor([odd], [["user", odd]]);
    const url = new URL("https://api.test/v1");
    url.searchParams.set("q", odd);
    const line = [odd, url.toString(), Buffer.from(odd).toString("base64"), Buffer.from(`user:${odd}`).toString("base64")].join(" ");
    expect(redactOdd(line)).toBe(`${REDACTED} https://api.test/v1?q=${REDACTED} ${REDACTED} ${REDACTED}`);
  });
});

describe("every spelling a redactor knows", () => {
  const secret = `s3cret ~!'(x)/"\\é`;
  const redact = createRedactor([secret], [["client id", secret]]);
  const form = (v: string) => new URLSearchParams({ v }).toString().slice(2);

  it("covers the form-encoded query, the JSON-escaped string and the OAuth client's Basic pair", () => {
    for (const spelling of [
      form(secret),
      JSON.stringify(secret).slice(1, -1),
      JSON.stringify(secret).slice(1, -1).replace("é", "\\u00e9"),
      Buffer.from(`${form("client id")}:${form(secret)}`).toString("base64"),
    ]) {
      expect(redact(`a ${spelling} b`)).toBe(`a ${REDACTED} b`);
    }
  });

  it("redacts every string of a result, keys included, and survives a secret with a lone surrogate", () => {
    expect(redactDeep({ [secret]: [secret, { deep: `x ${secret}` }], n: 1 }, redact)).toEqual({
      [REDACTED]: [REDACTED, { deep: `x ${REDACTED}` }],
      n: 1,
    });
    expect(createRedactor(["lone \ud800 surrogate"])("a lone \ud800 surrogate")).toBe(`a ${REDACTED}`);
  });
});
