/**
 * The first schema: everything issue 3 needs and what later features must be able to rely on
 * (projects, dated memberships, staff snapshots, drafts apart from responses, an append-only audit log).
 * Forward-only: a later change is a new numbered file, never an edit here.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  // ---- organisation
  `CREATE TABLE region (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code text NOT NULL UNIQUE,
    name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE municipality (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    ssb_code text NOT NULL UNIQUE CHECK (ssb_code ~ '^[0-9]{4}$'),
    name text NOT NULL,
    default_language text NOT NULL CHECK (default_language IN ('nb', 'nn', 'en')),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE municipality_code_history (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    municipality_id uuid NOT NULL REFERENCES municipality (id),
    ssb_code text NOT NULL CHECK (ssb_code ~ '^[0-9]{4}$'),
    name text NOT NULL,
    valid_from date NOT NULL,
    valid_to date,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
  )`,
  `CREATE INDEX municipality_code_history_municipality ON municipality_code_history (municipality_id)`,
  `CREATE TABLE region_membership (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    region_id uuid NOT NULL REFERENCES region (id),
    municipality_id uuid NOT NULL REFERENCES municipality (id),
    valid_from date NOT NULL,
    valid_to date,
    CHECK (valid_to IS NULL OR valid_to > valid_from)
  )`,
  `CREATE UNIQUE INDEX region_membership_current ON region_membership (municipality_id) WHERE valid_to IS NULL`,
  `CREATE TABLE unit (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    municipality_id uuid NOT NULL REFERENCES municipality (id),
    name text NOT NULL,
    staff_count integer NOT NULL CHECK (staff_count >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (municipality_id, name),
    UNIQUE (municipality_id, id)
  )`,

  // ---- projects, instruments, waves
  `CREATE TABLE project (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    k_min integer NOT NULL DEFAULT 5 CHECK (k_min >= 3),
    end_date date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE project_municipality (
    project_id uuid NOT NULL REFERENCES project (id),
    municipality_id uuid NOT NULL REFERENCES municipality (id),
    benchmark_opt_in boolean NOT NULL DEFAULT false,
    PRIMARY KEY (project_id, municipality_id)
  )`,
  `CREATE TABLE consent_text (
    project_id uuid NOT NULL REFERENCES project (id),
    version integer NOT NULL CHECK (version >= 1),
    information jsonb NOT NULL,
    consent jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, version)
  )`,
  `CREATE TABLE instrument (
    id text NOT NULL,
    version text NOT NULL,
    form text NOT NULL,
    definition jsonb NOT NULL,
    content_hash text NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, version)
  )`,
  `CREATE TABLE wave (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id uuid NOT NULL REFERENCES project (id),
    label text NOT NULL,
    instrument_id text NOT NULL,
    instrument_version text NOT NULL,
    opens_at timestamptz NOT NULL,
    closes_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (instrument_id, instrument_version) REFERENCES instrument (id, version),
    UNIQUE (project_id, label),
    CHECK (closes_at > opens_at)
  )`,
  // An instrument is immutable once a wave uses it: what was asked must stay what is stored.
  `CREATE FUNCTION instrument_immutable_when_used() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM wave w WHERE w.instrument_id = OLD.id AND w.instrument_version = OLD.version) THEN
      IF TG_OP = 'DELETE' OR NEW.id <> OLD.id OR NEW.version <> OLD.version OR NEW.form <> OLD.form
         OR NEW.definition IS DISTINCT FROM OLD.definition OR NEW.content_hash <> OLD.content_hash THEN
        RAISE EXCEPTION 'instrument %@% is used by a wave and cannot change', OLD.id, OLD.version
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END $$`,
  `CREATE TRIGGER instrument_immutable BEFORE UPDATE OR DELETE ON instrument
    FOR EACH ROW EXECUTE FUNCTION instrument_immutable_when_used()`,
  `CREATE TABLE wave_municipality (
    wave_id uuid NOT NULL REFERENCES wave (id),
    municipality_id uuid NOT NULL REFERENCES municipality (id),
    opens_at timestamptz,
    closes_at timestamptz,
    PRIMARY KEY (wave_id, municipality_id)
  )`,
  `CREATE TABLE staff_count (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    wave_id uuid NOT NULL REFERENCES wave (id),
    unit_id uuid NOT NULL REFERENCES unit (id),
    municipality_id uuid NOT NULL REFERENCES municipality (id),
    profession text,
    headcount integer NOT NULL CHECK (headcount >= 0),
    snapshotted_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX staff_count_once ON staff_count (wave_id, unit_id, (coalesce(profession, '')))`,
  `CREATE INDEX staff_count_wave_municipality ON staff_count (wave_id, municipality_id)`,

  // ---- respondents
  `CREATE TABLE survey_link (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    token text NOT NULL UNIQUE,
    wave_id uuid NOT NULL REFERENCES wave (id),
    municipality_id uuid NOT NULL REFERENCES municipality (id),
    unit_id uuid,
    shared_device boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (municipality_id, unit_id) REFERENCES unit (municipality_id, id)
  )`,
  `CREATE INDEX survey_link_wave ON survey_link (wave_id, municipality_id)`,
  `CREATE TABLE draft (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    link_id uuid NOT NULL REFERENCES survey_link (id),
    wave_id uuid NOT NULL REFERENCES wave (id),
    municipality_id uuid NOT NULL REFERENCES municipality (id),
    token_hash text NOT NULL,
    resume_code_hash text,
    answers jsonb NOT NULL DEFAULT '{}',
    language text NOT NULL CHECK (language IN ('nb', 'nn', 'en')),
    unit_id uuid,
    section_index integer NOT NULL DEFAULT 0 CHECK (section_index >= 0),
    consent_version integer NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    FOREIGN KEY (municipality_id, unit_id) REFERENCES unit (municipality_id, id)
  )`,
  `CREATE UNIQUE INDEX draft_resume_code ON draft (link_id, resume_code_hash) WHERE resume_code_hash IS NOT NULL`,
  `CREATE INDEX draft_wave ON draft (wave_id)`,
  `CREATE TABLE response (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    wave_id uuid NOT NULL REFERENCES wave (id),
    municipality_id uuid NOT NULL REFERENCES municipality (id),
    unit_id uuid,
    instrument_id text NOT NULL,
    instrument_version text NOT NULL,
    form text NOT NULL,
    answers jsonb NOT NULL,
    submitted_on date NOT NULL,
    source text NOT NULL CHECK (source IN ('web', 'import')),
    language text NOT NULL CHECK (language IN ('nb', 'nn', 'en')),
    consent_version integer,
    receipt_hash text UNIQUE,
    idempotency_hash text UNIQUE,
    scoring_version integer NOT NULL,
    FOREIGN KEY (instrument_id, instrument_version) REFERENCES instrument (id, version),
    FOREIGN KEY (municipality_id, unit_id) REFERENCES unit (municipality_id, id)
  )`,
  `CREATE INDEX response_wave_municipality ON response (wave_id, municipality_id, unit_id)`,
  `CREATE TABLE response_score (
    response_id uuid NOT NULL REFERENCES response (id) ON DELETE CASCADE,
    wave_id uuid NOT NULL,
    municipality_id uuid NOT NULL,
    unit_id uuid,
    scale_id text NOT NULL,
    score numeric NOT NULL CHECK (score >= 0 AND score <= 100),
    PRIMARY KEY (response_id, scale_id)
  )`,
  `CREATE INDEX response_score_wave_municipality ON response_score (wave_id, municipality_id, scale_id)`,
  `CREATE TABLE decline_count (
    wave_id uuid NOT NULL REFERENCES wave (id),
    municipality_id uuid NOT NULL REFERENCES municipality (id),
    count integer NOT NULL DEFAULT 0,
    PRIMARY KEY (wave_id, municipality_id)
  )`,

  // ---- accounts and sessions
  `CREATE TABLE account (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL UNIQUE CHECK (email = lower(email)),
    display_name text NOT NULL,
    password_hash text NOT NULL,
    role text NOT NULL CHECK (role IN ('platform_admin', 'municipality_leader')),
    municipality_id uuid REFERENCES municipality (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz,
    CHECK ((role = 'municipality_leader') = (municipality_id IS NOT NULL))
  )`,
  `CREATE TABLE session (
    id_hash text PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
  )`,
  `CREATE INDEX session_expires ON session (expires_at)`,

  // ---- infrastructure
  `CREATE TABLE rate_limit (
    key text NOT NULL,
    window_start timestamptz NOT NULL,
    count integer NOT NULL,
    PRIMARY KEY (key, window_start)
  )`,
  `CREATE INDEX rate_limit_window ON rate_limit (window_start)`,
  `CREATE TABLE job (
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    payload jsonb NOT NULL DEFAULT '{}',
    dedupe_key text,
    run_at timestamptz NOT NULL,
    locked_until timestamptz,
    done_at timestamptz,
    attempts integer NOT NULL DEFAULT 0,
    last_error text
  )`,
  `CREATE UNIQUE INDEX job_dedupe_pending ON job (dedupe_key) WHERE done_at IS NULL`,
  `CREATE INDEX job_due ON job (run_at) WHERE done_at IS NULL`,
  `CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    actor_account_id uuid,
    actor_role text NOT NULL,
    action text NOT NULL,
    object_type text NOT NULL,
    object_id text,
    municipality_id uuid,
    details jsonb
  )`,
  `CREATE INDEX audit_log_at ON audit_log (at)`,
  // Append-only: history that can be rewritten is no history.
  `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
  END $$`,
  `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
