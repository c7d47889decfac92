/**
 * Issue 4's last parts: measured completion time and a municipality's local items.
 * - response.active_minutes: how long the respondent was actively answering (page visible, not idle),
 *   in whole minutes. A duration, never a time of day; null when the browser did not measure it.
 * - draft.active_seconds: the sum so far, so that resuming on another device or day continues it.
 * - local_item: a municipality's own systems for one wave (e.g. the name of its patient record). The
 *   served questionnaire is the stored instrument plus a generated section of these; the instrument
 *   itself never changes. Changes are refused by the service once the wave has opened for the municipality.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE response ADD COLUMN active_minutes integer CHECK (active_minutes BETWEEN 0 AND 1440)`,
  `ALTER TABLE draft ADD COLUMN active_seconds integer NOT NULL DEFAULT 0 CHECK (active_seconds BETWEEN 0 AND 86400)`,
  `CREATE TABLE local_item (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    wave_id uuid NOT NULL REFERENCES wave (id),
    municipality_id uuid NOT NULL REFERENCES municipality (id),
    -- The last part of the item ids: local:<municipality id>:use_<key> and :conf_<key>.
    key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    -- The system's name in nb, nn and en.
    name jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (wave_id, municipality_id, key)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
