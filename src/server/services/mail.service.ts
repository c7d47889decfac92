/**
 * Outgoing mail through the jobs table: queue() stores the mail as a `send_mail` job and the job loop
 * sends it through the Mailer (adapters/mail.ts). A failure is retried with back-off (JobsService) and a
 * restart loses nothing. The job's payload is sealed with a key derived from the server secret, because
 * a mail may carry a one-time link that the database must not hold in the clear.
 */
import type { Clock } from '../adapters/clock.js';
import type { Mailer, MailMessage } from '../adapters/mail.js';
import { seal, unseal, type Secrets } from '../adapters/secrets.js';
import type { InfrastructureRepository } from '../repositories/infrastructure.repository.js';

export const SEND_MAIL_JOB = 'send_mail';

export class MailService {
  private readonly key: Buffer;
  /** Called after a mail is queued, to run the job loop now rather than at its next tick. */
  onQueued: () => void = () => undefined;

  constructor(
    private readonly infrastructure: InfrastructureRepository,
    private readonly mailer: Mailer,
    secrets: Secrets,
    private readonly clock: Clock,
  ) {
    this.key = secrets.hmac('mail-job-encryption', 'v1');
  }

  get description(): string {
    return this.mailer.description;
  }

  async queue(message: MailMessage): Promise<void> {
    await this.infrastructure.enqueueJob({ kind: SEND_MAIL_JOB, payload: { sealed: seal(this.key, JSON.stringify(message)) }, runAt: this.clock.now() });
    this.onQueued();
  }

  /** The job handler. */
  async deliver(payload: unknown): Promise<void> {
    const sealed = (payload as { sealed?: unknown } | null)?.sealed;
    if (typeof sealed !== 'string') throw new Error('send_mail job without a sealed mail');
    await this.mailer.send(JSON.parse(unseal(this.key, sealed)) as MailMessage);
  }
}
