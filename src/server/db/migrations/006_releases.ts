/**
 * The frozen release of a wave's results (docs/disclosure.md): built once per wave and subject, stored, and
 * the only source of every results view, report and benchmark afterwards.
 * - kind 'municipality': one municipality's respondents (subject = municipality id), by unit, profession, age, education.
 * - kind 'region_rest': the other opted-in municipalities of the subject municipality's region (subject = municipality id);
 *   'outside_region': every opted-in municipality outside a region (subject = region id, or a municipality without one).
 * - kind 'region': a region's opted-in member municipalities, by municipality (subject = region id).
 * A viewer only ever sees releases of disjoint populations, so nothing subtracts.
 * body: the protected release as JSON text (only releasable figures; no raw counts).
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE result_release (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    wave_id uuid NOT NULL REFERENCES wave (id),
    kind text NOT NULL CHECK (kind IN ('municipality', 'region_rest', 'outside_region', 'region')),
    subject_id uuid NOT NULL,
    k integer NOT NULL CHECK (k >= 3),
    respondents integer NOT NULL,
    -- Released before the wave closed, by a platform admin.
    early boolean NOT NULL DEFAULT false,
    created_by uuid REFERENCES account (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- JSON as text: never queried inside, served as it is (jsonb would be parsed on write and re-printed on read).
    body text NOT NULL,
    UNIQUE (wave_id, kind, subject_id)
  )`,
  `CREATE INDEX result_release_subject ON result_release (subject_id, kind)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
