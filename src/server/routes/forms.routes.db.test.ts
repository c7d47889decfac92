// Two forms of one questionnaire in a wave (full and short): the measured completion time per form,
// stored coarsely and shown as a median from k responses on; and the short form's scale scores reported
// apart from the full form's in the frozen release, never pooled, with the same small-cell protection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Instrument } from '../../contracts/instrument.js';
import type { ReleaseFigure, ReleaseView } from '../../contracts/release.js';
import { testInstrument } from '../test/fixtures.js';
import { buildAdmin, buildInstrument, buildLeader, buildLink, buildMunicipality, buildProject, buildUnit, buildWave, TEST_NOW } from '../test/factories.js';
import { buildTestApp, login, type LoggedIn, type TestApp } from '../test/test-app.js';

const t3 = (s: string) => ({ nb: s, nn: s, en: s });
/** The test questionnaire's short form: its own id, its own scales (an area scale with levels, a trust scale without). */
const shortForm = Instrument.parse({
  ...testInstrument({ id: 'test-survey-short' }),
  form: 'short',
  scales: [
    { id: 'skills_short', label: t3('Skills (short)'), kind: 'area', items: [{ item: 'ts:q1' }, { item: 'ts:q2' }] },
    { id: 'trust_short', label: t3('Trust (short)'), kind: 'trust', items: [{ item: 'ts:q3' }] },
  ],
});
const AFTER_CLOSE = new Date('2026-03-21T00:00:00Z');

let t: TestApp;
let gol: { id: string };
let hol: { id: string };
let al: { id: string };
let units: { id: string }[];
let wave: { id: string };
let fullLink: { token: string };
let shortLink: { token: string };
let holLink: { token: string };
let leaderAccount: { email: string; password: string };
let adminAccount: { email: string; password: string };

async function submit(token: string, unitId: string | null, q: number, activeSeconds?: number) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/survey/${token}/responses`,
    payload: {
      idempotencyKey: crypto.randomUUID(), consentVersion: 1, language: 'nn', unitId, answers: { 'ts:q1': q, 'ts:q2': q, 'ts:q3': 6 - q },
      ...(activeSeconds !== undefined ? { activeSeconds } : {}),
    },
  });
}

async function as<T>(account: { email: string; password: string }, fn: (session: LoggedIn) => Promise<T>, when?: Date): Promise<T> {
  if (when) t.clock.set(when);
  try {
    return await fn(await login(t.app, account.email, account.password));
  } finally {
    t.clock.set(TEST_NOW);
  }
}
const get = (session: LoggedIn, url: string) => t.app.inject({ url, headers: { cookie: session.cookie } });

beforeAll(async () => {
  t = await buildTestApp();
  await buildInstrument(t.db, shortForm);
  gol = await buildMunicipality(t.db, { name: 'Gol' });
  hol = await buildMunicipality(t.db, { name: 'Hol' });
  units = [
    await buildUnit(t.db, { municipalityId: gol.id, name: 'A sjukeheim', staffCount: 20 }),
    await buildUnit(t.db, { municipalityId: gol.id, name: 'B heimeteneste', staffCount: 20 }),
  ];
  const holUnit = await buildUnit(t.db, { municipalityId: hol.id, name: 'Hol sjukeheim', staffCount: 20 });
  const project = await buildProject(t.db, { kMin: 5 });
  wave = await buildWave(t.db, { projectId: project.id, opensAt: new Date('2026-03-01T00:00:00Z'), closesAt: new Date('2026-03-20T00:00:00Z') });
  fullLink = await buildLink(t.db, { waveId: wave.id, municipalityId: gol.id });
  shortLink = await buildLink(t.db, { waveId: wave.id, municipalityId: gol.id, unitId: units[1]!.id });
  await t.db.updateTable('survey_link').set({ instrument_id: shortForm.id, instrument_version: shortForm.version }).where('token', '=', shortLink.token).execute();
  holLink = await buildLink(t.db, { waveId: wave.id, municipalityId: hol.id });

  // Gol, full form: six measured (9–14 minutes) and one without a measure. Short form: four measured (4 minutes).
  for (const [i, seconds] of [540, 600, 660, 720, 780, 840].entries()) expect((await submit(fullLink.token, units[0]!.id, 5 - (i % 2), seconds)).statusCode).toBe(201);
  expect((await submit(fullLink.token, units[0]!.id, 5)).statusCode).toBe(201);
  for (let i = 0; i < 4; i++) expect((await submit(shortLink.token, units[1]!.id, 3, 230 + i * 10)).statusCode).toBe(201);
  // Hol: five measured, 20 minutes each.
  for (let i = 0; i < 5; i++) expect((await submit(holLink.token, holUnit.id, 2, 1200)).statusCode).toBe(201);
  // Ål: the short form only, ten unmeasured answers (five of 3, five of 4).
  al = await buildMunicipality(t.db, { name: 'Ål' });
  const alLink = await buildLink(t.db, { waveId: wave.id, municipalityId: al.id });
  await t.db.updateTable('survey_link').set({ instrument_id: shortForm.id, instrument_version: shortForm.version }).where('token', '=', alLink.token).execute();
  for (let i = 0; i < 10; i++) expect((await submit(alLink.token, null, i < 5 ? 3 : 4)).statusCode).toBe(201);
  leaderAccount = await buildLeader(t.db, { municipalityId: gol.id });
  adminAccount = await buildAdmin(t.db);
});
afterAll(async () => {
  await t.close();
});

describe('measured completion time', () => {
  it('is stored as whole minutes only, and null when the browser did not measure it', async () => {
    const rows = await t.db.selectFrom('response').select(['form', 'active_minutes']).where('municipality_id', '=', gol.id).execute();
    const minutes = rows.filter((r) => r.form === 'full').map((r) => r.active_minutes);
    expect(minutes.sort((x, y) => (x ?? 99) - (y ?? 99))).toEqual([9, 10, 11, 12, 13, 14, null]);
    expect(rows.filter((r) => r.form === 'short').map((r) => r.active_minutes)).toEqual([4, 4, 4, 4]);
  });

  it('refuses a negative time or more than a day (400)', async () => {
    for (const seconds of [-1, 86_401, 12.5]) {
      const res = await submit(fullLink.token, null, 3, seconds);
      expect(res.statusCode, String(seconds)).toBe(400);
      expect(res.json().errors[0].path).toBe('activeSeconds');
    }
  });

  it('shows the leader the median per form in participation, hiding a form with fewer than k measured responses', async () => {
    const body = await as(leaderAccount, async (leader) => (await get(leader, `/api/v1/waves/${wave.id}/participation`)).json());
    expect(body.completionTime).toEqual({
      kMin: 5,
      forms: [
        { form: 'full', median: { suppressed: false, n: 6, minutes: 11.5 } },
        { form: 'short', median: { suppressed: true, reason: 'below_k' } },
      ],
    });
    expect(JSON.stringify(body.completionTime)).not.toMatch(/"n":4/);
  });

  it('gives the platform admin the whole wave, or one municipality; a leader only their own', async () => {
    await as(adminAccount, async (admin) => {
      const whole = (await get(admin, `/api/v1/waves/${wave.id}/completion-time`)).json();
      expect(whole).toMatchObject({ waveId: wave.id, municipalityId: null, kMin: 5 });
      // Full: 9, 10, 11, 12, 13, 14 and five times 20 → the median of eleven is 14.
      expect(whole.forms).toEqual([
        { form: 'full', median: { suppressed: false, n: 11, minutes: 14 } },
        { form: 'short', median: { suppressed: true, reason: 'below_k' } },
      ]);
      const holOnly = (await get(admin, `/api/v1/waves/${wave.id}/completion-time?municipalityId=${hol.id}`)).json();
      expect(holOnly.forms).toEqual([{ form: 'full', median: { suppressed: false, n: 5, minutes: 20 } }]);
    });
    await as(leaderAccount, async (leader) => {
      expect((await get(leader, `/api/v1/waves/${wave.id}/completion-time`)).json().municipalityId).toBe(gol.id);
      expect((await get(leader, `/api/v1/waves/${wave.id}/completion-time?municipalityId=${hol.id}`)).statusCode).toBe(404);
    });
    expect((await t.app.inject({ url: `/api/v1/waves/${wave.id}/completion-time` })).statusCode).toBe(401);
  });

  it('is kept with a draft, so that resuming continues the sum', async () => {
    const created = (await t.app.inject({ method: 'POST', url: `/api/v1/survey/${fullLink.token}/drafts`, payload: { consentVersion: 1, language: 'nn' } })).json();
    const save = (extra: Record<string, unknown>) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/survey/${fullLink.token}/drafts/${created.draftId}`,
        payload: { draftToken: created.draftToken, answers: {}, language: 'nn', unitId: null, sectionIndex: 1, ...extra },
      });
    const state = async () => (await t.app.inject({ method: 'POST', url: `/api/v1/survey/${fullLink.token}/drafts/${created.draftId}/state`, payload: { draftToken: created.draftToken } })).json();
    expect((await state()).activeSeconds).toBe(0);
    expect((await save({ activeSeconds: 125 })).statusCode).toBe(200);
    expect((await state()).activeSeconds).toBe(125);
    expect((await save({})).statusCode).toBe(200);
    expect((await state()).activeSeconds).toBe(125);
    expect((await save({ activeSeconds: 90_000 })).statusCode).toBe(400);
  });
});

describe('short-form scale scores in the frozen release', () => {
  const views: Record<string, ReleaseView> = {};
  beforeAll(async () => {
    await as(adminAccount, async (admin) => {
      expect(await t.services.releases.buildDue()).toBe(3);
      for (const m of [gol, hol, al]) views[m.id] = (await get(admin, `/api/v1/waves/${wave.id}/release?municipalityId=${m.id}`)).json();
    }, AFTER_CLOSE);
  });
  const shownOnly = (categories: Record<string, ReleaseFigure>) => Object.fromEntries(Object.entries(categories).filter(([, f]) => f.shown));

  it('are reported apart from the full form, never pooled, and withheld while fewer than k gave them', () => {
    const own = views[gol.id]!.own!;
    expect(own.respondents).toEqual({ shown: true, n: 11 });
    expect(own.scales.map((s) => [s.id, s.form])).toEqual([['skills', 'full'], ['skills_short', 'short'], ['trust_short', 'short']]);
    expect(own.info.find((a) => a.kind === 'form')!.categories).toEqual(['test-survey@1.0.0', 'test-survey-short@1.0.0']);
    // The full form's scale counts only its own seven responses (four scores of 100, three of 75), none of the short ones.
    expect(own.means.skills!.total).toMatchObject({ shown: true, n: 7, mean: expect.closeTo((4 * 100 + 3 * 75) / 7, 9) });
    // Four short-form responses: their scales show nothing, though the municipality has eleven.
    expect(own.means.skills_short!.total).toEqual({ shown: false, reason: 'below_k' });
    expect(own.means.trust_short!.total).toEqual({ shown: false, reason: 'below_k' });
    expect(shownOnly(own.answers['level:skills_short']!.categories)).toEqual({});
  });

  it('show once k responses gave them: means, levels for an area scale only, level descriptions and cut-points', () => {
    const own = views[al.id]!.own!;
    // Five answers of 3 (skills 50, trust 50) and five of 4 (skills 75, trust 25: q3 is 6 − q).
    expect(own.means.skills_short!.total).toMatchObject({ shown: true, n: 10, mean: 62.5 });
    expect(own.means.trust_short!.total).toMatchObject({ shown: true, n: 10, mean: 37.5 });
    expect(shownOnly(own.answers['level:skills_short']!.categories)).toEqual({ '2': { shown: true, n: 5 }, '3': { shown: true, n: 5 } });
    expect(own.answers['level:trust_short']).toBeUndefined();
    expect(own.levelCutPoints).toEqual([25, 50, 75]);
    expect(own.levels).toHaveLength(4);
    expect(own.levelDescriptions!.map((d) => d.en)[0]).toBe('Often unsure; needs guidance for most tasks in this area.');
  });

  it('do not appear for a municipality that answered only the wave’s own form', () => {
    const own = views[hol.id]!.own!;
    expect(own.respondents).toEqual({ shown: true, n: 5 });
    expect(own.scales.map((s) => s.id)).toEqual(['skills']);
    expect(Object.keys(own.means)).toEqual(['skills']);
    expect(own.info.some((a) => a.kind === 'form')).toBe(false);
  });
});
