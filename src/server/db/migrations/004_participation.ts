/**
 * Participation over time (issue 5): a pseudonymous person id per response, shared by the responses of one
 * person in different waves once they are linked; the linking material (device tokens and self-generated
 * codes) only as keyed hashes in their own table; a flag for self-generated codes that two responses of one
 * wave share; and the date a project's data were made anonymous.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE response
    ADD COLUMN person_id uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN link_method text CHECK (link_method IN ('receipt', 'device', 'code')),
    ADD COLUMN code_duplicate boolean NOT NULL DEFAULT false`,
  // One response per person and wave: a second answer can never be linked to the same earlier one.
  `CREATE UNIQUE INDEX response_wave_person ON response (wave_id, person_id)`,
  `CREATE INDEX response_person ON response (person_id)`,
  `CREATE TABLE link_key (
    response_id uuid NOT NULL REFERENCES response (id) ON DELETE CASCADE,
    project_id uuid NOT NULL REFERENCES project (id),
    wave_id uuid NOT NULL,
    municipality_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('device', 'code')),
    -- 0: the whole (device token or code); 1…n: one component of the self-generated code.
    part smallint NOT NULL CHECK (part >= 0),
    hash text NOT NULL,
    PRIMARY KEY (response_id, kind, part)
  )`,
  `CREATE INDEX link_key_lookup ON link_key (project_id, municipality_id, kind, part, hash)`,
  `CREATE INDEX link_key_wave ON link_key (wave_id, municipality_id)`,
  `ALTER TABLE project ADD COLUMN anonymised_at timestamptz`,
  // Self-generated codes are matched once a wave has closed (all its answers are in); also on demand.
  `ALTER TABLE wave ADD COLUMN codes_matched_at timestamptz`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
