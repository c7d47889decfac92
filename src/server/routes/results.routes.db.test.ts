// Live results: participation per unit and day, and tenancy (own municipality only). Scores and answers come
// only from the frozen release (release.routes.db.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdmin, buildLeader, buildLink, buildMunicipality, buildProject, buildUnit, buildWave } from '../test/factories.js';
import { buildTestApp, login, type LoggedIn, type TestApp } from '../test/test-app.js';

let t: TestApp;
let gol: { id: string };
let hol: { id: string };
let golUnits: { id: string; name: string }[];
let openWave: { id: string };
let closedWave: { id: string };
let leader: LoggedIn;
let leaderAccount: { email: string; password: string };
let admin: LoggedIn;
let adminAccount: { email: string; password: string };


/** Submits `n` responses through the API while the wave is open, then moves the clock back. */
async function respond(token: string, unitId: string | null, n: number, q: number) {
  for (let i = 0; i < n; i++) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/survey/${token}/responses`,
      payload: { idempotencyKey: crypto.randomUUID(), consentVersion: 1, language: 'nn', unitId, answers: { 'ts:q1': q, 'ts:q2': q, 'ts:q3': 6 - q } },
    });
    expect(res.statusCode).toBe(201);
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  gol = await buildMunicipality(t.db, { name: 'Gol' });
  hol = await buildMunicipality(t.db, { name: 'Hol' });
  golUnits = [
    await buildUnit(t.db, { municipalityId: gol.id, name: 'A heimeteneste', staffCount: 20 }),
    await buildUnit(t.db, { municipalityId: gol.id, name: 'B sjukeheim', staffCount: 15 }),
    await buildUnit(t.db, { municipalityId: gol.id, name: 'C tildeling', staffCount: 4 }),
  ];
  const holUnit = await buildUnit(t.db, { municipalityId: hol.id, name: 'Hol heimeteneste', staffCount: 10 });
  const project = await buildProject(t.db, { kMin: 5 });
  openWave = await buildWave(t.db, { projectId: project.id, status: 'open' });
  // The "closed" wave is open now; responses go in, then the clock moves past its end.
  closedWave = await buildWave(t.db, { projectId: project.id, opensAt: new Date(Date.parse('2026-03-01T00:00:00Z')), closesAt: new Date(Date.parse('2026-03-20T00:00:00Z')) });
  const golLink = await buildLink(t.db, { waveId: closedWave.id, municipalityId: gol.id });
  const holLink = await buildLink(t.db, { waveId: closedWave.id, municipalityId: hol.id });
  await buildLink(t.db, { waveId: openWave.id, municipalityId: gol.id });
  await respond(golLink.token, golUnits[0]!.id, 8, 5);
  await respond(golLink.token, golUnits[1]!.id, 6, 3);
  await respond(golLink.token, golUnits[2]!.id, 3, 1);
  await respond(holLink.token, holUnit.id, 6, 2);
  leaderAccount = await buildLeader(t.db, { municipalityId: gol.id });
  leader = await login(t.app, leaderAccount.email, leaderAccount.password);
  adminAccount = await buildAdmin(t.db);
  admin = await login(t.app, adminAccount.email, adminAccount.password);
});
afterAll(async () => {
  await t.close();
});

describe('participation', () => {
  it('shows responses against staff counts per unit for the leader’s own municipality', async () => {
    const res = await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/participation`, headers: { cookie: leader.cookie } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ waveId: closedWave.id, municipalityId: gol.id, responses: 17, staff: 39 });
    expect(body.units.map((u: { name: string; responses: number; staff: number }) => [u.name, u.responses, u.staff])).toEqual([
      ['A heimeteneste', 8, 20],
      ['B sjukeheim', 6, 15],
      ['C tildeling', 3, 4],
    ]);
  });

  it('shows responses so far day by day, for the municipality and per unit', async () => {
    const body = (await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/participation`, headers: { cookie: leader.cookie } })).json();
    const last = body.timeline.at(-1);
    expect(last.responses).toBe(body.responses);
    expect(last.units).toEqual(Object.fromEntries(body.units.map((u: { unitId: string | null; responses: number }) => [u.unitId ?? 'none', u.responses])));
    const dates = body.timeline.map((d: { date: string }) => d.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('uses the staff count snapshotted when the wave opened', async () => {
    await t.db.updateTable('unit').set({ staff_count: 99 }).where('id', '=', golUnits[0]!.id).execute();
    try {
      const res = await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/participation`, headers: { cookie: leader.cookie } });
      expect(res.json().units[0].staff).toBe(20);
    } finally {
      await t.db.updateTable('unit').set({ staff_count: 20 }).where('id', '=', golUnits[0]!.id).execute();
    }
  });
});

describe('tenancy', () => {
  it('answers 404 when the Gol leader asks for Hol', async () => {
    const results = await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/participation?municipalityId=${hol.id}`, headers: { cookie: leader.cookie } });
    expect(results.statusCode).toBe(404);
    const units = await t.app.inject({ url: `/api/v1/municipalities/${hol.id}/units`, headers: { cookie: leader.cookie } });
    expect(units.statusCode).toBe(404);
    const municipalities = await t.app.inject({ url: '/api/v1/municipalities', headers: { cookie: leader.cookie } });
    expect(municipalities.json().map((m: { id: string }) => m.id)).toEqual([gol.id]);
  });

  it('answers 404 for a wave of a project the municipality is not in', async () => {
    const foreign = await buildWave(t.db, { status: 'closed' });
    const res = await t.app.inject({ url: `/api/v1/waves/${foreign.id}/participation`, headers: { cookie: leader.cookie } });
    expect(res.statusCode).toBe(404);
    const list = await t.app.inject({ url: '/api/v1/waves', headers: { cookie: leader.cookie } });
    expect(list.json().map((w: { id: string }) => w.id)).not.toContain(foreign.id);
  });

  it('lets a platform admin choose the municipality, and asks for one', async () => {
    const res = await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/participation?municipalityId=${hol.id}`, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().responses).toBe(6);
    const missing = await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/participation`, headers: { cookie: admin.cookie } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe('municipalityId');
  });

  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ url: `/api/v1/waves/${closedWave.id}/participation` })).statusCode).toBe(401);
  });
});
