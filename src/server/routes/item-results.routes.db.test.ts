// Item results: counts per option of the choice items for a whole municipality, with small-cell protection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Instrument, type LocalizedText } from '../../contracts/instrument.js';
import { buildAdmin, buildLeader, buildLink, buildMunicipality, buildProject, buildUnit, buildWave } from '../test/factories.js';
import { buildTestApp, login, type LoggedIn, type TestApp } from '../test/test-app.js';

const t3 = (s: string): LocalizedText => ({ nb: s, nn: s, en: s });
const options = (...values: string[]) => values.map((value) => ({ value, label: t3(value) }));

/** Unit, a single choice, a multi choice with an exclusive option, a single shown only to nurses, free text. */
const instrument = Instrument.parse({
  id: 'items-test',
  version: '1.0.0',
  title: t3('Items'),
  likertScales: [{ id: 'agree5', points: [1, 2, 3, 4, 5].map((value) => ({ value, label: t3(`v${value}`) })) }],
  sections: [
    {
      id: 'about',
      title: t3('About'),
      items: [
        { id: 'it:unit', type: 'unit', text: t3('Unit') },
        { id: 'it:role', type: 'single', text: t3('Role'), options: options('nurse', 'helper', 'assistant', 'other') },
        { id: 'it:followup', type: 'single', text: t3('Follow-up'), options: options('yes', 'no'), showIf: { item: 'it:role', op: 'eq', value: 'nurse' } },
      ],
    },
    {
      id: 'tools',
      title: t3('Tools'),
      items: [
        {
          id: 'it:tools',
          type: 'multi',
          text: t3('Tools'),
          options: [...options('pc', 'phone', 'tablet'), { value: 'none', label: t3('none'), exclusive: true }],
        },
        { id: 'it:q1', type: 'likert', scale: 'agree5', text: t3('Q1') },
        { id: 'it:q2', type: 'likert', scale: 'agree5', text: t3('Q2') },
        { id: 'it:comment', type: 'text', text: t3('Comment'), maxLength: 50 },
      ],
    },
  ],
  scales: [
    { id: 'q', label: t3('Q'), kind: 'area', items: [{ item: 'it:q1' }] },
    { id: 'trust', label: t3('Trust'), kind: 'trust', items: [{ item: 'it:q2' }] },
  ],
});

let t: TestApp;
let gol: { id: string };
let hol: { id: string };
let closedWave: { id: string };
let openWave: { id: string };
let leaderAccount: { email: string; password: string };
let adminAccount: { email: string; password: string };

async function respond(token: string, unitId: string, answers: Record<string, unknown>) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/survey/${token}/responses`,
    payload: { idempotencyKey: crypto.randomUUID(), consentVersion: 1, language: 'nb', unitId, answers: { 'it:q1': 3, 'it:q2': 4, ...answers } },
  });
  expect(res.statusCode).toBe(201);
}

beforeAll(async () => {
  t = await buildTestApp();
  gol = await buildMunicipality(t.db, { name: 'Gol' });
  hol = await buildMunicipality(t.db, { name: 'Hol' });
  const golUnit = await buildUnit(t.db, { municipalityId: gol.id, name: 'Gol heimeteneste', staffCount: 30 });
  const holUnit = await buildUnit(t.db, { municipalityId: hol.id, name: 'Hol heimeteneste', staffCount: 10 });
  const project = await buildProject(t.db, { kMin: 5 });
  openWave = await buildWave(t.db, { projectId: project.id, instrument, status: 'open' });
  closedWave = await buildWave(t.db, { projectId: project.id, instrument, opensAt: new Date('2026-03-01T00:00:00Z'), closesAt: new Date('2026-03-20T00:00:00Z') });
  const golLink = await buildLink(t.db, { waveId: closedWave.id, municipalityId: gol.id });
  const holLink = await buildLink(t.db, { waveId: closedWave.id, municipalityId: hol.id });
  await buildLink(t.db, { waveId: openWave.id, municipalityId: gol.id });
  // Gol: 8 nurses (5 yes, 3 no), 6 helpers, 3 assistants → role 8/6/3/0, tools pc 14, phone 6, tablet 2, none 3.
  for (let i = 0; i < 8; i++) {
    await respond(golLink.token, golUnit.id, { 'it:role': 'nurse', 'it:followup': i < 5 ? 'yes' : 'no', 'it:tools': i < 6 ? ['pc', 'phone'] : ['pc'], 'it:comment': 'fint' });
  }
  for (let i = 0; i < 6; i++) {
    // The follow-up is hidden for helpers: pruned on submit, so it never counts.
    await respond(golLink.token, golUnit.id, { 'it:role': 'helper', 'it:followup': 'yes', 'it:tools': i < 2 ? ['pc', 'tablet'] : ['pc'] });
  }
  for (let i = 0; i < 3; i++) await respond(golLink.token, golUnit.id, { 'it:role': 'assistant', 'it:tools': ['none'] });
  for (let i = 0; i < 4; i++) await respond(holLink.token, holUnit.id, { 'it:role': 'nurse', 'it:tools': ['pc'] });
  leaderAccount = await buildLeader(t.db, { municipalityId: gol.id });
  adminAccount = await buildAdmin(t.db);
});
afterAll(async () => {
  await t.close();
});

/** Runs `fn` with the clock past the closed wave's end, with a fresh session (the platform admin's by default). */
async function afterClose<T>(fn: (session: LoggedIn) => Promise<T>, account = adminAccount): Promise<T> {
  t.clock.set(new Date('2026-03-21T00:00:00Z'));
  try {
    return await fn(await login(t.app, account.email, account.password));
  } finally {
    t.clock.set(new Date('2026-03-16T10:00:00Z'));
  }
}

type Item = { id: string; type: string; n: unknown; options: { value: string; count: unknown }[] };
const counts = (item: Item) => Object.fromEntries(item.options.map((o) => [o.value, o.count]));
const hidden = (reason: string) => ({ suppressed: true, reason });

describe('item results', () => {
  it('are not shown before the wave has closed (409), nor for an open wave', async () => {
    const admin = await login(t.app, adminAccount.email, adminAccount.password);
    const res = await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/items?municipalityId=${gol.id}`, headers: { cookie: admin.cookie, 'accept-language': 'nn' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('Resultata blir viste når undersøkinga er avslutta.');
    expect((await t.app.inject({ url: `/api/v1/waves/${openWave.id}/items?municipalityId=${gol.id}`, headers: { cookie: admin.cookie } })).statusCode).toBe(409);
  });

  it('answer 401 without a session, and 404 to a leader (leaders read the frozen release)', async () => {
    expect((await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/items` })).statusCode).toBe(401);
    await afterClose(async (leader) => {
      expect((await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/items`, headers: { cookie: leader.cookie } })).statusCode).toBe(404);
      const other = await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/items?municipalityId=${hol.id}`, headers: { cookie: leader.cookie } });
      expect(other.statusCode).toBe(404);
      const foreign = await buildWave(t.db, { status: 'closed', instrument });
      expect((await t.app.inject({ url: `/api/v1/waves/${foreign.id}/items`, headers: { cookie: leader.cookie } })).statusCode).toBe(404);
    }, leaderAccount);
  });

  it('count the choice items for the whole municipality, with small counts and their complements hidden', async () => {
    const body = await afterClose(async (admin) => {
      const res = await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/items?municipalityId=${gol.id}`, headers: { cookie: admin.cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      return res.json();
    });
    expect(body).toMatchObject({ waveId: closedWave.id, municipalityId: gol.id, kMin: 5 });
    // Unit, Likert and free text are not choice items.
    expect(body.sections.map((s: { id: string; items: Item[] }) => [s.id, s.items.map((i) => i.id)])).toEqual([
      ['about', ['it:role', 'it:followup']],
      ['tools', ['it:tools']],
    ]);
    const [role, followup] = body.sections[0].items as [Item, Item];
    const tools = body.sections[1].items[0] as Item;
    // Assistants (3) are below k; helpers (6) would reveal them as 17 − 8 − 0, so they are hidden too.
    expect(role).toMatchObject({ type: 'single', n: 17 });
    expect(counts(role)).toEqual({ nurse: 8, helper: hidden('complementary'), assistant: hidden('below_k'), other: 0 });
    // Only the nurses were shown the follow-up: base 8; "no" (3) is hidden and so is "yes" (8 − 3).
    expect(followup).toMatchObject({ type: 'single', n: 8 });
    expect(counts(followup)).toEqual({ yes: hidden('complementary'), no: hidden('below_k') });
    // Multi choice: counts add up to more than the base; only the small ones are hidden.
    expect(tools).toMatchObject({ type: 'multi', n: 17 });
    expect(counts(tools)).toEqual({ pc: 14, phone: 6, tablet: hidden('below_k'), none: hidden('below_k') });
  });

  it('hide every count when fewer than k answered (admin choosing the municipality)', async () => {
    const body = await afterClose(async (admin) => {
      const res = await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/items?municipalityId=${hol.id}`, headers: { cookie: admin.cookie } });
      expect(res.statusCode).toBe(200);
      return res.json();
    }, adminAccount);
    for (const section of body.sections) {
      for (const item of section.items as Item[]) {
        expect(item.n).toEqual(hidden('below_k'));
        for (const o of item.options) expect(o.count).toEqual(hidden('below_k'));
      }
    }
  });
});

describe('scale results by kind', () => {
  it('give levels for an area scale and only the mean for a trust scale', async () => {
    const body = await afterClose(async (admin) => (await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/results?municipalityId=${gol.id}`, headers: { cookie: admin.cookie } })).json());
    expect(body.scales.map((s: { id: string; kind: string }) => [s.id, s.kind])).toEqual([
      ['q', 'area'],
      ['trust', 'trust'],
    ]);
    const total = body.groups[0];
    expect(total.scores.q).toMatchObject({ suppressed: false, n: 17, mean: 50, levels: [0, 0, 17, 0] });
    expect(total.scores.trust).toEqual({ suppressed: false, n: 17, mean: 75 });
  });
});
