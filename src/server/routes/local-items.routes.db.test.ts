// Local items: a municipality's own systems in a wave. Added by the platform admin until the wave opens,
// served only to that municipality's respondents (base instrument + a generated section after the
// technologies), validated and pruned with the served questionnaire, and reported apart in the frozen release.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instrument } from '../../contracts/instrument.js';
import type { ReleaseView } from '../../contracts/release.js';
import { validateInstrument } from '../../domain/instrument.js';
import { LOCAL_SECTION_ID } from '../../domain/local-items.js';
import { buildAdmin, buildLeader, buildLink, buildMunicipality, buildProject, buildUnit, buildWave, TEST_NOW } from '../test/factories.js';
import { buildTestApp, login, type LoggedIn, type TestApp } from '../test/test-app.js';

const DAY = 24 * 60 * 60 * 1000;
const OPENS = new Date(TEST_NOW.getTime() + 7 * DAY);
const CLOSES = new Date(TEST_NOW.getTime() + 30 * DAY);

let t: TestApp;
let full: Instrument;
let gol: { id: string };
let hol: { id: string };
let golUnit: { id: string };
let wave: { id: string };
let golLink: { token: string };
let holLink: { token: string };
let admin: LoggedIn;
let adminAccount: { email: string; password: string };
let leaderAccount: { email: string; password: string };

const gerica = { nb: 'Gerica', nn: 'Gerica', en: 'Gerica' };
const gat = { nb: 'GAT (turnus)', nn: 'GAT (turnus)', en: 'GAT (rosters)' };

beforeAll(async () => {
  t = await buildTestApp();
  // The real full form (loaded from instruments/ into the test database), so placement after the technologies is checked.
  full = await t.services.instruments.get('digikompass', '1.0.0');
  gol = await buildMunicipality(t.db, { name: 'Gol' });
  hol = await buildMunicipality(t.db, { name: 'Hol' });
  golUnit = await buildUnit(t.db, { municipalityId: gol.id, name: 'Heimetenesta', staffCount: 30 });
  await buildUnit(t.db, { municipalityId: hol.id, name: 'Heimetenesta', staffCount: 30 });
  const project = await buildProject(t.db, { kMin: 5 });
  wave = await buildWave(t.db, { projectId: project.id, instrument: full, opensAt: OPENS, closesAt: CLOSES });
  golLink = await buildLink(t.db, { waveId: wave.id, municipalityId: gol.id });
  holLink = await buildLink(t.db, { waveId: wave.id, municipalityId: hol.id });
  adminAccount = await buildAdmin(t.db);
  admin = await login(t.app, adminAccount.email, adminAccount.password);
  leaderAccount = await buildLeader(t.db, { municipalityId: gol.id });
});
afterAll(async () => {
  await t.close();
});

const add = (body: Record<string, unknown>, session = admin, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/waves/${wave.id}/local-items`, payload: body, headers: { ...session.headers, ...headers } });

/** Runs `fn` with the clock at `at`, logged in afresh as `account` (sessions expire over days). */
async function at<T>(when: Date, fn: (session: LoggedIn) => Promise<T>, account = adminAccount): Promise<T> {
  t.clock.set(when);
  try {
    return await fn(await login(t.app, account.email, account.password));
  } finally {
    t.clock.set(TEST_NOW);
  }
}

describe('adding local systems before the wave opens', () => {
  it('adds, renames and removes them in the municipality namespace, and audits every change', async () => {
    const first = await add({ municipalityId: gol.id, key: 'gerica', name: gerica });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      waveId: wave.id,
      municipalityId: gol.id,
      key: 'gerica',
      name: gerica,
      itemIds: { use: `local:${gol.id}:use_gerica`, confidence: `local:${gol.id}:conf_gerica` },
      editable: true,
    });
    const second = await add({ municipalityId: gol.id, key: 'gat', name: { nb: 'GAT', nn: 'GAT', en: 'GAT' } });
    expect(second.statusCode).toBe(201);
    const renamed = await t.app.inject({ method: 'PATCH', url: `/api/v1/waves/${wave.id}/local-items/${second.json().id}`, payload: { name: gat }, headers: admin.headers });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toEqual(gat);
    const extra = await add({ municipalityId: gol.id, key: 'extra', name: { nb: 'X', nn: 'X', en: 'X' } });
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/waves/${wave.id}/local-items/${extra.json().id}`, headers: admin.headers });
    expect(removed.statusCode).toBe(204);

    const list = await t.app.inject({ url: `/api/v1/waves/${wave.id}/local-items`, headers: { cookie: admin.cookie } });
    expect(list.json().map((i: { key: string; name: unknown }) => [i.key, i.name])).toEqual([
      ['gerica', gerica],
      ['gat', gat],
    ]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('object_type', '=', 'local_item').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['local_item.create', 'local_item.create', 'local_item.update', 'local_item.create', 'local_item.delete']);
  });

  it('refuses a used key, a malformed key and an empty name with messages in the caller’s language', async () => {
    const again = await add({ municipalityId: gol.id, key: 'gerica', name: gerica });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].path).toBe('key');
    const bad = await add({ municipalityId: gol.id, key: 'Gerica EPJ', name: { ...gerica, nn: ' ' } }, admin, { 'accept-language': 'nn' });
    expect(bad.statusCode).toBe(400);
    const errors = Object.fromEntries(bad.json().errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(errors.key).toBe('Bruk berre små engelske bokstavar, siffer og understrek, og byrj med ein bokstav.');
    expect(errors['name.nn']).toBeDefined();
    const unknown = await add({ municipalityId: '00000000-0000-4000-8000-000000000000', key: 'x', name: gerica });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('municipalityId');
  });

  it('lets only the platform admin change them; a leader reads their own municipality’s', async () => {
    const leader = await login(t.app, leaderAccount.email, leaderAccount.password);
    expect((await add({ municipalityId: gol.id, key: 'mine', name: gerica }, leader)).statusCode).toBe(403);
    const own = await t.app.inject({ url: `/api/v1/waves/${wave.id}/local-items`, headers: { cookie: leader.cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.json().map((i: { key: string }) => i.key)).toEqual(['gerica', 'gat']);
    const other = await t.app.inject({ url: `/api/v1/waves/${wave.id}/local-items?municipalityId=${hol.id}`, headers: { cookie: leader.cookie } });
    expect(other.statusCode).toBe(404);
  });
});

describe('once the wave has opened for the municipality', () => {
  it('refuses to add, rename or remove, with a clear message (409)', async () => {
    const [item] = (await t.app.inject({ url: `/api/v1/waves/${wave.id}/local-items`, headers: { cookie: admin.cookie } })).json() as { id: string }[];
    await at(new Date(OPENS.getTime() + 1000), async (session) => {
      const added = await add({ municipalityId: gol.id, key: 'late', name: gerica }, session, { 'accept-language': 'nb' });
      expect(added.statusCode).toBe(409);
      expect(added.json().detail).toBe('Lokale systemer kan bare legges til eller endres før runden åpner for kommunen, og denne runden har åpnet.');
      const renamed = await t.app.inject({ method: 'PATCH', url: `/api/v1/waves/${wave.id}/local-items/${item!.id}`, payload: { name: gat }, headers: { ...session.headers, 'accept-language': 'en' } });
      expect(renamed.statusCode).toBe(409);
      expect(renamed.json().detail).toMatch(/only be added or changed before the wave opens/);
      const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/waves/${wave.id}/local-items/${item!.id}`, headers: session.headers });
      expect(removed.statusCode).toBe(409);
      const list = await t.app.inject({ url: `/api/v1/waves/${wave.id}/local-items`, headers: { cookie: session.cookie } });
      expect(list.json().map((i: { editable: boolean }) => i.editable)).toEqual([false, false]);
    });
    // A municipality whose own opening date is later may still change its items.
    await t.db.insertInto('wave_municipality').values({ wave_id: wave.id, municipality_id: hol.id, opens_at: new Date(OPENS.getTime() + 2 * 3600_000), closes_at: null }).execute();
    await at(new Date(OPENS.getTime() + 1000), async (session) => {
      const added = await add({ municipalityId: hol.id, key: 'profil', name: { nb: 'Profil', nn: 'Profil', en: 'Profil' } }, session);
      expect(added.statusCode).toBe(201);
      await t.app.inject({ method: 'DELETE', url: `/api/v1/waves/${wave.id}/local-items/${added.json().id}`, headers: session.headers });
    });
  });
});

describe('the served survey', () => {
  type Survey = { instrument: Instrument };
  const open = new Date(OPENS.getTime() + DAY);

  it('holds the local section after the technologies for that municipality only; the stored instrument is unchanged', async () => {
    const [golSurvey, holSurvey] = await at(open, async () => [
      (await t.app.inject({ url: `/api/v1/survey/${golLink.token}` })).json() as Survey,
      (await t.app.inject({ url: `/api/v1/survey/${holLink.token}` })).json() as Survey,
    ]);
    const ids = golSurvey.instrument.sections.map((s) => s.id);
    expect(ids.slice(ids.indexOf('systems'), ids.indexOf('systems') + 3)).toEqual(['systems', LOCAL_SECTION_ID, 'training']);
    const local = golSurvey.instrument.sections.find((s) => s.id === LOCAL_SECTION_ID)!;
    expect(local.title.nn).toBe('Lokale system');
    expect(local.items.map((i) => i.id)).toEqual([`local:${gol.id}:use_gerica`, `local:${gol.id}:use_gat`, `local:${gol.id}:conf`]);
    expect(validateInstrument(golSurvey.instrument)).toEqual([]);
    expect(holSurvey.instrument).toEqual(JSON.parse(JSON.stringify(full)));
    const stored = await t.db.selectFrom('instrument').select('definition').where('id', '=', 'digikompass').where('version', '=', '1.0.0').executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.definition)).not.toContain('local:');
  });

  it('takes answers to them, prunes a hidden confidence answer, and refuses an unknown option', async () => {
    const use = (key: string) => `local:${gol.id}:use_${key}`;
    const conf = (key: string) => `local:${gol.id}:conf_${key}`;
    await at(open, async () => {
      const submit = (answers: Record<string, unknown>, token = golLink.token) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/survey/${token}/responses`,
          payload: { idempotencyKey: crypto.randomUUID(), consentVersion: 1, language: 'nn', unitId: token === golLink.token ? golUnit.id : null, answers },
        });
      // Six use Gerica daily (confident 4), GAT weekly except one who never does (and whose confidence answer is hidden).
      for (let i = 0; i < 6; i++) {
        const res = await submit({ 'dk:use_alarm': 'daily', [use('gerica')]: 'daily', [conf('gerica')]: 4, [use('gat')]: i === 0 ? 'never' : 'weekly', [conf('gat')]: 2 });
        expect(res.statusCode).toBe(201);
      }
      const wrong = await submit({ [use('gerica')]: 'hourly' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors[0].path).toBe(`answers.${use('gerica')}`);
      // Another municipality's respondents were never asked: the answer is not kept.
      expect((await submit({ [use('gerica')]: 'daily' }, holLink.token)).statusCode).toBe(201);
    });
    const rows = await t.db.selectFrom('response').select(['municipality_id', 'answers']).where('wave_id', '=', wave.id).execute();
    const golRows = rows.filter((r) => r.municipality_id === gol.id).map((r) => r.answers as Record<string, unknown>);
    expect(golRows).toHaveLength(6);
    expect(golRows.filter((a) => conf('gat') in a)).toHaveLength(5);
    expect(golRows.every((a) => a[conf('gerica')] === 4 && a['dk:use_alarm'] === 'daily')).toBe(true);
    const holRow = rows.find((r) => r.municipality_id === hol.id)!.answers as Record<string, unknown>;
    expect(Object.keys(holRow).some((k) => k.startsWith('local:'))).toBe(false);
  });

  it('prunes draft answers with the served questionnaire too', async () => {
    await at(open, async () => {
      const created = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${golLink.token}/drafts`, payload: { consentVersion: 1, language: 'nn' } });
      const { draftId, draftToken } = created.json();
      const answers = { [`local:${gol.id}:use_gerica`]: 'never', [`local:${gol.id}:conf_gerica`]: 5, [`local:${gol.id}:use_gat`]: 'daily' };
      const saved = await t.app.inject({ method: 'PUT', url: `/api/v1/survey/${golLink.token}/drafts/${draftId}`, payload: { draftToken, answers, language: 'nn', unitId: null, sectionIndex: 9 } });
      expect(saved.statusCode).toBe(200);
      const state = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${golLink.token}/drafts/${draftId}/state`, payload: { draftToken } });
      expect(state.json().answers).toEqual({ [`local:${gol.id}:use_gerica`]: 'never', [`local:${gol.id}:use_gat`]: 'daily' });
    });
  });
});

describe('the frozen release', () => {
  const views: Record<string, ReleaseView> = {};
  const after = new Date(CLOSES.getTime() + DAY);
  const use = (key: string) => `local:${gol.id}:use_${key}`;
  const conf = (key: string) => `local:${gol.id}:conf_${key}`;
  beforeAll(async () => {
    // Six more in Gol (twelve in all, enough for distributions to be shown): Gerica and GAT weekly.
    await at(new Date(OPENS.getTime() + DAY), async () => {
      for (let i = 0; i < 6; i++) {
        const answers = { 'dk:use_alarm': 'daily', [use('gerica')]: 'weekly', [conf('gerica')]: 3, [use('gat')]: 'weekly', [conf('gat')]: 2 };
        const res = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${golLink.token}/responses`, payload: { idempotencyKey: crypto.randomUUID(), consentVersion: 1, language: 'nn', unitId: golUnit.id, answers } });
        expect(res.statusCode).toBe(201);
      }
    });
    await at(after, async (session) => {
      expect(await t.services.releases.buildDue()).toBe(2);
      for (const m of [gol, hol]) views[m.id] = (await t.app.inject({ url: `/api/v1/waves/${wave.id}/release?municipalityId=${m.id}`, headers: { cookie: session.cookie } })).json();
    });
  });

  it('holds the local systems in their own section after the technologies, never among the core items', () => {
    const own = views[gol.id]!.own!;
    const ids = own.sections.map((x) => x.id);
    expect(ids.slice(ids.indexOf('systems'), ids.indexOf('systems') + 3)).toEqual(['systems', LOCAL_SECTION_ID, 'training']);
    const local = own.info.filter((a) => a.sectionId === LOCAL_SECTION_ID);
    expect(local.map((a) => [a.id, a.kind, a.text.nb])).toEqual([
      [use('gerica'), 'single', 'Gerica'],
      [use('gat'), 'single', 'GAT (turnus)'],
      [conf('gerica'), 'likert', 'Gerica'],
      [conf('gat'), 'likert', 'GAT (turnus)'],
    ]);
    expect(own.info.filter((a) => a.sectionId !== LOCAL_SECTION_ID).some((a) => a.source.startsWith('local:'))).toBe(false);
    expect(own.info.some((a) => a.id === 'dk:use_alarm' && a.sectionId !== LOCAL_SECTION_ID)).toBe(true);
  });

  it('counts them for the whole municipality and by unit (the heat-map), with small counts protected', () => {
    const answers = views[gol.id]!.own!.answers;
    const shown = (id: string) => Object.fromEntries(Object.entries(answers[id]!.categories).flatMap(([c, f]) => (f.shown ? [[c, f.n]] : [])));
    expect(shown(use('gerica'))).toEqual({ weekly: 6, daily: 6 });
    expect(shown(conf('gerica'))).toEqual({ 3: 6, 4: 6 });
    expect(answers[use('gerica')]!.byGroup).toHaveProperty('unit');
    // GAT: one never uses it, eleven weekly. Shown only as a band ("all or almost all weekly"), so the one is not given away;
    // and that one was never asked their confidence with it.
    expect(answers[use('gat')]!.categories).toMatchObject({ weekly: { shown: false, reason: 'all_same', band: 'almost_all' }, never: { shown: false, band: 'few' } });
    expect(answers[conf('gat')]!.categories).toMatchObject({ 2: { shown: false, band: 'almost_all' }, '#not_asked': { shown: false, reason: 'below_k' } });
  });

  it('are in no other municipality’s release', () => {
    const own = views[hol.id]!.own!;
    expect(own.sections.map((x) => x.id)).not.toContain(LOCAL_SECTION_ID);
    expect(Object.keys(own.answers).some((id) => id.startsWith('local:'))).toBe(false);
  });
});
