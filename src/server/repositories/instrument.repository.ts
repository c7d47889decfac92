/** Questionnaire versions as stored: the parsed definition and a hash of its content. */
import { sql, type Kysely } from 'kysely';
import { json, type DB } from '../db/schema.js';

export interface StoredInstrument {
  id: string;
  version: string;
  form: string;
  definition: unknown;
  contentHash: string;
  inUse: boolean;
}

export class InstrumentRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private base() {
    return this.db
      .selectFrom('instrument as i')
      .select([
        'i.id',
        'i.version',
        'i.form',
        'i.definition',
        'i.content_hash as contentHash',
        sql<boolean>`exists (select 1 from wave w where w.instrument_id = i.id and w.instrument_version = i.version)
          or exists (select 1 from survey_link l where l.instrument_id = i.id and l.instrument_version = i.version)`.as('inUse'),
      ]);
  }

  list(): Promise<StoredInstrument[]> {
    return this.base().orderBy('i.id').orderBy('i.version').execute();
  }

  get(id: string, version: string): Promise<StoredInstrument | undefined> {
    return this.base().where('i.id', '=', id).where('i.version', '=', version).executeTakeFirst();
  }

  async insert(input: { id: string; version: string; form: string; definition: unknown; contentHash: string }): Promise<void> {
    await this.db
      .insertInto('instrument')
      .values({ id: input.id, version: input.version, form: input.form, definition: json(input.definition), content_hash: input.contentHash })
      .execute();
  }

  /** Replaces an unused version's content; the database refuses it once a wave uses the version. */
  async replace(input: { id: string; version: string; form: string; definition: unknown; contentHash: string }): Promise<void> {
    await this.db
      .updateTable('instrument')
      .set({ form: input.form, definition: json(input.definition), content_hash: input.contentHash, loaded_at: new Date() })
      .where('id', '=', input.id)
      .where('version', '=', input.version)
      .execute();
  }
}
