// What the schema itself guarantees: an append-only audit log, immutable used instruments, forward-only migrations.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstrumentRepository } from '../repositories/instrument.repository.js';
import { InstrumentFileError, InstrumentService } from '../services/instrument.service.js';
import { buildWave } from '../test/factories.js';
import { testInstrument } from '../test/fixtures.js';
import { testDb, type TestDatabase } from '../test/test-db.js';
import { migrateToLatest } from './database.js';
import { json } from './schema.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => {
  await t.close();
});

describe('audit_log', () => {
  it('accepts inserts and rejects UPDATE, DELETE and TRUNCATE', async () => {
    await t.db
      .insertInto('audit_log')
      .values({ at: new Date(), actor_account_id: null, actor_role: 'system', action: 'test.append', object_type: 'test', object_id: null, municipality_id: null, details: null })
      .execute();
    await expect(t.db.updateTable('audit_log').set({ action: 'changed' }).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    const rows = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'test.append').execute();
    expect(rows).toHaveLength(1);
  });
});

describe('instrument', () => {
  it('cannot change once a wave uses it; an unused version can be replaced', async () => {
    const service = new InstrumentService(new InstrumentRepository(t.db));
    const unused = testInstrument({ id: 'immutability', version: '1.0.0' });
    expect(await service.store(unused, 'test')).toBe('added');
    expect(await service.store(unused, 'test')).toBe('unchanged');
    const changed = { ...unused, title: { nb: 'Ny', nn: 'Ny', en: 'New' } };
    expect(await service.store(changed, 'test')).toBe('replaced');

    await buildWave(t.db, { instrument: changed });
    const again = { ...changed, title: { nb: 'Igjen', nn: 'Igjen', en: 'Again' } };
    await expect(service.store(again, 'instruments/immutability.yaml')).rejects.toThrow(InstrumentFileError);
    await expect(service.store(again, 'instruments/immutability.yaml')).rejects.toThrow(/immutable/);
    // The database refuses it too, whoever tries.
    await expect(
      t.db.updateTable('instrument').set({ definition: json(again) }).where('id', '=', 'immutability').where('version', '=', '1.0.0').execute(),
    ).rejects.toThrow(/cannot change/);
    await expect(t.db.deleteFrom('instrument').where('id', '=', 'immutability').execute()).rejects.toThrow(/cannot change/);
  });

  it('the instruments in instruments/ are loaded into the template', async () => {
    const ids = (await t.db.selectFrom('instrument').select(['id', 'version']).execute()).map((r) => `${r.id}@${r.version}`);
    expect(ids).toContain('digikompass-demo@0.1.0');
  });
});

describe('migrations', () => {
  it('running them again does nothing', async () => {
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  it('refuse a leader without a municipality and a k below 3', async () => {
    await expect(
      t.db.insertInto('account').values({ email: 'x@example.no', display_name: 'x', password_hash: 'x', role: 'municipality_leader', municipality_id: null }).execute(),
    ).rejects.toThrow();
    await expect(t.db.insertInto('project').values({ name: 'p', k_min: 2, end_date: '2027-12-31' }).execute()).rejects.toThrow();
  });
});
