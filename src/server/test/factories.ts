/**
 * Test data in one line each, with sensible defaults: buildMunicipality(db), buildWave(db), … and
 * buildSurvey(db) for the common whole (municipality, units, project, open wave, link).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Instrument, Language } from '../../contracts/instrument.js';
import type { Role } from '../../contracts/api.js';
import { argon2Hasher } from '../adapters/passwords.js';
import { json, type DB } from '../db/schema.js';
import { contentHash } from '../services/instrument.service.js';
import { defaultConsentText } from '../services/consent-text.js';
import { testInstrument } from './fixtures.js';

/** The instant the test clock shows unless a test moves it. */
export const TEST_NOW = new Date('2026-03-16T10:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;
/** Cheap argon2id parameters: tests hash many passwords. */
export const testPasswords = argon2Hasher({ memoryCost: 1024, timeCost: 1 });

export async function buildRegion(db: Kysely<DB>, o: { code?: string; name?: string } = {}) {
  const code = o.code ?? `region-${unique()}`;
  return db.insertInto('region').values({ code, name: o.name ?? `Region ${code}` }).returning(['id', 'code', 'name']).executeTakeFirstOrThrow();
}

const usedSsb = new Set<string>();
function freshSsbCode(): string {
  for (;;) {
    const code = String(1000 + Math.floor(Math.random() * 9000));
    if (!usedSsb.has(code)) {
      usedSsb.add(code);
      return code;
    }
  }
}

export async function buildMunicipality(db: Kysely<DB>, o: { name?: string; ssbCode?: string; defaultLanguage?: Language; regionId?: string | null } = {}) {
  const ssbCode = o.ssbCode ?? freshSsbCode();
  const name = o.name ?? `Kommune ${ssbCode}`;
  const m = await db
    .insertInto('municipality')
    .values({ ssb_code: ssbCode, name, default_language: o.defaultLanguage ?? 'nn' })
    .returning(['id', 'ssb_code as ssbCode', 'name', 'default_language as defaultLanguage'])
    .executeTakeFirstOrThrow();
  await db.insertInto('municipality_code_history').values({ municipality_id: m.id, ssb_code: ssbCode, name, valid_from: '2024-01-01', valid_to: null }).execute();
  if (o.regionId) {
    await db.insertInto('region_membership').values({ region_id: o.regionId, municipality_id: m.id, valid_from: '2024-01-01', valid_to: null }).execute();
  }
  return m;
}

export async function buildUnit(db: Kysely<DB>, o: { municipalityId: string; name?: string; staffCount?: number }) {
  return db
    .insertInto('unit')
    .values({ municipality_id: o.municipalityId, name: o.name ?? `Eining ${unique()}`, staff_count: o.staffCount ?? 20 })
    .returning(['id', 'municipality_id as municipalityId', 'name', 'staff_count as staffCount'])
    .executeTakeFirstOrThrow();
}

/** Stores an instrument version (the tiny test instrument by default) unless it is already there. */
export async function buildInstrument(db: Kysely<DB>, instrument: Instrument = testInstrument()): Promise<Instrument> {
  await db
    .insertInto('instrument')
    .values({ id: instrument.id, version: instrument.version, form: instrument.form, definition: json(instrument), content_hash: contentHash(instrument) })
    .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
    .execute();
  return instrument;
}

export async function buildProject(db: Kysely<DB>, o: { name?: string; kMin?: number; endDate?: string } = {}) {
  const endDate = o.endDate ?? '2027-12-31';
  const p = await db
    .insertInto('project')
    .values({ name: o.name ?? `Prosjekt ${unique()}`, k_min: o.kMin ?? 5, end_date: endDate })
    .returning(['id', 'name', 'k_min as kMin', 'end_date as endDate'])
    .executeTakeFirstOrThrow();
  const text = defaultConsentText(endDate);
  await db.insertInto('consent_text').values({ project_id: p.id, version: 1, information: json(text.information), consent: json(text.consent) }).execute();
  return p;
}

/** A wave; by default open at TEST_NOW (opened a week before, closes in a month) on the test instrument. */
export async function buildWave(
  db: Kysely<DB>,
  o: { projectId?: string; instrument?: Instrument; label?: string; opensAt?: Date; closesAt?: Date; status?: 'open' | 'closed' | 'scheduled' } = {},
) {
  const projectId = o.projectId ?? (await buildProject(db)).id;
  const instrument = await buildInstrument(db, o.instrument ?? testInstrument());
  const status = o.status ?? 'open';
  const opensAt = o.opensAt ?? new Date(TEST_NOW.getTime() + (status === 'scheduled' ? 7 : status === 'closed' ? -60 : -7) * DAY);
  const closesAt = o.closesAt ?? new Date(TEST_NOW.getTime() + (status === 'closed' ? -1 : 30) * DAY);
  return db
    .insertInto('wave')
    .values({
      project_id: projectId,
      label: o.label ?? `T${unique()}`,
      instrument_id: instrument.id,
      instrument_version: instrument.version,
      opens_at: opensAt,
      closes_at: closesAt,
    })
    .returning(['id', 'project_id as projectId', 'label', 'instrument_id as instrumentId', 'instrument_version as instrumentVersion', 'opens_at as opensAt', 'closes_at as closesAt'])
    .executeTakeFirstOrThrow();
}

/** A survey link; its municipality joins the wave's project. */
export async function buildLink(db: Kysely<DB>, o: { waveId: string; municipalityId: string; unitId?: string | null; sharedDevice?: boolean; token?: string }) {
  const wave = await db.selectFrom('wave').select('project_id').where('id', '=', o.waveId).executeTakeFirstOrThrow();
  await db
    .insertInto('project_municipality')
    .values({ project_id: wave.project_id, municipality_id: o.municipalityId })
    .onConflict((oc) => oc.columns(['project_id', 'municipality_id']).doNothing())
    .execute();
  return db
    .insertInto('survey_link')
    .values({
      token: o.token ?? `test-${unique()}`,
      wave_id: o.waveId,
      municipality_id: o.municipalityId,
      unit_id: o.unitId ?? null,
      shared_device: o.sharedDevice ?? false,
    })
    .returning(['id', 'token', 'wave_id as waveId', 'municipality_id as municipalityId', 'unit_id as unitId', 'shared_device as sharedDevice'])
    .executeTakeFirstOrThrow();
}

export interface TestAccount {
  id: string;
  email: string;
  password: string;
  role: Role;
  municipalityId: string | null;
  unitId: string | null;
  regionId: string | null;
}

/**
 * An account with a password, made directly (the app itself only invites). Give the binding the role
 * needs: municipalityId (leader), unitId (unit leader; the municipality is the unit's), regionId
 * (coordinator), projectIds (researcher). Two-factor login is enrolled by login() on first use.
 */
export async function buildAccount(
  db: Kysely<DB>,
  o: { role?: Role; municipalityId?: string | null; unitId?: string; regionId?: string; projectIds?: string[]; email?: string; password?: string; language?: Language } = {},
): Promise<TestAccount> {
  const role = o.role ?? 'platform_admin';
  const email = (o.email ?? `${role.replace(/_/g, '-')}-${unique()}@test.example`).toLowerCase();
  const password = o.password ?? 'correct horse battery staple';
  const unit = role === 'unit_leader' && o.unitId ? await db.selectFrom('unit').select('municipality_id').where('id', '=', o.unitId).executeTakeFirstOrThrow() : undefined;
  const binding = {
    municipality_id: role === 'municipality_leader' ? (o.municipalityId ?? null) : (unit?.municipality_id ?? null),
    unit_id: role === 'unit_leader' ? (o.unitId ?? null) : null,
    region_id: role === 'region_coordinator' ? (o.regionId ?? null) : null,
  };
  const row = await db
    .insertInto('account')
    .values({ email, display_name: email, password_hash: await testPasswords.hash(password), role, language: o.language ?? 'nb', ...binding })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (role === 'researcher' && o.projectIds?.length) {
    await db.insertInto('account_project').values(o.projectIds.map((project_id) => ({ account_id: row.id, project_id }))).execute();
  }
  return { id: row.id, email, password, role, municipalityId: binding.municipality_id, unitId: binding.unit_id, regionId: binding.region_id };
}

export const buildAdmin = (db: Kysely<DB>, o: { email?: string; password?: string } = {}) => buildAccount(db, { ...o, role: 'platform_admin' });
export const buildLeader = (db: Kysely<DB>, o: { municipalityId: string; email?: string; password?: string }) =>
  buildAccount(db, { ...o, role: 'municipality_leader' });
export const buildUnitLeader = (db: Kysely<DB>, o: { unitId: string; email?: string; password?: string }) => buildAccount(db, { ...o, role: 'unit_leader' });
export const buildCoordinator = (db: Kysely<DB>, o: { regionId: string; email?: string; password?: string }) =>
  buildAccount(db, { ...o, role: 'region_coordinator' });
export const buildResearcher = (db: Kysely<DB>, o: { projectIds: string[]; email?: string; password?: string }) => buildAccount(db, { ...o, role: 'researcher' });

/** The usual whole: a municipality with two units, a project, a wave (open by default) and a municipality-wide link. */
export async function buildSurvey(
  db: Kysely<DB>,
  o: { status?: 'open' | 'closed' | 'scheduled'; kMin?: number; sharedDevice?: boolean; municipalityName?: string } = {},
) {
  const municipality = await buildMunicipality(db, o.municipalityName ? { name: o.municipalityName } : {});
  const units = [await buildUnit(db, { municipalityId: municipality.id, name: 'Heimetenesta', staffCount: 40 }), await buildUnit(db, { municipalityId: municipality.id, name: 'Sjukeheimen', staffCount: 30 })];
  const project = await buildProject(db, o.kMin !== undefined ? { kMin: o.kMin } : {});
  const wave = await buildWave(db, { projectId: project.id, status: o.status ?? 'open' });
  const link = await buildLink(db, { waveId: wave.id, municipalityId: municipality.id, sharedDevice: o.sharedDevice ?? false });
  return { municipality, units, project, wave, link };
}
