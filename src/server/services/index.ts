/** Wires repositories and services together from explicit dependencies: one place, no globals. */
import type { Kysely } from 'kysely';
import type { Clock } from '../adapters/clock.js';
import { devMailer, type Mailer } from '../adapters/mail.js';
import type { PasswordHasher } from '../adapters/passwords.js';
import type { Secrets } from '../adapters/secrets.js';
import type { DB } from '../db/schema.js';
import { AccountRepository } from '../repositories/account.repository.js';
import { ExportRepository } from '../repositories/export.repository.js';
import { ImportRepository } from '../repositories/import.repository.js';
import { InfrastructureRepository } from '../repositories/infrastructure.repository.js';
import { InstrumentRepository } from '../repositories/instrument.repository.js';
import { LocalItemRepository } from '../repositories/local-item.repository.js';
import { MunicipalityAttributesRepository } from '../repositories/municipality-attributes.repository.js';
import { OrganisationRepository } from '../repositories/organisation.repository.js';
import { ParticipationRepository } from '../repositories/participation.repository.js';
import { ProjectRepository } from '../repositories/project.repository.js';
import { ResponseRepository } from '../repositories/response.repository.js';
import { ReleaseRepository } from '../repositories/release.repository.js';
import { ResultsRepository } from '../repositories/results.repository.js';
import { ResearchRepository } from '../repositories/research.repository.js';
import { ResearchTokenRepository } from '../repositories/research-token.repository.js';
import { WaveRepository } from '../repositories/wave.repository.js';
import { AccountService } from './account.service.js';
import { AuditService } from './audit.service.js';
import { AuthService } from './auth.service.js';
import { ExportService } from './export.service.js';
import { ImportService } from './import.service.js';
import { InstrumentService } from './instrument.service.js';
import { JobsService, registerStandardJobs } from './jobs.service.js';
import { MailService } from './mail.service.js';
import { LocalItemService } from './local-item.service.js';
import { MunicipalityAttributesService } from './municipality-attributes.service.js';
import { OrganisationService } from './organisation.service.js';
import { ParticipationService } from './participation.service.js';
import { ProjectService } from './project.service.js';
import { RateLimitService, defaultRateLimits, type RateLimits } from './rate-limit.service.js';
import { ReleaseService } from './release.service.js';
import { ReportService } from './report.service.js';
import { ResultsService } from './results.service.js';
import { ResearchService } from './research.service.js';
import { ResearchTokenService } from './research-token.service.js';
import { SubmitService } from './submit.service.js';
import { SurveyService } from './survey.service.js';
import { TwoFactorService } from './two-factor.service.js';
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
  /** Where mails go (adapters/mail.ts); default: the log only, as in development without SMTP_URL. */
  mailer?: Mailer;
}

export type Services = ReturnType<typeof createServices>;

export function createServices(deps: ServiceDeps) {
  const { db, clock, secrets, passwords } = deps;
  const repos = {
    accounts: new AccountRepository(db),
    exports: new ExportRepository(db),
    imports: new ImportRepository(db),
    infrastructure: new InfrastructureRepository(db),
    instruments: new InstrumentRepository(db),
    localItems: new LocalItemRepository(db),
    municipalityAttributes: new MunicipalityAttributesRepository(db),
    organisation: new OrganisationRepository(db),
    participation: new ParticipationRepository(db),
    projects: new ProjectRepository(db),
    responses: new ResponseRepository(db),
    releases: new ReleaseRepository(db),
    results: new ResultsRepository(db),
    research: new ResearchRepository(db),
    researchTokens: new ResearchTokenRepository(db),
    waves: new WaveRepository(db),
  };
  const audit = new AuditService(repos.infrastructure, clock);
  const rateLimits = new RateLimitService(repos.infrastructure, clock, secrets, deps.rateLimits === false ? null : { ...defaultRateLimits, ...deps.rateLimits });
  const instruments = new InstrumentService(repos.instruments);
  const twoFactor = new TwoFactorService(repos.accounts, secrets, clock);
  const auth = new AuthService(repos.accounts, passwords, rateLimits, audit, clock, twoFactor);
  const mail = new MailService(repos.infrastructure, deps.mailer ?? devMailer(null, 'Digikompass <no-reply@localhost>', (line) => deps.log?.(line)), secrets, clock);
  const localItems = new LocalItemService(repos.localItems, repos.waves, repos.organisation, instruments, audit, clock);
  const survey = new SurveyService(repos.waves, repos.organisation, repos.projects, repos.responses, rateLimits, secrets, clock, localItems);
  const participation = new ParticipationService(repos.participation, repos.waves, instruments, localItems, rateLimits, audit, secrets, clock);
  const submit = new SubmitService(survey, repos.responses, rateLimits, secrets, clock, participation);
  const organisation = new OrganisationService(repos.organisation, audit, clock);
  const municipalityAttributes = new MunicipalityAttributesService(repos.municipalityAttributes, repos.organisation, audit, clock);
  const accounts = new AccountService(repos.accounts, repos.organisation, repos.projects, passwords, audit, mail, auth, twoFactor, rateLimits, clock, deps.publicUrl);
  const projects = new ProjectService(repos.projects, audit);
  const waves = new WaveService(repos.waves, repos.projects, repos.instruments, repos.organisation, audit, clock, deps.publicUrl);
  const results = new ResultsService(repos.waves, repos.organisation, repos.projects, repos.results, instruments, clock);
  const releases = new ReleaseService(repos.releases, repos.waves, repos.projects, instruments, localItems, municipalityAttributes, repos.infrastructure, audit, clock);
  const reports = new ReportService(releases, repos.organisation, clock, deps.publicUrl);
  const exports = new ExportService(repos.exports, repos.projects, instruments, audit, secrets, clock, { ...(deps.log ? { log: deps.log } : {}) });
  const imports = new ImportService(repos.imports, exports, clock);
  const researchTokens = new ResearchTokenService(repos.researchTokens, repos.accounts, repos.projects, auth, audit, clock);
  const research = new ResearchService(repos.research, repos.projects, instruments, audit, clock);
  const jobs = new JobsService(repos.infrastructure, clock, deps.log);
  registerStandardJobs(jobs, { responses: repos.responses, waves: repos.waves, infrastructure: repos.infrastructure, auth, participation, mail, releases, clock });
  mail.onQueued = () => jobs.kick();
  return { repos, audit, rateLimits, instruments, localItems, auth, twoFactor, mail, survey, submit, participation, organisation, municipalityAttributes, accounts, projects, waves, results, releases, reports, exports, imports, researchTokens, research, jobs };
}
