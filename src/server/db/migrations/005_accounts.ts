/**
 * Roles and access (issue 6): five roles with the binding each needs, invitations and password resets by
 * e-mail, and TOTP two-factor login.
 * - account: region coordinator (region_id), unit leader (municipality_id + unit_id, the unit must belong
 *   to the municipality), researcher (projects in account_project); a CHECK ties each role to exactly
 *   its binding. password_hash is null until an invited person sets their own password. `language` is
 *   the language the inviter chose for the person's mails. TOTP: the secret sealed (AES-256-GCM) with a
 *   key derived from the server secret, the time it was confirmed, and the last accepted time step (so a
 *   code cannot be used twice).
 * - account_token: one-time invite and reset links, only as the SHA-256 of the token.
 * - recovery_code: one-time codes for a lost phone, only as keyed hashes.
 * - session.stage: a session is 'second_factor' after the password and 'full' after the code.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  // 001 named its two CHECKs implicitly: account_role_check and account_check.
  `ALTER TABLE account DROP CONSTRAINT account_role_check`,
  `ALTER TABLE account DROP CONSTRAINT account_check`,
  `ALTER TABLE account
    ADD COLUMN unit_id uuid,
    ADD COLUMN region_id uuid REFERENCES region (id),
    ADD COLUMN language text NOT NULL DEFAULT 'nb' CHECK (language IN ('nb', 'nn', 'en')),
    ADD COLUMN totp_secret text,
    ADD COLUMN totp_enabled_at timestamptz,
    ADD COLUMN totp_last_step bigint,
    ALTER COLUMN password_hash DROP NOT NULL,
    ADD CONSTRAINT account_role_check
      CHECK (role IN ('platform_admin', 'region_coordinator', 'municipality_leader', 'unit_leader', 'researcher')),
    ADD CONSTRAINT account_unit_in_municipality FOREIGN KEY (municipality_id, unit_id) REFERENCES unit (municipality_id, id),
    ADD CONSTRAINT account_binding_check CHECK (CASE role
      WHEN 'platform_admin' THEN municipality_id IS NULL AND unit_id IS NULL AND region_id IS NULL
      WHEN 'region_coordinator' THEN region_id IS NOT NULL AND municipality_id IS NULL AND unit_id IS NULL
      WHEN 'municipality_leader' THEN municipality_id IS NOT NULL AND unit_id IS NULL AND region_id IS NULL
      WHEN 'unit_leader' THEN municipality_id IS NOT NULL AND unit_id IS NOT NULL AND region_id IS NULL
      WHEN 'researcher' THEN municipality_id IS NULL AND unit_id IS NULL AND region_id IS NULL
      ELSE false END),
    ADD CONSTRAINT account_totp_check CHECK (totp_enabled_at IS NULL OR totp_secret IS NOT NULL)`,
  `CREATE TABLE account_project (
    account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    project_id uuid NOT NULL REFERENCES project (id),
    PRIMARY KEY (account_id, project_id)
  )`,
  `CREATE TABLE account_token (
    token_hash text PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    purpose text NOT NULL CHECK (purpose IN ('invite', 'reset')),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz
  )`,
  `CREATE INDEX account_token_account ON account_token (account_id)`,
  `CREATE TABLE recovery_code (
    account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    code_hash text NOT NULL,
    used_at timestamptz,
    PRIMARY KEY (account_id, code_hash)
  )`,
  `ALTER TABLE session ADD COLUMN stage text NOT NULL DEFAULT 'full' CHECK (stage IN ('second_factor', 'full'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
