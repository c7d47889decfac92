/**
 * A real SMTP server in the test process (smtp-server, with AUTH), whose received mails are parsed by
 * mailparser: the app talks SMTP to it exactly as to a mail provider. `rejectNext` makes it refuse
 * the next message with a temporary error, to test retries.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  /** smtp://user:password@127.0.0.1:<port> */
  url: string;
  mails: ParsedMail[];
  /** How many messages were refused by rejectNext. */
  rejected: number;
  rejectNext(count?: number): void;
  /** The last mail to `address`. */
  lastTo(address: string): ParsedMail | undefined;
  close(): Promise<void>;
}

export const SMTP_USER = 'digikompass';
const SMTP_PASSWORD = 'smtp-test-password';

export async function startTestSmtp(): Promise<TestSmtp> {
  const mails: ParsedMail[] = [];
  let toReject = 0;
  const state = { rejected: 0 };
  const server = new SMTPServer({
    // No TLS in the test; AUTH is still required and checked.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          if (toReject > 0) {
            toReject--;
            state.rejected++;
            const error = Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 });
            callback(error);
            return;
          }
          mails.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  const addressOf = (mail: ParsedMail) => [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));
  return {
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    mails,
    get rejected() {
      return state.rejected;
    },
    rejectNext: (count = 1) => {
      toReject = count;
    },
    lastTo: (address) => mails.filter((m) => addressOf(m).includes(address.toLowerCase())).at(-1),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the /set-password#… link in a mail's plain text. */
export function linkToken(mail: ParsedMail | undefined): string {
  const match = /\/set-password#([A-Za-z0-9_-]+)/.exec(mail?.text ?? '');
  if (!match) throw new Error(`no set-password link in the mail: ${mail?.text ?? '(no mail)'}`);
  return match[1]!;
}
