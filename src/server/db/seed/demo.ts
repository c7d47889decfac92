/**
 * Demo data: the project "Digital kompetanse i Hallingdal og Vest-Telemark 2025–2027" with two regions,
 * the twelve municipalities and their units, a closed T0 wave with about 1,300 synthetic responses and
 * an open T1 wave with about 150 so far, survey links with fixed tokens (demo-gol-t1, …) and two demo
 * accounts. Gol's home care answers the short form in both waves, and Gol asks about two local systems.
 * Every response has a measured completion time that fits what its respondent was shown.
 * Deterministic (seeded PRNG) and idempotent; refuses to run with NODE_ENV=production.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { AccountBinding, Role } from '../../../contracts/api.js';
import type { Instrument, Language } from '../../../contracts/instrument.js';
import { LOCAL_SECTION_ID } from '../../../domain/local-items.js';
import { SCORING_VERSION, scoreResponse } from '../../../domain/scoring.js';
import { osloDate, type Clock } from '../../adapters/clock.js';
import { sha256Hex } from '../../adapters/secrets.js';
import type { Services } from '../../services/index.js';
import { json, type DB, type ResponseScoreTable, type ResponseTable } from '../schema.js';
import { createRng, type Rng } from './random.js';
import { modelOf, syntheticActiveSeconds, syntheticAnswers, type InstrumentModel } from './synthetic.js';

export const DEMO_PROJECT_NAME = 'Digital kompetanse i Hallingdal og Vest-Telemark 2025–2027';
/**
 * The TOTP secret (base32) of every demo account whose role needs two-factor login — public on purpose,
 * like the passwords: demo data only (the seed refuses NODE_ENV=production). `npm run demo:code` prints
 * the current code; an authenticator app can take the secret too.
 */
export const DEMO_TOTP_SECRET = 'DIGIKOMPASSDEMOTOTPSECRET2345672';
export const DEMO_LOGINS = [
  { role: 'platform admin', email: 'admin@digikompass.test', password: 'demo-admin-2026', displayName: 'Demo Admin', twoFactor: true },
  { role: 'leader in Gol', email: 'leder.gol@digikompass.test', password: 'demo-leder-2026', displayName: 'Leiar i Gol', twoFactor: true },
  { role: 'unit leader, Gol home care', email: 'heimetenesta.gol@digikompass.test', password: 'demo-eining-2026', displayName: 'Leiar for heimetenesta i Gol', twoFactor: false },
  { role: 'region coordinator', email: 'koordinator.hallinghelse@digikompass.test', password: 'demo-region-2026', displayName: 'Koordinator i Hallinghelse', twoFactor: false },
  { role: 'researcher', email: 'forskar@digikompass.test', password: 'demo-forskar-2026', displayName: 'Forskar i prosjektet', twoFactor: true },
] as const;
/** Preferred instruments for the demo waves, first found wins. */
const DEMO_INSTRUMENTS = [
  { id: 'digikompass', version: '1.0.0' },
  { id: 'digikompass-demo', version: '0.1.0' },
];

export interface DemoSeedResult {
  logins: { role: string; email: string; password: string; twoFactor: boolean }[];
  /** Links of the open wave (T1). */
  links: { label: string; token: string }[];
  projectId: string;
  waves: { t0: string; t1: string };
  responses: { t0: number; t1: number };
}

interface DemoMunicipality {
  slug: string;
  ssbCode: string;
  name: string;
  language: Language;
  region: 'hallinghelse' | 'vest-telemark';
  /** Unit name → current headcount. */
  units: [string, number][];
}

const nnUnits = (place: string, sizes: { home: number; nursing: number; mental: number; allocation: number; disability?: number; day?: number; housing?: number }): [string, number][] => [
  ['Heimetenesta', sizes.home],
  [`${place} sjukeheim`, sizes.nursing],
  ['Psykisk helse og rus', sizes.mental],
  ['Tildelingskontoret', sizes.allocation],
  ...(sizes.disability ? [['Miljøtenesta', sizes.disability] as [string, number]] : []),
  ...(sizes.day ? [['Dagsenteret', sizes.day] as [string, number]] : []),
  ...(sizes.housing ? [['Omsorgsbustadene', sizes.housing] as [string, number]] : []),
];

const nbUnits = (place: string, sizes: { home: number; nursing: number; mental: number; allocation: number; disability?: number }): [string, number][] => [
  ['Hjemmetjenesten', sizes.home],
  [`${place} sykehjem`, sizes.nursing],
  ['Psykisk helse og rus', sizes.mental],
  ['Tildelingskontoret', sizes.allocation],
  ...(sizes.disability ? [['Miljøtjenesten', sizes.disability] as [string, number]] : []),
];

/** The twelve municipalities (DOMAIN.md) with plausible units; about 1,600 staff in all. */
export const DEMO_MUNICIPALITIES: DemoMunicipality[] = [
  { slug: 'flaa', ssbCode: '3320', name: 'Flå', language: 'nb', region: 'hallinghelse', units: nbUnits('Flå', { home: 25, nursing: 34, mental: 6, allocation: 3 }) },
  { slug: 'nesbyen', ssbCode: '3322', name: 'Nesbyen', language: 'nb', region: 'hallinghelse', units: nbUnits('Nesbyen', { home: 52, nursing: 70, mental: 13, allocation: 4, disability: 25 }) },
  { slug: 'gol', ssbCode: '3324', name: 'Gol', language: 'nn', region: 'hallinghelse', units: nnUnits('Gol', { home: 66, nursing: 84, mental: 17, allocation: 5, disability: 32, day: 7 }) },
  { slug: 'hemsedal', ssbCode: '3326', name: 'Hemsedal', language: 'nn', region: 'hallinghelse', units: nnUnits('Hemsedal', { home: 34, nursing: 43, mental: 8, allocation: 3 }) },
  { slug: 'aal', ssbCode: '3328', name: 'Ål', language: 'nn', region: 'hallinghelse', units: nnUnits('Ål', { home: 68, nursing: 80, mental: 18, allocation: 5, disability: 34, housing: 20 }) },
  { slug: 'hol', ssbCode: '3330', name: 'Hol', language: 'nn', region: 'hallinghelse', units: nnUnits('Hol', { home: 60, nursing: 75, mental: 16, allocation: 4, disability: 28 }) },
  { slug: 'seljord', ssbCode: '4022', name: 'Seljord', language: 'nn', region: 'vest-telemark', units: nnUnits('Seljord', { home: 46, nursing: 55, mental: 11, allocation: 4, disability: 20 }) },
  { slug: 'kviteseid', ssbCode: '4028', name: 'Kviteseid', language: 'nn', region: 'vest-telemark', units: nnUnits('Kviteseid', { home: 37, nursing: 48, mental: 9, allocation: 3, day: 6 }) },
  { slug: 'nissedal', ssbCode: '4030', name: 'Nissedal', language: 'nn', region: 'vest-telemark', units: nnUnits('Nissedal', { home: 25, nursing: 32, mental: 5, allocation: 3 }) },
  { slug: 'fyresdal', ssbCode: '4032', name: 'Fyresdal', language: 'nn', region: 'vest-telemark', units: nnUnits('Fyresdal', { home: 23, nursing: 30, mental: 5, allocation: 2 }) },
  { slug: 'tokke', ssbCode: '4034', name: 'Tokke', language: 'nn', region: 'vest-telemark', units: nnUnits('Tokke', { home: 34, nursing: 43, mental: 10, allocation: 3, disability: 16 }) },
  { slug: 'vinje', ssbCode: '4036', name: 'Vinje', language: 'nn', region: 'vest-telemark', units: nnUnits('Vinje', { home: 55, nursing: 64, mental: 14, allocation: 4, disability: 27, day: 8 }) },
];

const REGIONS = [
  { code: 'hallinghelse', name: 'Hallinghelse' },
  { code: 'vest-telemark', name: 'Vest-Telemarkrådet' },
] as const;

const DAY = 24 * 60 * 60 * 1000;

/** Gol's own systems, asked about after the national technologies in both waves. */
export const DEMO_LOCAL_SYSTEMS = [
  { key: 'gerica', name: { nb: 'Gerica (pasientjournalen)', nn: 'Gerica (pasientjournalen)', en: 'Gerica (the patient record)' } },
  { key: 'gat', name: { nb: 'GAT (turnus og vakter)', nn: 'GAT (turnus og vakter)', en: 'GAT (rosters and shifts)' } },
];

/** The demo data already in a database (logins and links to print), or null. */
export async function describeDemo(db: Kysely<DB>): Promise<DemoSeedResult | null> {
  const project = await db.selectFrom('project').select('id').where('name', '=', DEMO_PROJECT_NAME).executeTakeFirst();
  if (!project) return null;
  const waves = await db.selectFrom('wave').select(['id', 'label']).where('project_id', '=', project.id).execute();
  const t0 = waves.find((w) => w.label === 'T0');
  const t1 = waves.find((w) => w.label === 'T1');
  if (!t0 || !t1) return null;
  const links = await db
    .selectFrom('survey_link as l')
    .innerJoin('municipality as m', 'm.id', 'l.municipality_id')
    .leftJoin('unit as u', 'u.id', 'l.unit_id')
    .select(['l.token', 'm.name', 'u.name as unitName', 'l.shared_device'])
    .where('l.wave_id', '=', t1.id)
    .where('l.token', 'like', 'demo-%')
    .orderBy('m.name')
    .orderBy('l.shared_device')
    .execute();
  const counts = await db
    .selectFrom('response')
    .select(['wave_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('wave_id', 'in', [t0.id, t1.id])
    .groupBy('wave_id')
    .execute();
  const n = (id: string) => Number(counts.find((c) => c.wave_id === id)?.n ?? 0);
  return {
    logins: DEMO_LOGINS.map(({ role, email, password, twoFactor }) => ({ role, email, password, twoFactor })),
    links: links.map((l) => ({ label: `${l.name}${l.unitName ? ` – ${l.unitName}` : ''}${l.shared_device ? ' (shared device)' : ''}`, token: l.token })),
    projectId: project.id,
    waves: { t0: t0.id, t1: t1.id },
    responses: { t0: n(t0.id), t1: n(t1.id) },
  };
}

/** Idempotent: a database that already holds the demo project is described, not seeded again. */
export async function seedDemo(deps: {
  db: Kysely<DB>;
  services: Services;
  clock: Clock;
  nodeEnv: string;
  /** Smaller demo data for quick tests: the share of T0 and T1 responses to make (default 1). */
  scale?: number;
}): Promise<DemoSeedResult> {
  if (deps.nodeEnv === 'production') throw new Error('The demo seed refuses to run with NODE_ENV=production.');
  const { db, services, clock } = deps;
  const done = await describeDemo(db);
  if (done) return done;

  const rng = createRng('digikompass-demo');
  const now = clock.now();
  const today = osloDate(now);

  // Instrument
  const stored = await services.repos.instruments.list();
  const choice = DEMO_INSTRUMENTS.find((c) => stored.some((s) => s.id === c.id && s.version === c.version)) ?? stored.find((s) => s.form === 'full');
  if (!choice) throw new Error('The demo seed needs an instrument: none is loaded from instruments/.');
  const instrument = await services.instruments.get(choice.id, choice.version);

  // Organisation
  const regionIds = new Map<string, string>();
  for (const r of REGIONS) regionIds.set(r.code, (await services.repos.organisation.createRegion(r)).id);
  const municipalities: { def: DemoMunicipality; id: string; units: { id: string; name: string; staff: number }[] }[] = [];
  for (const def of DEMO_MUNICIPALITIES) {
    const m = await services.repos.organisation.createMunicipality(
      { ssbCode: def.ssbCode, name: def.name, defaultLanguage: def.language, regionId: regionIds.get(def.region)! },
      '2024-01-01',
    );
    const units = [];
    for (const [name, staff] of def.units) {
      const u = await services.repos.organisation.createUnit(m.id, { name, staffCount: staff });
      units.push({ id: u.id, name, staff });
    }
    municipalities.push({ def, id: m.id, units });
  }

  // Project, waves and links
  const project = await services.projects.create(null, { name: DEMO_PROJECT_NAME, kMin: 5, endDate: '2027-12-31' });
  const lastYear = now.getUTCFullYear() - 1;
  const t0 = await services.waves.create(null, {
    projectId: project.id,
    label: 'T0',
    instrumentId: instrument.id,
    instrumentVersion: instrument.version,
    opensAt: `${lastYear}-10-01T06:00:00.000Z`,
    closesAt: `${lastYear}-11-15T22:00:00.000Z`,
  });
  const t1Opens = new Date(now.getTime() - 7 * DAY);
  const t1 = await services.waves.create(null, {
    projectId: project.id,
    label: 'T1',
    instrumentId: instrument.id,
    instrumentVersion: instrument.version,
    opensAt: t1Opens.toISOString(),
    closesAt: new Date(now.getTime() + 60 * DAY).toISOString(),
  });
  const links: DemoSeedResult['links'] = [];
  for (const m of municipalities) {
    for (const wave of [t0, t1]) {
      const token = `demo-${m.def.slug}-${wave.label.toLowerCase()}`;
      await services.waves.createLink(null, wave.id, { municipalityId: m.id, unitId: null, sharedDevice: false, token });
      if (wave === t1) links.push({ label: m.def.name, token });
    }
  }
  const gol = municipalities.find((m) => m.def.slug === 'gol')!;
  const golNursing = gol.units.find((u) => /sjukeheim/.test(u.name))!;
  await services.waves.createLink(null, t1.id, { municipalityId: gol.id, unitId: golNursing.id, sharedDevice: true, token: 'demo-gol-t1-tablet' });
  links.push({ label: `Gol – ${golNursing.name} (shared device)`, token: 'demo-gol-t1-tablet' });
  // The short form (about 5 minutes) for a unit that cannot spare a quarter of an hour, in both waves.
  const shortRow = stored.find((i) => i.id === 'digikompass-short' && i.version === '1.0.0');
  const short = shortRow && instrument.id === 'digikompass' ? await services.instruments.get(shortRow.id, shortRow.version) : null;
  const golHome = gol.units.find((u) => /heime/i.test(u.name)) ?? gol.units.find((u) => u.id !== golNursing.id)!;
  if (short) {
    for (const wave of [t0, t1]) {
      const token = `demo-gol-${wave.label.toLowerCase()}-short`;
      await services.waves.createLink(null, wave.id, {
        municipalityId: gol.id, unitId: golHome.id, sharedDevice: false, token, instrumentId: short.id, instrumentVersion: short.version,
      });
      if (wave === t1) links.push({ label: `Gol – ${golHome.name} (short form)`, token });
    }
  }
  // Gol's own systems. Written directly: in the story they were added before each wave opened.
  for (const wave of [t0, t1]) {
    for (const item of DEMO_LOCAL_SYSTEMS) await services.repos.localItems.insert({ waveId: wave.id, municipalityId: gol.id, ...item });
  }

  // Staff counts as they were when the waves opened
  await services.repos.waves.snapshotStaffCounts(t0.id, new Date(t0.opensAt));
  await services.repos.waves.snapshotStaffCounts(t1.id, t1Opens);

  // Accounts
  const [admin, leader, unitLeader, coordinator, researcher] = DEMO_LOGINS;
  const none: AccountBinding = { municipalityId: null, unitId: null, regionId: null, projectIds: [] };
  const account = (login: (typeof DEMO_LOGINS)[number], language: Language, binding: Partial<AccountBinding> & { role: Role }) =>
    services.accounts.createWithPassword({
      ...none,
      ...binding,
      email: login.email,
      displayName: login.displayName,
      password: login.password,
      language,
      totpSecret: login.twoFactor ? DEMO_TOTP_SECRET : undefined,
    });
  await account(admin, 'nb', { role: 'platform_admin' });
  await account(leader, 'nn', { role: 'municipality_leader', municipalityId: gol.id });
  await account(unitLeader, 'nn', { role: 'unit_leader', municipalityId: gol.id, unitId: golHome.id });
  await account(coordinator, 'nn', { role: 'region_coordinator', regionId: regionIds.get('hallinghelse')! });
  await account(researcher, 'nb', { role: 'researcher', projectIds: [project.id] });

  // Responses: each on the form its unit was given, with the municipality's local systems.
  const scale = deps.scale ?? 1;
  const consentVersion = 1;
  const model = modelOf(instrument, rng.fork('instrument'));
  const otherForms = new Map<string, Form>();
  const formFor = async (wave: { id: string; opensAt: string }, m: { id: string }, unitId: string): Promise<Form> => {
    const base = short && unitId === golHome.id ? short : instrument;
    const served = await services.localItems.served({
      instrumentId: base.id, instrumentVersion: base.version, waveId: wave.id, municipalityId: m.id, opensAt: new Date(wave.opensAt),
    });
    if (base === instrument && !served.sections.some((s) => s.id === LOCAL_SECTION_ID)) return { instrument, model };
    // Only the other forms get models of their own, so every other municipality's answers stay as they were.
    const key = `${base.id}@${base.version}:${m.id}`;
    let form = otherForms.get(key);
    if (!form) otherForms.set(key, (form = { instrument: served, model: modelOf(served, rng.fork(`instrument:${key}`)) }));
    return form;
  };
  const people = rng.fork('people');
  const t0Count = await insertResponses(db, (m, unitId) => formFor(t0, m, unitId), {
    rng: people.fork('t0'),
    waveId: t0.id,
    municipalities,
    consentVersion,
    rate: (r) => Math.min(0.95, Math.max(0.4, r.normal(0.84, 0.1))) * scale,
    growth: 0,
    dates: { from: new Date(t0.opensAt), to: new Date(t0.closesAt) },
  });
  const t1Count = await insertResponses(db, (m, unitId) => formFor(t1, m, unitId), {
    rng: people.fork('t1'),
    waveId: t1.id,
    municipalities,
    consentVersion,
    rate: (r) => Math.min(0.3, Math.max(0, r.normal(0.1, 0.05))) * scale,
    growth: 0.2,
    dates: { from: t1Opens, to: now },
  });
  for (const m of municipalities) {
    const staff = m.units.reduce((s, u) => s + u.staff, 0);
    await db.insertInto('decline_count').values({ wave_id: t0.id, municipality_id: m.id, count: Math.round(staff * 0.03) }).execute();
  }

  await services.audit.record(null, 'seed.demo', { type: 'project', id: project.id, municipalityId: null }, { date: today });
  return {
    logins: DEMO_LOGINS.map(({ role, email, password, twoFactor }) => ({ role, email, password, twoFactor })),
    links,
    projectId: project.id,
    waves: { t0: t0.id, t1: t1.id },
    responses: { t0: t0Count, t1: t1Count },
  };
}

/** A form of the questionnaire as one municipality's unit was served it, and the generator's model of it. */
interface Form {
  instrument: Instrument;
  model: InstrumentModel;
}

async function insertResponses(
  db: Kysely<DB>,
  formFor: (municipality: { id: string }, unitId: string) => Promise<Form>,
  opts: {
    rng: Rng;
    waveId: string;
    municipalities: { def: DemoMunicipality; id: string; units: { id: string; name: string; staff: number }[] }[];
    consentVersion: number;
    rate: (rng: Rng) => number;
    /** Competence gained since T0. */
    growth: number;
    dates: { from: Date; to: Date };
  },
): Promise<number> {
  const { rng } = opts;
  // Its own stream, so that adding completion times left every answer as it was.
  const pace = rng.fork('active-time');
  const responses: Insertable<ResponseTable>[] = [];
  const scores: Insertable<ResponseScoreTable>[] = [];

  // Municipality and unit effects are the same in both waves (seeded by name, not by wave).
  const effects = createRng('digikompass-demo-effects');
  const span = Math.max(0, opts.dates.to.getTime() - opts.dates.from.getTime());
  let i = 0;
  for (const m of opts.municipalities) {
    const municipalityEffect = effects.fork(m.def.slug).normal(0, 0.15) + (m.def.region === 'hallinghelse' ? 0.05 : -0.05);
    for (const unit of m.units) {
      const unitEffect = effects.fork(`${m.def.slug}:${unit.name}`).normal(0, 0.15);
      const { instrument, model } = await formFor(m, unit.id);
      const n = Math.round(unit.staff * opts.rate(rng));
      for (let k = 0; k < n; k++) {
        const language: Language = rng.chance(0.03) ? 'en' : rng.chance(0.1) ? (m.def.language === 'nn' ? 'nb' : 'nn') : m.def.language;
        const answers = syntheticAnswers(model, { theta: municipalityEffect + unitEffect + opts.growth + rng.normal(0, 0.7), language }, rng);
        const id = randomUUID();
        const key = `demo:${opts.waveId}:${i++}`;
        // A few respondents leave the unit out.
        const unitId = rng.chance(0.04) ? null : unit.id;
        responses.push({
          id,
          wave_id: opts.waveId,
          municipality_id: m.id,
          unit_id: unitId,
          instrument_id: instrument.id,
          instrument_version: instrument.version,
          form: instrument.form,
          answers: json(answers),
          submitted_on: osloDate(new Date(opts.dates.from.getTime() + rng.next() * span)),
          source: 'web',
          language,
          consent_version: opts.consentVersion,
          receipt_hash: sha256Hex(`receipt:${key}`),
          idempotency_hash: sha256Hex(key),
          scoring_version: SCORING_VERSION,
          active_minutes: Math.round(syntheticActiveSeconds(instrument, answers, language, pace) / 60),
        });
        for (const [scaleId, score] of Object.entries(scoreResponse(instrument, answers))) {
          if (score !== null) scores.push({ response_id: id, wave_id: opts.waveId, municipality_id: m.id, unit_id: unitId, scale_id: scaleId, score });
        }
      }
    }
  }
  for (let s = 0; s < responses.length; s += 250) await db.insertInto('response').values(responses.slice(s, s + 250)).execute();
  for (let s = 0; s < scores.length; s += 2000) await db.insertInto('response_score').values(scores.slice(s, s + 2000)).execute();
  return responses.length;
}
