// Two forms of one questionnaire in a wave (full and short): the measured completion time per form,
// stored coarsely and shown as a median from k responses on; and the short form's scale scores reported
// apart from the full form's, never pooled, with the same small-cell protection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Instrument } from '../../contracts/instrument.js';
import { testInstrument } from '../test/fixtures.js';
import { buildAdmin, buildInstrument, buildLeader, buildLink, buildMunicipality, buildProject, buildUnit, buildWave, TEST_NOW } from '../test/factories.js';
import { buildTestApp, login, type LoggedIn, type TestApp } from '../test/test-app.js';

const t3 = (s: string) => ({ nb: s, nn: s, en: s });
/** The test questionnaire's short form: its own id, two of the three items, its own scale. */
const shortForm = Instrument.parse({
  ...testInstrument({ id: 'test-survey-short' }),
  form: 'short',
  scales: [{ id: 'skills_short', label: t3('Skills (short)'), kind: 'area', items: [{ item: 'ts:q1' }, { item: 'ts:q2' }] }],
});
const AFTER_CLOSE = new Date('2026-03-21T00:00:00Z');

let t: TestApp;
let gol: { id: string };
let hol: { id: string };
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

describe('short-form scale scores', () => {
  type Group = { unitId: string | null; responses: unknown; scores: Record<string, { suppressed: boolean; n?: number; mean?: number; levels?: number[] }> };

  it('are reported apart from the full form, hidden while fewer than k responses gave them', async () => {
    const body = await as(adminAccount, async (admin) => (await get(admin, `/api/v1/waves/${wave.id}/results?municipalityId=${gol.id}`)).json(), AFTER_CLOSE);
    // The wave's own form counts only its own responses: seven, none of the short ones.
    expect(body).toMatchObject({ instrumentId: 'test-survey', form: 'full' });
    expect(body.scales.map((s: { id: string }) => s.id)).toEqual(['skills']);
    expect(body.groups[0]).toMatchObject({ unitId: null, responses: 7, scores: { skills: { suppressed: false, n: 7 } } });
    expect(body.otherForms).toHaveLength(1);
    const short = body.otherForms[0];
    expect(short).toMatchObject({ instrumentId: 'test-survey-short', form: 'short' });
    expect(short.scales.map((s: { id: string }) => s.id)).toEqual(['skills_short']);
    expect(short.groups[0]).toMatchObject({ unitId: null, responses: { suppressed: true, reason: 'below_k' }, scores: { skills_short: { suppressed: true } } });
    expect(JSON.stringify(short)).not.toMatch(/"mean"/);
  });

  it('show once k responses gave them, with levels, level descriptions and cut-points', async () => {
    t.clock.set(new Date('2026-03-18T00:00:00Z'));
    try {
      expect((await submit(shortLink.token, units[1]!.id, 3, 300)).statusCode).toBe(201);
    } finally {
      t.clock.set(TEST_NOW);
    }
    const body = await as(adminAccount, async (admin) => (await get(admin, `/api/v1/waves/${wave.id}/results?municipalityId=${gol.id}`)).json(), AFTER_CLOSE);
    const short = body.otherForms[0];
    const [total, a, b] = short.groups as Group[];
    // Five answers of 3 on both items: 100 × (3 − 1) ÷ 4 = 50, the second of four levels (cut-points 25 / 50 / 75).
    expect(total).toMatchObject({ responses: 5, scores: { skills_short: { suppressed: false, n: 5, mean: 50, levels: [0, 0, 5, 0] } } });
    // Per unit the usual rule holds: A gave no short-form answers and is hidden, so B (= total − A) is hidden too.
    expect(a).toMatchObject({ responses: { suppressed: true, reason: 'below_k' } });
    expect(b).toMatchObject({ unitId: units[1]!.id, responses: { suppressed: true, reason: 'complementary' }, scores: { skills_short: { suppressed: true } } });
    expect(body.groups[0].responses).toBe(7);
    expect(short.levelCutPoints).toEqual([25, 50, 75]);
    expect(short.levelDescriptions).toHaveLength(4);
    expect(body.levelDescriptions.map((d: { en: string }) => d.en)[0]).toBe('Often unsure; needs guidance for most tasks in this area.');
    expect(body.levelLabels).toHaveLength(4);
  });

  it('do not appear for a municipality whose links serve only the wave’s own form', async () => {
    const body = await as(adminAccount, async (admin) => (await get(admin, `/api/v1/waves/${wave.id}/results?municipalityId=${hol.id}`)).json(), AFTER_CLOSE);
    expect(body.otherForms).toEqual([]);
    expect(body.groups[0].responses).toBe(5);
  });
});
