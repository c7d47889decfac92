/**
 * A survey link may serve another form of the wave's questionnaire (e.g. the short form for units that
 * cannot spare 15 minutes). Null means the wave's own instrument. An instrument a link uses is as
 * immutable as one a wave uses.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE survey_link
    ADD COLUMN instrument_id text,
    ADD COLUMN instrument_version text,
    ADD CONSTRAINT survey_link_instrument FOREIGN KEY (instrument_id, instrument_version) REFERENCES instrument (id, version),
    ADD CONSTRAINT survey_link_instrument_both CHECK ((instrument_id IS NULL) = (instrument_version IS NULL))`,
  `CREATE OR REPLACE FUNCTION instrument_immutable_when_used() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM wave w WHERE w.instrument_id = OLD.id AND w.instrument_version = OLD.version)
       OR EXISTS (SELECT 1 FROM survey_link l WHERE l.instrument_id = OLD.id AND l.instrument_version = OLD.version) THEN
      IF TG_OP = 'DELETE' OR NEW.id <> OLD.id OR NEW.version <> OLD.version OR NEW.form <> OLD.form
         OR NEW.definition IS DISTINCT FROM OLD.definition OR NEW.content_hash <> OLD.content_hash THEN
        RAISE EXCEPTION 'instrument %@% is used by a wave and cannot change', OLD.id, OLD.version
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
