/**
 * Background jobs in the `job` table, claimed with FOR UPDATE SKIP LOCKED so any number of app
 * instances can run the loop. The periodic jobs re-enqueue themselves (one pending job per kind,
 * by dedupe key) and are idempotent: running one twice does no harm.
 */
import type { Clock } from '../adapters/clock.js';
import type { InfrastructureRepository } from '../repositories/infrastructure.repository.js';
import type { ResponseRepository } from '../repositories/response.repository.js';
import type { WaveRepository } from '../repositories/wave.repository.js';
import type { AuthService } from './auth.service.js';
import { SEND_MAIL_JOB, type MailService } from './mail.service.js';
import type { ParticipationService } from './participation.service.js';
import { BUILD_RELEASE_JOB, type ReleaseService } from './release.service.js';

export type JobHandler = (payload: unknown) => Promise<unknown>;

interface Periodic {
  kind: string;
  everyMs: number;
}

const LOCK_MS = 5 * 60 * 1000;
const MAX_ATTEMPTS = 5;

export class JobsService {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly periodic: Periodic[] = [];
  private timer: NodeJS.Timeout | undefined;
  private tick: (() => void) | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly repo: InfrastructureRepository,
    private readonly clock: Clock,
    private readonly log: (message: string, error?: unknown) => void = () => undefined,
  ) {}

  register(kind: string, handler: JobHandler, everyMs?: number): void {
    this.handlers.set(kind, handler);
    if (everyMs !== undefined) this.periodic.push({ kind, everyMs });
  }

  /** Makes sure each periodic job has a pending run. */
  async schedulePeriodic(): Promise<void> {
    for (const p of this.periodic) await this.repo.enqueueJob({ kind: p.kind, runAt: this.clock.now(), dedupeKey: `periodic:${p.kind}` });
  }

  /** Runs due jobs until none is left; returns how many ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    for (;;) {
      const job = await this.repo.claimJob(this.clock.now(), LOCK_MS);
      if (!job) return ran;
      ran++;
      const handler = this.handlers.get(job.kind);
      const periodic = this.periodic.find((p) => p.kind === job.kind);
      try {
        if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
        await handler(job.payload);
        await this.repo.completeJob(job.id, this.clock.now());
      } catch (error) {
        this.log(`job ${job.kind} (${job.id}) failed`, error);
        const now = this.clock.now();
        const retryAt = job.attempts < MAX_ATTEMPTS ? new Date(now.getTime() + 2 ** job.attempts * 10_000) : null;
        await this.repo.failJob(job.id, error instanceof Error ? error.message : String(error), retryAt, now);
      }
      if (periodic) {
        await this.repo.enqueueJob({
          kind: periodic.kind,
          runAt: new Date(this.clock.now().getTime() + periodic.everyMs),
          dedupeKey: `periodic:${periodic.kind}`,
        });
      }
    }
  }

  /** Polls for due jobs every `intervalMs` until stop(). */
  start(intervalMs = 15_000): void {
    if (this.timer) return;
    const tick = () => {
      if (this.running) return;
      this.running = this.schedulePeriodic()
        .then(() => this.runDue())
        .then(() => undefined)
        .catch((error: unknown) => this.log('job loop failed', error))
        .finally(() => {
          this.running = undefined;
        });
    };
    this.tick = tick;
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  /** Runs the loop now (e.g. a mail was just queued) when it is started; otherwise the job waits for runDue(). */
  kick(): void {
    this.tick?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.tick = undefined;
    await this.running;
  }
}

/** The jobs Digikompass runs now. */
export function registerStandardJobs(
  jobs: JobsService,
  deps: {
    responses: ResponseRepository;
    waves: WaveRepository;
    infrastructure: InfrastructureRepository;
    auth: AuthService;
    participation: ParticipationService;
    mail: MailService;
    releases: ReleaseService;
    clock: Clock;
  },
): void {
  const minute = 60_000;
  // Outgoing mail (invites, password resets): retried with back-off, kept across restarts.
  jobs.register(SEND_MAIL_JOB, (payload) => deps.mail.deliver(payload));
  // Drafts of closed waves can never be submitted: purge them.
  jobs.register('purge_closed_drafts', () => deps.responses.purgeClosedDrafts(deps.clock.now()), minute);
  // Freeze staff counts for waves that have opened.
  jobs.register(
    'snapshot_staff_counts',
    async () => {
      const now = deps.clock.now();
      for (const waveId of await deps.waves.wavesNeedingSnapshot(now)) await deps.waves.snapshotStaffCounts(waveId, now);
    },
    minute,
  );
  // Self-generated codes of a wave are matched once it has closed (a leader's or admin's run may come earlier).
  jobs.register('match_codes', () => deps.participation.matchClosedWaves(), 15 * minute);
  // Results are frozen when a wave closes (docs/disclosure.md), and when a platform admin releases one municipality early.
  jobs.register('build_releases', () => deps.releases.buildDue(), minute);
  jobs.register(BUILD_RELEASE_JOB, async (payload) => {
    const p = payload as { waveId: string; municipalityId: string; by: string | null };
    await deps.releases.buildFor(p.waveId, p.municipalityId, { early: true, by: p.by });
  });
  // The retention rule: at a project's end its data become anonymous (linking material and free text destroyed).
  jobs.register('anonymise_ended_projects', () => deps.participation.anonymiseEndedProjects(), 60 * minute);
  // Expired sessions, past rate-limit windows and old finished jobs.
  jobs.register(
    'purge_expired',
    async () => {
      const now = deps.clock.now();
      await deps.auth.purgeExpired();
      await deps.infrastructure.purgeRateLimits(new Date(now.getTime() - 24 * 60 * minute));
      await deps.infrastructure.purgeDoneJobs(new Date(now.getTime() - 7 * 24 * 60 * minute));
    },
    15 * minute,
  );
}
