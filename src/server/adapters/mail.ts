/**
 * Sending e-mail. With SMTP_URL (smtp://user:pass@host:587, smtps://… for implicit TLS) mails go out
 * through nodemailer's SMTP transport. Without it — development — every mail is written to the log and,
 * as a complete .eml file, to the dev outbox (DATA_DIR/outbox; README "Mail"), so an invite link can be
 * opened without a mail server and nothing is silently dropped.
 * Services never call this directly: MailService queues mails in the jobs table and a job sends them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The language of the text (Content-Language). */
  language: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Where mails go, for the start-up output (no password). */
  readonly description: string;
}

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  return {
    description: `SMTP ${shown.toString()}`,
    send: async (m) => {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: { 'Content-Language': m.language } });
    },
  };
}

/** Development: mails to the log and, when `outboxDir` is set, to .eml files there. */
export function devMailer(outboxDir: string | null, from: string, log: (line: string) => void): Mailer {
  const compose = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let counter = 0;
  return {
    description: outboxDir ? `dev outbox ${outboxDir} (no SMTP_URL)` : 'the log (no SMTP_URL)',
    send: async (m) => {
      const info = await compose.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: { 'Content-Language': m.language } });
      let where = '';
      if (outboxDir) {
        mkdirSync(outboxDir, { recursive: true });
        const file = join(outboxDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${counter++}.eml`);
        writeFileSync(file, info.message as Buffer, { mode: 0o600 });
        where = ` (saved as ${file})`;
      }
      log(`[mail] to ${m.to}: ${m.subject}${where}\n${m.text}`);
    },
  };
}
