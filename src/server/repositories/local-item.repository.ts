/** A municipality's own systems per wave (local items): the rows behind the generated section of the served survey. */
import type { Kysely } from 'kysely';
import type { LocalizedText } from '../../contracts/instrument.js';
import { json, type DB } from '../db/schema.js';

export interface LocalItemRecord {
  id: string;
  waveId: string;
  municipalityId: string;
  key: string;
  name: LocalizedText;
}

const columns = ['id', 'wave_id as waveId', 'municipality_id as municipalityId', 'key', 'name'] as const;

export class LocalItemRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** A wave's local items for one municipality, or (municipalityId null) for all; in the order they were added. */
  list(waveId: string, municipalityId: string | null): Promise<LocalItemRecord[]> {
    let q = this.db.selectFrom('local_item').select(columns).where('wave_id', '=', waveId);
    if (municipalityId !== null) q = q.where('municipality_id', '=', municipalityId);
    return q.orderBy('municipality_id').orderBy('created_at').orderBy('key').execute();
  }

  get(waveId: string, id: string): Promise<LocalItemRecord | undefined> {
    return this.db.selectFrom('local_item').select(columns).where('wave_id', '=', waveId).where('id', '=', id).executeTakeFirst();
  }

  insert(input: Omit<LocalItemRecord, 'id'>): Promise<LocalItemRecord> {
    return this.db
      .insertInto('local_item')
      .values({ wave_id: input.waveId, municipality_id: input.municipalityId, key: input.key, name: json(input.name) })
      .returning(columns)
      .executeTakeFirstOrThrow();
  }

  updateName(id: string, name: LocalizedText): Promise<LocalItemRecord> {
    return this.db.updateTable('local_item').set({ name: json(name) }).where('id', '=', id).returning(columns).executeTakeFirstOrThrow();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('local_item').where('id', '=', id).execute();
  }
}
