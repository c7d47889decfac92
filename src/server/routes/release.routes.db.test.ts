// The frozen release: built once when the wave closes (or early, by an admin), served from storage to
// leaders, unit leaders and region coordinators, never recomputed; benchmarks are other municipalities only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseView } from '../../contracts/release.js';
import { buildLink, buildMunicipality, buildWave } from '../test/factories.js';
import { buildReleaseScene, type ReleaseScene } from '../test/release-scene.js';
import { buildTestApp, type LoggedIn, type TestApp } from '../test/test-app.js';

let t: TestApp;
let scene: ReleaseScene;
let region: { id: string };
let gol: { id: string };
let hol: { id: string };
let nes: { id: string };
let units: { id: string }[];
let wave: { id: string; projectId: string };
let openWave: { id: string };
let s: ReleaseScene['sessions'];
let al: { id: string };

const view = async (who: LoggedIn, waveId: string, query = '') => t.app.inject({ url: `/api/v1/waves/${waveId}/release${query}`, headers: { cookie: who.cookie } });

/** Every count and mean the body shows, with where it is. */
function shownFigures(value: unknown, path = ''): { path: string; n: number }[] {
  if (value === null || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const here = o.shown === true && typeof o.n === 'number' ? [{ path, n: o.n }] : [];
  return [...here, ...Object.entries(o).flatMap(([k, v]) => shownFigures(v, `${path}/${k}`))];
}

beforeAll(async () => {
  t = await buildTestApp();
  scene = await buildReleaseScene(t, {
    // Every other respondent is a nurse, and only nurses are shown the follow-up (the first three nurses of each
    // group answer 4, later ones 5); the others send a follow-up answer too, which is pruned on submit.
    extraAnswers: (i) => ({ 'ts:role': i % 2 === 0 ? 'nurse' : 'other', 'ts:nurse_only': i % 2 === 1 || i > 4 ? 5 : 4 }),
    // Ål (4 answers, fewer than k) is in the region but takes no part in benchmarks; a second wave is still open.
    before: async (x) => {
      al = await buildMunicipality(t.db, { name: 'Ål', regionId: x.region.id });
      await x.respond((await buildLink(t.db, { waveId: x.wave.id, municipalityId: al.id })).token, null, 4, 2);
      openWave = await buildWave(t.db, { projectId: x.project.id, opensAt: new Date('2026-03-02T00:00:00Z'), closesAt: new Date('2026-04-30T00:00:00Z') });
      const openLinks = await Promise.all([x.gol, x.hol].map((m) => buildLink(t.db, { waveId: openWave.id, municipalityId: m.id })));
      await x.respond(openLinks[0]!.token, x.units[0]!.id, 6, 3);
      await x.respond(openLinks[1]!.token, null, 2, 3);
    },
  });
  ({ region, gol, hol, nes, units, wave, sessions: s } = scene);
});
afterAll(async () => {
  await t?.close();
});

describe('before the release', () => {
  it('says not released and shows nothing', async () => {
    const res = await view(s.leader!, wave.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'not_released', own: null, benchmarks: [] });
  });
});

describe('the release, built when the wave has closed', () => {
  let first: ReleaseView;
  beforeAll(async () => {
    expect(await t.services.releases.buildDue()).toBeGreaterThan(0);
    first = (await view(s.leader!, wave.id)).json();
  });

  it("gives the leader their municipality, by unit, with the small unit withheld (and one more) and no mean of its own", () => {
    expect(first.status).toBe('released');
    expect(first.own!.respondents).toEqual({ shown: true, n: 25 });
    const byId = Object.fromEntries(first.own!.groupings.unit!.groups.map((g) => [g.id, g.figure]));
    expect(byId[units[0]!.id]).toEqual({ shown: true, n: 12 });
    // The unit of 3 is withheld, and so the next smallest, or 25 − 12 would give it away; together they are one row.
    expect(byId[units[2]!.id]).toEqual({ shown: false, reason: 'below_k' });
    expect(byId[units[1]!.id]).toEqual({ shown: false, reason: 'complementary' });
    expect(first.own!.groupings.unit!.rest).toEqual({ members: [units[1]!.id, units[2]!.id], n: 13 });
    expect(first.own!.groupings.unit!.groups.find((g) => g.id === units[0]!.id)!.name).toBe('A heimeteneste');
    const means = first.own!.means.skills!;
    expect(means.total).toMatchObject({ shown: true, n: 25 });
    expect(means.byGroup.unit![units[2]!.id]).toBeUndefined();
  });

  it('scores each scale from the answers: the mean and the levels are those of the 25 responses', () => {
    // Score = 100 × (2(v − 1) + (q − 1)) / 12 (q3 reverse-keyed): unit A sums to 700, B to 5000/12, C to 100.
    const means = first.own!.means.skills!;
    expect(means.total).toMatchObject({ shown: true, n: 25, mean: expect.closeTo((700 + 5000 / 12 + 100) / 25, 9) });
    expect(means.byGroup.unit![units[0]!.id]).toMatchObject({ shown: true, n: 12, mean: expect.closeTo(700 / 12, 9) });
    // Levels (cut-points 25/50/75): 3, 10, 5 and 7 people. The 3 are withheld, and the 5 too, or 25 − 10 − 7 would give them away.
    expect(first.own!.answers['level:skills']!.categories).toEqual({
      '0': { shown: false, reason: 'below_k' },
      '1': { shown: true, n: 10 },
      '2': { shown: false, reason: 'complementary' },
      '3': { shown: true, n: 7 },
      '#no_score': { shown: false, reason: 'below_k' },
    });
  });

  it('counts a choice for everyone, and a follow-up only for those shown it (pruned answers never count)', () => {
    const categories = (id: string) => Object.fromEntries(Object.entries(first.own!.answers[id]!.categories).filter(([, f]) => f.shown));
    expect(categories('ts:role')).toEqual({ nurse: { shown: true, n: 13 }, other: { shown: true, n: 12 } });
    // The 12 others sent a follow-up answer too; it was pruned, so they count as not asked.
    expect(categories('ts:nurse_only')).toEqual({ '4': { shown: true, n: 8 }, '5': { shown: true, n: 5 }, '#not_asked': { shown: true, n: 12 } });
  });

  it('is not built for a wave that is still open', async () => {
    expect((await view(s.leader!, openWave.id)).json()).toMatchObject({ status: 'not_released', own: null, benchmarks: [] });
  });

  it('withholds every figure of a municipality with fewer than k respondents, whose answers are still kept', async () => {
    const own = (await view(s.admin!, wave.id, `?municipalityId=${al.id}`)).json().own as ReleaseView['own'];
    expect(own!.respondents).toEqual({ shown: false, reason: 'below_k' });
    expect(Object.keys(own!.answers)).toContain('ts:role');
    expect(shownFigures(own)).toEqual([]);
    expect(Object.values(own!.means).map((m) => m.total)).toEqual([{ shown: false, reason: 'below_k' }]);
    const stored = await t.db.selectFrom('response').select((eb) => eb.fn.countAll<number>().as('n')).where('wave_id', '=', wave.id).where('municipality_id', '=', al.id).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(4);
  });

  it('compares only with other municipalities: the rest of the region (opted in) and those outside it', () => {
    const kinds = Object.fromEntries(first.benchmarks.map((b) => [b.kind, b.respondents]));
    expect(kinds).toEqual({ region_rest: { shown: true, n: 7 }, outside_region: { shown: true, n: 9 } });
  });

  it('shows no count and no mean for fewer than k people, anywhere in any view', async () => {
    for (const [who, query] of [['leader', ''], ['unitLeader', ''], ['coordinator', ''], ['admin', `?municipalityId=${gol.id}`]] as const) {
      const body = (await view(s[who]!, wave.id, query)).json();
      const small = shownFigures(body).filter((f) => f.n < body.k);
      expect(small, who).toEqual([]);
    }
  });

  it('gives a unit leader their unit and the municipality total only', async () => {
    const body: ReleaseView = (await view(s.unitLeader!, wave.id)).json();
    expect(body.unitId).toBe(units[0]!.id);
    expect(Object.keys(body.own!.groupings)).toEqual(['unit']);
    expect(body.own!.groupings.unit!.groups.map((g) => g.id)).toEqual([units[0]!.id]);
    expect(body.own!.respondents).toEqual({ shown: true, n: 25 });
    for (const a of Object.values(body.own!.answers)) {
      const b = a.byGroup.unit;
      if (b) expect(Object.keys(b.cells)).toEqual([units[0]!.id]);
    }
  });

  it('gives a region coordinator the opted-in members as protected aggregates', async () => {
    const body: ReleaseView = (await view(s.coordinator!, wave.id)).json();
    expect(body.subject).toEqual({ kind: 'region', id: region.id, name: 'Hallingdal' });
    expect(body.own!.groupings.municipality!.groups.map((g) => [g.name, g.figure])).toEqual([
      ['Gol', { shown: true, n: 25 }],
      ['Hol', { shown: true, n: 7 }],
    ]);
    expect(body.benchmarks.map((b) => b.kind)).toEqual(['outside_region']);
  });

  it("answers 404 for another tenant's results", async () => {
    expect((await view(s.holLeader!, wave.id, `?municipalityId=${gol.id}`)).statusCode).toBe(404);
    expect((await view(s.coordinator!, wave.id, `?municipalityId=${nes.id}`)).statusCode).toBe(404);
    expect((await view(s.unitLeader!, wave.id, `?municipalityId=${hol.id}`)).statusCode).toBe(404);
    const foreign = await buildWave(t.db, { status: 'closed' });
    expect((await view(s.leader!, foreign.id)).statusCode).toBe(404);
  });

  it('is never recomputed: answers withdrawn afterwards leave every figure as it was', async () => {
    await t.db.deleteFrom('response_score').where('unit_id', '=', units[1]!.id).execute();
    await t.db.deleteFrom('response').where('unit_id', '=', units[1]!.id).execute();
    expect(await t.services.releases.buildDue()).toBe(0);
    await t.services.releases.buildFor(wave.id, gol.id, { early: false, by: null });
    const again: ReleaseView = (await view(s.leader!, wave.id)).json();
    expect(again.own).toEqual(first.own);
    expect(again.releasedAt).toBe(first.releasedAt);
  });
});

describe('an early release by the platform admin', () => {
  const release = (who: LoggedIn, municipalityId: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/waves/${openWave.id}/release`, headers: who.headers, payload: { municipalityId } });

  it('is refused below k responses, in the caller’s language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/waves/${openWave.id}/release`,
      headers: { ...s.admin!.headers, 'accept-language': 'nn' },
      payload: { municipalityId: hol.id },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('minst k personar');
  });

  it('is built in the background, once, and late answers never enter it', async () => {
    expect((await release(s.admin!, gol.id)).statusCode).toBe(202);
    await t.services.jobs.runDue();
    const body: ReleaseView = (await view(s.leader!, openWave.id)).json();
    expect(body).toMatchObject({ status: 'released', early: true });
    expect(body.own!.respondents).toEqual({ shown: true, n: 6 });
    expect(body.previous?.waveId).toBe(wave.id);
    expect((await release(s.admin!, gol.id)).statusCode).toBe(409);
  });

  it('is for the platform admin only', async () => {
    expect((await release(s.leader!, gol.id)).statusCode).toBe(403);
  });
});
