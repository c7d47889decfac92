/**
 * Kysely's view of the tables (db/migrations holds the truth). Timestamps read as Date; DATE columns
 * read as 'YYYY-MM-DD' strings (both drivers are set up so); jsonb is written as a JSON string and
 * read as a value; numeric reads as a string (cast in SQL where a number is needed).
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Answers, Language, LocalizedText } from '../../contracts/instrument.js';
import type { LinkMethod, Role } from '../../contracts/api.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: a value when read, a JSON string when written. */
type Json<T> = ColumnType<T, string, string>;
type DateString = string;

export interface RegionTable {
  id: Generated<string>;
  code: string;
  name: string;
  created_at: GeneratedTimestamp;
}

export interface MunicipalityTable {
  id: Generated<string>;
  ssb_code: string;
  name: string;
  default_language: Language;
  created_at: GeneratedTimestamp;
  /** Attributes for breakdowns (migration 007); size class is derived from population. */
  population: ColumnType<number | null, number | null | undefined, number | null>;
  population_year: ColumnType<number | null, number | null | undefined, number | null>;
  county_code: ColumnType<string | null, string | null | undefined, string | null>;
  county_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** SSB centrality class 1 (most central) … 6. */
  centrality: ColumnType<number | null, number | null | undefined, number | null>;
  attributes_updated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** SSB codes and names over time (codes change when municipalities merge or split, as in 2024). */
export interface MunicipalityCodeHistoryTable {
  id: Generated<string>;
  municipality_id: string;
  ssb_code: string;
  name: string;
  valid_from: DateString;
  valid_to: DateString | null;
}

export interface RegionMembershipTable {
  id: Generated<string>;
  region_id: string;
  municipality_id: string;
  valid_from: DateString;
  valid_to: DateString | null;
}

export interface UnitTable {
  id: Generated<string>;
  municipality_id: string;
  name: string;
  /** Current headcount; copied into staff_count when a wave opens. */
  staff_count: number;
  created_at: GeneratedTimestamp;
}

export interface ProjectTable {
  id: Generated<string>;
  name: string;
  k_min: Generated<number>;
  end_date: DateString;
  created_at: GeneratedTimestamp;
  anonymised_at: Date | null;
}

export interface ProjectMunicipalityTable {
  project_id: string;
  municipality_id: string;
  benchmark_opt_in: Generated<boolean>;
}

export interface ConsentTextTable {
  project_id: string;
  version: number;
  information: Json<LocalizedText>;
  consent: Json<LocalizedText>;
  created_at: GeneratedTimestamp;
}

export interface InstrumentTable {
  id: string;
  version: string;
  form: string;
  definition: Json<unknown>;
  content_hash: string;
  loaded_at: GeneratedTimestamp;
}

export interface WaveTable {
  id: Generated<string>;
  project_id: string;
  label: string;
  instrument_id: string;
  instrument_version: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
  created_at: GeneratedTimestamp;
  /** When the self-generated codes of this wave were last matched against the wave before it. */
  codes_matched_at: Date | null;
}

/** Dates for one municipality when they differ from the wave's. */
export interface WaveMunicipalityTable {
  wave_id: string;
  municipality_id: string;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
}

export interface StaffCountTable {
  id: Generated<string>;
  wave_id: string;
  unit_id: string;
  municipality_id: string;
  profession: string | null;
  headcount: number;
  snapshotted_at: GeneratedTimestamp;
}

export interface SurveyLinkTable {
  id: Generated<string>;
  token: string;
  wave_id: string;
  municipality_id: string;
  unit_id: string | null;
  shared_device: boolean;
  /** Another form of the wave's questionnaire for this link; null → the wave's instrument. */
  instrument_id: string | null;
  instrument_version: string | null;
  created_at: GeneratedTimestamp;
}

export interface DraftTable {
  id: Generated<string>;
  link_id: string;
  wave_id: string;
  municipality_id: string;
  token_hash: string;
  resume_code_hash: string | null;
  answers: Json<Answers>;
  language: Language;
  unit_id: string | null;
  section_index: number;
  consent_version: number;
  /** Active answering time so far (seconds), so that a resumed form continues the sum. */
  active_seconds: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResponseTable {
  id: Generated<string>;
  wave_id: string;
  municipality_id: string;
  unit_id: string | null;
  instrument_id: string;
  instrument_version: string;
  form: string;
  answers: Json<Answers>;
  /** The day only, never the time. */
  submitted_on: DateString;
  source: 'web' | 'import';
  language: Language;
  consent_version: number | null;
  receipt_hash: string | null;
  idempotency_hash: string | null;
  scoring_version: number;
  /** Measured active answering time in whole minutes (a duration, not a time of day); null when not measured. */
  active_minutes: number | null;
  /** Pseudonymous: the same for one person's linked responses in different waves; random until linked, and after anonymisation. */
  person_id: Generated<string>;
  link_method: LinkMethod | null;
  /** Another response of the wave and municipality has the same self-generated code: for the researcher to judge. */
  code_duplicate: Generated<boolean>;
}

/** Linking material, only as keyed hashes; destroyed when the project's data are made anonymous. */
export interface LinkKeyTable {
  response_id: string;
  project_id: string;
  wave_id: string;
  municipality_id: string;
  kind: 'device' | 'code';
  part: number;
  hash: string;
}

export interface ResponseScoreTable {
  response_id: string;
  wave_id: string;
  municipality_id: string;
  unit_id: string | null;
  scale_id: string;
  /** numeric: read as a string. */
  score: ColumnType<string, number | string, number | string>;
}

/** A municipality's own system in one wave: asked about in a generated section after the technologies. */
export interface LocalItemTable {
  id: Generated<string>;
  wave_id: string;
  municipality_id: string;
  /** Last part of the item ids local:<municipality id>:use_<key> / conf_<key>. */
  key: string;
  name: Json<LocalizedText>;
  created_at: GeneratedTimestamp;
}

export interface DeclineCountTable {
  wave_id: string;
  municipality_id: string;
  count: number;
}

export interface AccountTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  /** null until an invited person has set their own password. */
  password_hash: string | null;
  role: Role;
  /** Municipality leader and unit leader (the unit's municipality). */
  municipality_id: string | null;
  /** Unit leader. */
  unit_id: string | null;
  /** Region coordinator. */
  region_id: string | null;
  /** The language of the person's mails (chosen by the inviter). */
  language: Generated<Language>;
  /** The TOTP secret, sealed with a key derived from the server secret (adapters/secrets.ts seal()). */
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  /** The last accepted TOTP time step: a code of this step or an earlier one is refused. */
  totp_last_step: ColumnType<string | null, string | number | null, string | number | null>;
  created_at: GeneratedTimestamp;
  disabled_at: Timestamp | null;
}

/** Researchers' projects. */
export interface AccountProjectTable {
  account_id: string;
  project_id: string;
}

/** One-time invite and password-reset links; only the token's SHA-256 is stored. */
export interface AccountTokenTable {
  token_hash: string;
  account_id: string;
  purpose: 'invite' | 'reset';
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** One-time recovery codes for a lost authenticator, as keyed hashes. */
export interface RecoveryCodeTable {
  account_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie's session id; the id itself is never stored. */
  id_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  /** 'second_factor': the password was right, the TOTP code (or enrolment) is still due. */
  stage: ColumnType<'second_factor' | 'full', 'second_factor' | 'full' | undefined, 'second_factor' | 'full'>;
}

export interface RateLimitTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

export interface JobTable {
  id: Generated<string>;
  kind: string;
  payload: Json<unknown>;
  dedupe_key: string | null;
  run_at: Timestamp;
  locked_until: Timestamp | null;
  done_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_account_id: string | null;
  actor_role: string;
  action: string;
  object_type: string;
  object_id: string | null;
  municipality_id: string | null;
  details: Json<Record<string, unknown>> | null;
}

/** Read-only API tokens for research tools, one project each; only the token's SHA-256 is stored (migration 008). */
export interface ResearchTokenTable {
  id: Generated<string>;
  project_id: string;
  /** The account that made it; its requests act as this account, limited to the project. */
  account_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** A wave's frozen, protected results for one subject (migration 006). */
export interface ResultReleaseTable {
  id: Generated<string>;
  wave_id: string;
  kind: 'municipality' | 'region_rest' | 'outside_region' | 'region';
  subject_id: string;
  k: number;
  respondents: number;
  early: Generated<boolean>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  /** JSON text of a ReleaseBody. */
  body: string;
}

export interface DB {
  region: RegionTable;
  municipality: MunicipalityTable;
  municipality_code_history: MunicipalityCodeHistoryTable;
  region_membership: RegionMembershipTable;
  unit: UnitTable;
  project: ProjectTable;
  project_municipality: ProjectMunicipalityTable;
  consent_text: ConsentTextTable;
  instrument: InstrumentTable;
  wave: WaveTable;
  wave_municipality: WaveMunicipalityTable;
  staff_count: StaffCountTable;
  survey_link: SurveyLinkTable;
  draft: DraftTable;
  response: ResponseTable;
  response_score: ResponseScoreTable;
  local_item: LocalItemTable;
  link_key: LinkKeyTable;
  decline_count: DeclineCountTable;
  account: AccountTable;
  account_project: AccountProjectTable;
  account_token: AccountTokenTable;
  recovery_code: RecoveryCodeTable;
  session: SessionTable;
  rate_limit: RateLimitTable;
  job: JobTable;
  audit_log: AuditLogTable;
  result_release: ResultReleaseTable;
  research_token: ResearchTokenTable;
}

export type WaveRow = Selectable<WaveTable>;
export type SurveyLinkRow = Selectable<SurveyLinkTable>;
export type AccountRow = Selectable<AccountTable>;
export type NewResponse = Insertable<ResponseTable>;

/** jsonb parameter: both drivers get a JSON string, so arrays are never sent as PostgreSQL arrays. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}
