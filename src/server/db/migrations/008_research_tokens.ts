/**
 * Read-only API tokens for research tools (issue 7): one project each, owned by the account that made
 * it (a researcher of the project or a platform admin). Only the token's SHA-256 is stored; the token
 * itself is shown once. A token is revoked (`revoked_at`), never deleted, so the audit log's token ids
 * keep meaning something. `last_used_at` is written at most once a minute.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE research_token (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id uuid NOT NULL REFERENCES project (id),
    account_id uuid NOT NULL REFERENCES account (id),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at timestamptz
  )`,
  `CREATE INDEX research_token_project ON research_token (project_id, account_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
