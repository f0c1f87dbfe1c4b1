import nodemailer from "nodemailer";
import { env, type Env } from "@/lib/env";

export type MailResult = { ok: boolean; statusCode: number | null; error: string | null };

const SEND_TIMEOUT_MS = 15_000;

export const EMAIL_NOT_CONFIGURED =
  "Email is not configured on this Patchbay: an operator sets PATCHBAY_SMTP_HOST and PATCHBAY_SMTP_FROM (and the other PATCHBAY_SMTP_* settings) to turn it on.";

type Smtp = NonNullable<Env["smtp"]>;
let transport: { key: string; mailer: nodemailer.Transporter } | null = null;

/** One pooled SMTP transport per process and settings: connections are reused across messages. */
function mailer(smtp: Smtp): nodemailer.Transporter {
  const key = JSON.stringify(smtp);
  if (transport?.key !== key) {
    transport?.mailer.close();
    transport = {
      key,
      mailer: nodemailer.createTransport({
        pool: true,
        maxConnections: 3,
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
        connectionTimeout: SEND_TIMEOUT_MS,
        greetingTimeout: SEND_TIMEOUT_MS,
        socketTimeout: SEND_TIMEOUT_MS,
      }),
    };
  }
  return transport.mailer;
}

/** Closes the pooled SMTP connections (tests, shutdown). */
export function closeMailer(): void {
  transport?.mailer.close();
  transport = null;
}

/** Sends one plain-text message through the configured SMTP server (invitations and reset links use it too). */
export async function sendMail(message: { to: string | string[]; subject: string; text: string }): Promise<MailResult> {
  const smtp = env().smtp;
  if (!smtp) return { ok: false, statusCode: null, error: EMAIL_NOT_CONFIGURED };
  try {
    const info = await mailer(smtp).sendMail({ from: smtp.from, ...message });
    return info.rejected.length === 0
      ? { ok: true, statusCode: null, error: null }
      : { ok: false, statusCode: null, error: `The mail server refused ${info.rejected.length} of the recipients.` };
  } catch (error) {
    const { responseCode, code } = error as { responseCode?: number; code?: string };
    return {
      ok: false,
      statusCode: responseCode ?? null,
      error: responseCode ? `The mail server answered ${responseCode}.` : `Could not talk to the mail server (${code ?? "network error"}).`,
    };
  }
}
