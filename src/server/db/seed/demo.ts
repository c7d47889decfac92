/**
 * Demo data: the project "Digital kompetanse i Hallingdal og Vest-Telemark 2025–2027" with two regions,
 * the twelve municipalities and their units, a closed T0 wave with about 1,300 synthetic responses and
 * an open T1 wave with about 150 so far, survey links with fixed tokens (demo-gol-t1, …) and two demo
 * accounts. Gol's home care answers the short form in both waves, and Gol asks about two local systems.
 * About two thirds of each municipality's T1 respondents are T0 respondents again, linked (person id and
 * link method: earlier receipt, remembered device or self-generated code) with the same background
 * answers and a latent competence that has grown a little, so that paired change can be studied.
 * Every response has a measured completion time that fits what its respondent was shown.
 * Deterministic (seeded PRNG) and idempotent; refuses to run with NODE_ENV=production.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { AccountBinding, LinkMethod, Role } from '../../../contracts/api.js';
import type { Answers, Instrument, Language } from '../../../contracts/instrument.js';
import { LOCAL_SECTION_ID } from '../../../domain/local-items.js';
import { SCORING_VERSION, scoreResponse } from '../../../domain/scoring.js';
import { osloDate, type Clock } from '../../adapters/clock.js';
import { sha256Hex } from '../../adapters/secrets.js';
import type { Services } from '../../services/index.js';
import { json, type DB, type ResponseScoreTable, type ResponseTable } from '../schema.js';
import { createRng, type Rng } from './random.js';
import { modelOf, personalLogSpeed, syntheticActiveSeconds, syntheticAnswers, type InstrumentModel } from './synthetic.js';

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

/**
 * Public facts about the twelve municipalities, for breakdowns by size class, county and centrality.
 * Population on 1 January 2024 (SSB table 07459, as quoted by Wikipedia); those marked "≈" are
 * approximate: a nearby year's figure, rounded. 1 January 2025 figures were not at hand; an SSB file can
 * replace these in the admin's Municipalities tab. Counties from 2024: Buskerud 33, Telemark 40.
 * Centrality: SSB's 2020 classes as listed in the Government's "Regionale utviklingstrekk 2025", appendix 10
 * (Gol 4; Hol, Ål, Hemsedal, Nesbyen, Flå, Seljord, Kviteseid 5; Vinje, Tokke, Fyresdal, Nissedal 6) —
 * read from a text copy of the table, so approximate until checked against KLASS 128.
 */
export const DEMO_ATTRIBUTES: Record<string, { population: number; populationYear: number; countyCode: string; countyName: string; centrality: 4 | 5 | 6 }> = {
  '3320': { population: 1060, populationYear: 2024, countyCode: '33', countyName: 'Buskerud', centrality: 5 }, // ≈ (1,057 in 2022)
  '3322': { population: 3301, populationYear: 2024, countyCode: '33', countyName: 'Buskerud', centrality: 5 },
  '3324': { population: 4986, populationYear: 2024, countyCode: '33', countyName: 'Buskerud', centrality: 4 },
  '3326': { population: 2666, populationYear: 2024, countyCode: '33', countyName: 'Buskerud', centrality: 5 },
  '3328': { population: 4870, populationYear: 2024, countyCode: '33', countyName: 'Buskerud', centrality: 5 }, // ≈ (4,862 in 2023)
  '3330': { population: 4500, populationYear: 2024, countyCode: '33', countyName: 'Buskerud', centrality: 5 }, // ≈ (4,506 in 2023)
  '4022': { population: 2979, populationYear: 2024, countyCode: '40', countyName: 'Telemark', centrality: 5 },
  '4028': { population: 2450, populationYear: 2024, countyCode: '40', countyName: 'Telemark', centrality: 5 }, // ≈
  '4030': { population: 1460, populationYear: 2024, countyCode: '40', countyName: 'Telemark', centrality: 6 }, // ≈
  '4032': { population: 1300, populationYear: 2024, countyCode: '40', countyName: 'Telemark', centrality: 6 }, // ≈
  '4034': { population: 2212, populationYear: 2024, countyCode: '40', countyName: 'Telemark', centrality: 6 },
  '4036': { population: 3830, populationYear: 2024, countyCode: '40', countyName: 'Telemark', centrality: 6 }, // ≈ (3,832 in 2023)
};

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
    const attributes = DEMO_ATTRIBUTES[def.ssbCode];
    if (attributes) await services.repos.municipalityAttributes.update(m.id, attributes, now);
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
  // Benchmarks: every municipality but Flå has said yes to being compared, so the region coordinator's view and
  // the leaders' comparisons (other municipalities in the region, outside it) have figures.
  for (const m of municipalities) if (m.def.slug !== 'flaa') await services.repos.organisation.setBenchmarkOptIn(project.id, m.id, true);
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
  const formFor = async (wave: { id: string; opensAt: string }, m: { id: string; def: DemoMunicipality }, unitId: string): Promise<Form> => {
    const base = short && unitId === golHome.id ? short : instrument;
    const served = await services.localItems.served({
      instrumentId: base.id, instrumentVersion: base.version, waveId: wave.id, municipalityId: m.id, opensAt: new Date(wave.opensAt),
    });
    if (base === instrument && !served.sections.some((s) => s.id === LOCAL_SECTION_ID)) return { instrument, model };
    // Only the other forms get models of their own, so every other municipality's answers stay as they were.
    const key = `${base.id}@${base.version}:${m.id}`;
    let form = otherForms.get(key);
    // Seeded by the municipality's slug, not its (random) database id, so that the demo data are the same every time.
    if (!form) otherForms.set(key, (form = { instrument: served, model: modelOf(served, rng.fork(`instrument:${base.id}@${base.version}:${m.def.slug}`)) }));
    return form;
  };
  const people = rng.fork('people');
  const t0People = await insertResponses(db, (m, unitId) => formFor(t0, m, unitId), {
    rng: people.fork('t0'),
    waveId: t0.id,
    municipalities,
    consentVersion,
    rate: (r) => Math.min(0.95, Math.max(0.4, r.normal(0.84, 0.1))) * scale,
    growth: 0,
    dates: { from: new Date(t0.opensAt), to: new Date(t0.closesAt) },
  });
  const t1People = await insertResponses(db, (m, unitId) => formFor(t1, m, unitId), {
    rng: people.fork('t1'),
    waveId: t1.id,
    municipalities,
    consentVersion,
    rate: (r) => Math.min(0.3, Math.max(0, r.normal(0.1, 0.05))) * scale,
    growth: 0.2,
    dates: { from: t1Opens, to: now },
    linkTo: { earlier: t0People, share: (r) => 0.6 + 0.1 * r.next(), gain: 0.2, noise: 0.25 },
  });
  const t0Count = t0People.length;
  const t1Count = t1People.length;
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

/** One synthetic respondent of a wave, as a later wave may meet them again. */
interface SeededPerson {
  personId: string;
  municipalityId: string;
  /** The unit they were generated in (the response may leave it out). */
  unitId: string;
  theta: number;
  language: Language;
  /** Their pace (log factor), which they keep. */
  logSpeed: number;
  /** Their answers to the first section's single-choice questions (profession, age band, …). */
  background: Answers;
}

/** How linked respondents came back: most by their receipt, some by a remembered device, some by the self-generated code. */
const LINK_METHODS: { method: LinkMethod; weight: number }[] = [
  { method: 'receipt', weight: 0.45 },
  { method: 'device', weight: 0.3 },
  { method: 'code', weight: 0.25 },
];

/** The first section's single-choice answers: what a person answers the same way in the next wave. */
function backgroundOf(instrument: Instrument, answers: Answers): Answers {
  const first = instrument.sections[0];
  const out: Answers = {};
  for (const item of first?.items ?? []) if (item.type === 'single' && Object.hasOwn(answers, item.id)) out[item.id] = answers[item.id]!;
  return out;
}

/** An earlier respondent of the municipality, preferably of the same unit, taken out of the pool. */
function takeEarlier(pool: SeededPerson[], unitId: string, rng: Rng): SeededPerson | undefined {
  const sameUnit = pool.flatMap((p, i) => (p.unitId === unitId ? [i] : []));
  const candidates = sameUnit.length > 0 ? sameUnit : pool.map((_, i) => i);
  if (candidates.length === 0) return undefined;
  const [person] = pool.splice(rng.pick(candidates), 1);
  return person;
}

async function insertResponses(
  db: Kysely<DB>,
  formFor: (municipality: { id: string; def: DemoMunicipality }, unitId: string) => Promise<Form>,
  opts: {
    rng: Rng;
    waveId: string;
    municipalities: { def: DemoMunicipality; id: string; units: { id: string; name: string; staff: number }[] }[];
    consentVersion: number;
    rate: (rng: Rng) => number;
    /** Competence gained since T0. */
    growth: number;
    dates: { from: Date; to: Date };
    /**
     * Meet earlier respondents again: in each municipality `share` of the responses are people of `earlier`
     * (same person id, a link method), with theta = their earlier theta + gain + N(0, noise) and the same background.
     */
    linkTo?: { earlier: readonly SeededPerson[]; share: (rng: Rng) => number; gain: number; noise: number };
  },
): Promise<SeededPerson[]> {
  const { rng } = opts;
  // Its own stream, so that adding completion times left every answer as it was.
  const pace = rng.fork('active-time');
  const responses: Insertable<ResponseTable>[] = [];
  const scores: Insertable<ResponseScoreTable>[] = [];
  const people: SeededPerson[] = [];
  // Its own stream too: who comes back, their link method and change.
  const linking = rng.fork('linking');

  // Municipality and unit effects are the same in both waves (seeded by name, not by wave).
  const effects = createRng('digikompass-demo-effects');
  const span = Math.max(0, opts.dates.to.getTime() - opts.dates.from.getTime());
  let i = 0;
  for (const m of opts.municipalities) {
    const municipalityEffect = effects.fork(m.def.slug).normal(0, 0.15) + (m.def.region === 'hallinghelse' ? 0.05 : -0.05);
    const sizes = m.units.map((unit) => Math.round(unit.staff * opts.rate(rng)));
    // Which of the municipality's responses come from earlier respondents: a seeded choice of round(share × n).
    const pool = opts.linkTo ? opts.linkTo.earlier.filter((p) => p.municipalityId === m.id) : [];
    const total = sizes.reduce((a, b) => a + b, 0);
    const linkedCount = opts.linkTo ? Math.min(pool.length, Math.round(total * opts.linkTo.share(linking))) : 0;
    const slots = [...Array(total).keys()];
    for (let j = slots.length - 1; j > 0; j--) {
      const r = linking.int(0, j);
      [slots[j], slots[r]] = [slots[r]!, slots[j]!];
    }
    const linkedSlots = new Set(slots.slice(0, linkedCount));
    let slot = 0;
    for (const [unitIndex, unit] of m.units.entries()) {
      const unitEffect = effects.fork(`${m.def.slug}:${unit.name}`).normal(0, 0.15);
      const { instrument, model } = await formFor(m, unit.id);
      const n = sizes[unitIndex]!;
      for (let k = 0; k < n; k++) {
        const earlier = opts.linkTo && linkedSlots.has(slot) ? takeEarlier(pool, unit.id, linking) : undefined;
        slot++;
        const fresh: Language = rng.chance(0.03) ? 'en' : rng.chance(0.1) ? (m.def.language === 'nn' ? 'nb' : 'nn') : m.def.language;
        const language = earlier?.language ?? fresh;
        const theta = earlier
          ? earlier.theta + opts.linkTo!.gain + linking.normal(0, opts.linkTo!.noise)
          : municipalityEffect + unitEffect + opts.growth + rng.normal(0, 0.7);
        const answers = syntheticAnswers(model, { theta, language, ...(earlier ? { background: earlier.background } : {}) }, rng);
        const id = randomUUID();
        const personId = earlier?.personId ?? randomUUID();
        const logSpeed = earlier?.logSpeed ?? personalLogSpeed(pace);
        people.push({ personId, municipalityId: m.id, unitId: unit.id, theta, language, logSpeed, background: backgroundOf(instrument, answers) });
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
          active_minutes: Math.round(syntheticActiveSeconds(instrument, answers, language, pace, logSpeed) / 60),
          person_id: personId,
          link_method: earlier ? linking.weighted(LINK_METHODS, (x) => x.weight).method : null,
        });
        for (const [scaleId, score] of Object.entries(scoreResponse(instrument, answers))) {
          if (score !== null) scores.push({ response_id: id, wave_id: opts.waveId, municipality_id: m.id, unit_id: unitId, scale_id: scaleId, score });
        }
      }
    }
  }
  for (let s = 0; s < responses.length; s += 250) await db.insertInto('response').values(responses.slice(s, s + 250)).execute();
  for (let s = 0; s < scores.length; s += 2000) await db.insertInto('response_score').values(scores.slice(s, s + 2000)).execute();
  return people;
}
