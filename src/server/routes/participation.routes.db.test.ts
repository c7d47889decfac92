// Live participation's timeline: the days it spans (Oslo dates, the municipality's own opening and closing) and
// the days responses were given on, which the web fills into one point per day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLeader, buildLink, buildMunicipality, buildProject, buildUnit, buildWave, TEST_NOW } from '../test/factories.js';
import { buildTestApp, login, type LoggedIn, type TestApp } from '../test/test-app.js';

let t: TestApp;
let leader: LoggedIn;
let account: { email: string; password: string };
let unitA: { id: string };
let unitB: { id: string };
let running: { id: string };
let ownDates: { id: string };
let scheduled: { id: string };

/** Submits `n` responses at `at` (the clock is set there, then put back). */
async function respondAt(at: string, token: string, unitId: string, n: number) {
  t.clock.set(new Date(at));
  try {
    for (let i = 0; i < n; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/survey/${token}/responses`,
        payload: { idempotencyKey: crypto.randomUUID(), consentVersion: 1, language: 'nb', unitId, answers: { 'ts:q1': 3, 'ts:q2': 3, 'ts:q3': 3 } },
      });
      expect(res.statusCode).toBe(201);
    }
  } finally {
    t.clock.set(TEST_NOW);
  }
}

const participation = async (waveId: string, as = leader) => {
  const res = await t.app.inject({ url: `/api/v1/waves/${waveId}/participation`, headers: { cookie: as.cookie } });
  expect(res.statusCode).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await buildTestApp(); // now: 2026-03-16T10:00Z
  const gol = await buildMunicipality(t.db, { name: 'Gol' });
  unitA = await buildUnit(t.db, { municipalityId: gol.id, name: 'A heimeteneste', staffCount: 20 });
  unitB = await buildUnit(t.db, { municipalityId: gol.id, name: 'B sjukeheim', staffCount: 10 });
  const project = await buildProject(t.db, { kMin: 5 });
  // Opens at 00:30 Oslo time on 10 March (still 9 March in UTC); closes at midnight Oslo time going into 1 April.
  running = await buildWave(t.db, { projectId: project.id, opensAt: new Date('2026-03-09T23:30:00Z'), closesAt: new Date('2026-03-31T22:00:00Z') });
  const link = await buildLink(t.db, { waveId: running.id, municipalityId: gol.id });
  await respondAt('2026-03-11T09:00:00Z', link.token, unitA.id, 2);
  await respondAt('2026-03-13T23:30:00Z', link.token, unitB.id, 1); // 00:30 on 14 March in Oslo
  await respondAt('2026-03-16T08:00:00Z', link.token, unitA.id, 1);

  // The wave runs 1–31 March, but for Gol only 5–12 March.
  ownDates = await buildWave(t.db, { projectId: project.id, opensAt: new Date('2026-03-01T06:00:00Z'), closesAt: new Date('2026-03-31T06:00:00Z') });
  await buildLink(t.db, { waveId: ownDates.id, municipalityId: gol.id });
  await t.db
    .insertInto('wave_municipality')
    .values({ wave_id: ownDates.id, municipality_id: gol.id, opens_at: new Date('2026-03-05T07:00:00Z'), closes_at: new Date('2026-03-12T15:00:00Z') })
    .execute();

  scheduled = await buildWave(t.db, { projectId: project.id, opensAt: new Date('2026-03-20T07:00:00Z'), closesAt: new Date('2026-04-10T07:00:00Z') });
  await buildLink(t.db, { waveId: scheduled.id, municipalityId: gol.id });

  account = await buildLeader(t.db, { municipalityId: gol.id });
  leader = await login(t.app, account.email, account.password);
});
afterAll(async () => {
  await t.close();
});

describe('participation period', () => {
  it('runs from the opening day to today in Oslo dates, with responses on the Oslo day they came', async () => {
    const body = await participation(running.id);
    expect(body.period).toEqual({ from: '2026-03-10', to: '2026-03-16' });
    expect(body.timeline).toEqual([
      { date: '2026-03-11', responses: 2, units: { [unitA.id]: 2 } },
      { date: '2026-03-14', responses: 3, units: { [unitA.id]: 2, [unitB.id]: 1 } },
      { date: '2026-03-16', responses: 4, units: { [unitA.id]: 3, [unitB.id]: 1 } },
    ]);
  });

  it('ends on the last day the wave was open once it has closed', async () => {
    t.clock.set(new Date('2026-04-03T12:00:00Z'));
    try {
      const later = await login(t.app, account.email, account.password); // the session of 16 March has run out
      expect((await participation(running.id, later)).period).toEqual({ from: '2026-03-10', to: '2026-03-31' });
    } finally {
      t.clock.set(TEST_NOW);
    }
  });

  it('uses the municipality’s own opening and closing dates when it has them', async () => {
    expect((await participation(ownDates.id)).period).toEqual({ from: '2026-03-05', to: '2026-03-12' });
  });

  it('ends before it starts while the wave has not opened', async () => {
    const body = await participation(scheduled.id);
    expect(body.period).toEqual({ from: '2026-03-20', to: '2026-03-16' });
    expect(body.timeline).toEqual([]);
  });
});
