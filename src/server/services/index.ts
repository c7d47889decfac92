/** Wires repositories and services together from explicit dependencies: one place, no globals. */
import type { Kysely } from 'kysely';
import type { Clock } from '../adapters/clock.js';
import type { PasswordHasher } from '../adapters/passwords.js';
import type { Secrets } from '../adapters/secrets.js';
import type { DB } from '../db/schema.js';
import { AccountRepository } from '../repositories/account.repository.js';
import { InfrastructureRepository } from '../repositories/infrastructure.repository.js';
import { InstrumentRepository } from '../repositories/instrument.repository.js';
import { OrganisationRepository } from '../repositories/organisation.repository.js';
import { ProjectRepository } from '../repositories/project.repository.js';
import { ResponseRepository } from '../repositories/response.repository.js';
import { ResultsRepository } from '../repositories/results.repository.js';
import { WaveRepository } from '../repositories/wave.repository.js';
import { AccountService } from './account.service.js';
import { AuditService } from './audit.service.js';
import { AuthService } from './auth.service.js';
import { InstrumentService } from './instrument.service.js';
import { JobsService, registerStandardJobs } from './jobs.service.js';
import { OrganisationService } from './organisation.service.js';
import { ProjectService } from './project.service.js';
import { RateLimitService, defaultRateLimits, type RateLimits } from './rate-limit.service.js';
import { ResultsService } from './results.service.js';
import { SubmitService } from './submit.service.js';
import { SurveyService } from './survey.service.js';
import { WaveService } from './wave.service.js';

export interface ServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  secrets: Secrets;
  passwords: PasswordHasher;
  /** Base of survey links, e.g. https://digikompass.example.no (no trailing slash). */
  publicUrl: () => string;
  /** Overrides of the default limits; false turns rate limiting off (benchmarks only). */
  rateLimits?: Partial<RateLimits> | false;
  log?: (message: string, error?: unknown) => void;
}

export type Services = ReturnType<typeof createServices>;

export function createServices(deps: ServiceDeps) {
  const { db, clock, secrets, passwords } = deps;
  const repos = {
    accounts: new AccountRepository(db),
    infrastructure: new InfrastructureRepository(db),
    instruments: new InstrumentRepository(db),
    organisation: new OrganisationRepository(db),
    projects: new ProjectRepository(db),
    responses: new ResponseRepository(db),
    results: new ResultsRepository(db),
    waves: new WaveRepository(db),
  };
  const audit = new AuditService(repos.infrastructure, clock);
  const rateLimits = new RateLimitService(repos.infrastructure, clock, secrets, deps.rateLimits === false ? null : { ...defaultRateLimits, ...deps.rateLimits });
  const instruments = new InstrumentService(repos.instruments);
  const auth = new AuthService(repos.accounts, passwords, rateLimits, audit, clock);
  const survey = new SurveyService(repos.waves, repos.organisation, repos.projects, repos.responses, instruments, rateLimits, secrets, clock);
  const submit = new SubmitService(survey, repos.responses, instruments, rateLimits, secrets, clock);
  const organisation = new OrganisationService(repos.organisation, audit, clock);
  const accounts = new AccountService(repos.accounts, repos.organisation, passwords, audit);
  const projects = new ProjectService(repos.projects, audit);
  const waves = new WaveService(repos.waves, repos.projects, repos.instruments, repos.organisation, audit, clock, deps.publicUrl);
  const results = new ResultsService(repos.waves, repos.organisation, repos.projects, repos.results, instruments, clock);
  const jobs = new JobsService(repos.infrastructure, clock, deps.log);
  registerStandardJobs(jobs, { responses: repos.responses, waves: repos.waves, infrastructure: repos.infrastructure, auth, clock });
  return { repos, audit, rateLimits, instruments, auth, survey, submit, organisation, accounts, projects, waves, results, jobs };
}
