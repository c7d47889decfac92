// The researcher's statistics views over HTTP: access (research:read, own project only, never leaders),
// audit, and values checked against the statistics functions on the same stored rows.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../contracts/instrument.js';
import type { Change, Psychometrics, ResearchProject, SampleDescription } from '../../contracts/research.js';
import {
  cohensDz,
  cronbachAlpha,
  describe as describeValues,
  describeScale,
  hedgesG,
  mannWhitney,
  omegaTotal,
  pairedTTest,
  welchTTest,
  wilcoxonSignedRank,
  type Maybe,
} from '../../domain/statistics.js';
import { buildAccount, buildAdmin, buildLeader, buildLink, buildMunicipality, buildProject, buildUnit, buildWave, TEST_NOW } from '../test/factories.js';
import { buildTestApp, login, type LoggedIn, type TestApp } from '../test/test-app.js';

const DAY = 24 * 60 * 60 * 1000;
const K = 5;
let t: TestApp;
let admin: LoggedIn;
let researcher: LoggedIn;
let outsider: LoggedIn;
let leader: LoggedIn;
let researcherId: string;
let project: { id: string };
let other: { id: string; waveId: string };
let t0: { id: string };
let t1: { id: string };
let gol: { id: string };
let hol: { id: string };

async function submit(token: string, answers: Answers, unitId: string | null, earlier?: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/survey/${token}/responses`,
    payload: { idempotencyKey: randomUUID(), consentVersion: 1, language: 'nn', unitId, answers, ...(earlier ? { linking: { earlierReceiptCode: earlier } } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().receiptCode;
}

/** Deterministic answers that hang together (one latent level per person) with a few gaps and "not relevant". */
function answersFor(i: number, gain: number): Answers {
  const level = 1 + ((i * 7) % 5);
  const point = (j: number) => Math.min(5, Math.max(1, level + gain + (((i + j * 3) % 3) - 1)));
  const answers: Answers = { 'ts:role': i % 3 === 0 ? 'nurse' : 'other', 'ts:q1': point(0), 'ts:q3': 6 - point(2) };
  if (i % 4 !== 1) answers['ts:years'] = (i * 7) % 31;
  answers['ts:q2'] = i % 6 === 4 ? 'na' : point(1);
  return answers;
}

const get = (who: LoggedIn, url: string, lang = 'nb') => t.app.inject({ url: `/api/v1${url}`, headers: { cookie: who.cookie, 'accept-language': lang } });

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  gol = await buildMunicipality(t.db, { name: 'Gol' });
  hol = await buildMunicipality(t.db, { name: 'Hol' });
  const golUnits = [await buildUnit(t.db, { municipalityId: gol.id, name: 'Heimetenesta' }), await buildUnit(t.db, { municipalityId: gol.id, name: 'Sjukeheimen' })];
  project = await buildProject(t.db, { kMin: K });
  t0 = await buildWave(t.db, { projectId: project.id, label: 'T0', opensAt: new Date(TEST_NOW.getTime() - 60 * DAY) });
  t1 = await buildWave(t.db, { projectId: project.id, label: 'T1', opensAt: new Date(TEST_NOW.getTime() - 7 * DAY) });
  const links = {
    gol0: await buildLink(t.db, { waveId: t0.id, municipalityId: gol.id }),
    hol0: await buildLink(t.db, { waveId: t0.id, municipalityId: hol.id }),
    gol1: await buildLink(t.db, { waveId: t1.id, municipalityId: gol.id }),
    hol1: await buildLink(t.db, { waveId: t1.id, municipalityId: hol.id }),
  };
  // Gol: 14 at T0, 10 at T1 (8 linked). Hol: 7 at T0, 4 at T1 (3 linked): too few pairs for k = 5.
  const golReceipts: string[] = [];
  for (let i = 0; i < 14; i++) golReceipts.push(await submit(links.gol0.token, answersFor(i, 0), i === 13 ? null : golUnits[i % 2]!.id));
  const holReceipts: string[] = [];
  for (let i = 0; i < 7; i++) holReceipts.push(await submit(links.hol0.token, answersFor(i + 20, 0), null));
  for (let i = 0; i < 10; i++) await submit(links.gol1.token, answersFor(i, i % 2), golUnits[i % 2]!.id, i < 8 ? golReceipts[i] : undefined);
  for (let i = 0; i < 4; i++) await submit(links.hol1.token, answersFor(i + 20, 1), null, i < 3 ? holReceipts[i] : undefined);

  const otherProject = await buildProject(t.db);
  const otherWave = await buildWave(t.db, { projectId: otherProject.id, label: 'X0' });
  other = { id: otherProject.id, waveId: otherWave.id };

  const a = await buildAdmin(t.db);
  admin = await login(t.app, a.email, a.password);
  const r = await buildAccount(t.db, { role: 'researcher', projectIds: [project.id] });
  researcherId = r.id;
  researcher = await login(t.app, r.email, r.password);
  const o = await buildAccount(t.db, { role: 'researcher', projectIds: [otherProject.id] });
  outsider = await login(t.app, o.email, o.password);
  const l = await buildLeader(t.db, { municipalityId: gol.id });
  leader = await login(t.app, l.email, l.password);
}, 120_000);
afterAll(async () => {
  await t.close();
});

/** The stored responses of a wave, straight from the tables. */
async function stored(waveId: string) {
  const rows = await t.db.selectFrom('response').select(['id', 'person_id', 'municipality_id', 'unit_id', 'answers']).where('wave_id', '=', waveId).orderBy('id').execute();
  const scores = await t.db.selectFrom('response_score').select(['response_id', 'score']).where('wave_id', '=', waveId).where('scale_id', '=', 'skills').execute();
  const score = new Map(scores.map((s) => [s.response_id, Number(s.score)]));
  return rows.map((r) => ({ ...r, answers: r.answers as Answers, score: score.get(r.id) ?? null }));
}

const likert = (v: unknown): Maybe => (typeof v === 'number' ? v : null);

describe('access', () => {
  const urls = () => [
    `/projects/${project.id}/psychometrics?waveId=${t0.id}`,
    `/projects/${project.id}/change?from=${t0.id}&to=${t1.id}`,
    `/projects/${project.id}/sample-description?waveId=${t0.id}`,
    `/projects/${project.id}/sample-description?waveId=${t0.id}&format=csv`,
  ];

  it('gives the views to the project’s researcher and the platform admin, 404 to a researcher of another project, 403 to a leader', async () => {
    for (const url of urls()) {
      expect((await get(researcher, url)).statusCode, url).toBe(200);
      expect((await get(admin, url)).statusCode, url).toBe(200);
      expect((await get(outsider, url)).statusCode, url).toBe(404);
      expect((await get(leader, url)).statusCode, url).toBe(403);
    }
    expect((await get(leader, '/research/projects')).statusCode).toBe(403);
  });

  it('lists a researcher’s own projects only, with their waves; the admin every project', async () => {
    const mine = (await get(researcher, '/research/projects')).json() as ResearchProject[];
    expect(mine.map((p) => p.id)).toEqual([project.id]);
    expect(mine[0]!.waves.map((w) => w.label)).toEqual(['T0', 'T1']);
    expect(mine[0]!.kMin).toBe(K);
    const all = (await get(admin, '/research/projects')).json() as ResearchProject[];
    expect(all.map((p) => p.id)).toEqual(expect.arrayContaining([project.id, other.id]));
  });

  it('answers 404 for a wave of another project and 400 (translated) for bad input', async () => {
    expect((await get(researcher, `/projects/${project.id}/psychometrics?waveId=${other.waveId}`)).statusCode).toBe(404);
    expect((await get(researcher, `/projects/${project.id}/change?from=${t0.id}&to=${other.waveId}`)).statusCode).toBe(404);
    const same = await get(researcher, `/projects/${project.id}/change?from=${t0.id}&to=${t0.id}`, 'nn');
    expect(same.statusCode).toBe(400);
    expect(same.json().errors[0].message).toBe('Vel to ulike rundar.');
    const by = await get(researcher, `/projects/${project.id}/sample-description?waveId=${t0.id}&by=ts:q1`);
    expect(by.statusCode).toBe(400);
    expect(by.json().errors[0].path).toBe('by');
    expect((await get(researcher, `/projects/${project.id}/change?from=${t0.id}&to=${t1.id}&by=region`)).statusCode).toBe(400);
    expect((await get(researcher, `/projects/${project.id}/psychometrics`)).statusCode).toBe(400);
  });

  it('writes an audit line for every read of a view: who, which view, when', async () => {
    const before = await t.db.selectFrom('audit_log').select('id').where('actor_account_id', '=', researcherId).execute();
    await get(researcher, `/projects/${project.id}/psychometrics?waveId=${t1.id}`);
    await get(researcher, `/projects/${project.id}/change?from=${t0.id}&to=${t1.id}&by=municipality`);
    await get(researcher, `/projects/${project.id}/sample-description?waveId=${t1.id}&format=csv`);
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['action', 'object_type', 'object_id', 'actor_role', 'details', 'at'])
      .where('actor_account_id', '=', researcherId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    const fresh = rows.slice(before.length);
    expect(fresh.map((r) => r.action)).toEqual(['research.psychometrics', 'research.change', 'research.sample_description']);
    for (const r of fresh) {
      expect(r).toMatchObject({ object_type: 'project', object_id: project.id, actor_role: 'researcher' });
      expect(r.at.getTime()).toBe(t.clock.now().getTime());
    }
    expect(fresh[1]!.details).toMatchObject({ from: t0.id, to: t1.id, by: 'municipality' });
    expect(fresh[2]!.details).toMatchObject({ waveId: t1.id, format: 'csv' });
  });
});

describe('psychometrics', () => {
  it('agrees with the statistics functions on the stored answers and scores', async () => {
    const body = (await get(researcher, `/projects/${project.id}/psychometrics?waveId=${t0.id}`)).json() as Psychometrics;
    expect(body.method).toMatchObject({ omega: 'omega_total_one_factor_ml', alphaInterval: 'feldt_1965', missing: ['pairwise', 'complete'] });
    expect(body.forms).toHaveLength(1);
    const form = body.forms[0]!;
    const rows = await stored(t0.id);
    expect(form.responses).toBe(rows.length);
    const scale = form.scales.find((s) => s.id === 'skills')!;
    // The scale's items as stored, ts:q3 turned round on the 1–5 scale.
    const matrix = rows.map((r) => [likert(r.answers['ts:q1']), likert(r.answers['ts:q2']), (() => { const v = likert(r.answers['ts:q3']); return v === null ? null : 6 - v; })()]);
    const d = describeScale(rows.map((r) => r.score), matrix, { min: 0, max: 100 });
    expect(scale.score.n).toBe(d.n);
    expect(scale.score.mean).toBeCloseTo(d.mean, 10);
    expect(scale.score.sd).toBeCloseTo(d.sd, 10);
    expect(scale.score.median).toBeCloseTo(d.median, 10);
    expect(scale.score.iqr).toBeCloseTo(d.iqr, 10);
    expect(scale.score.floorShare).toBeCloseTo(d.floorShare, 10);
    expect(scale.score.ceilingShare).toBeCloseTo(d.ceilingShare, 10);
    expect(scale.items.map((i) => i.missing)).toEqual(d.missingPerItem);
    expect(scale.items.map((i) => i.reverse)).toEqual([false, false, true]);
    expect(d.missingPerItem[1]).toBeGreaterThan(0);
    for (const missing of ['pairwise', 'complete'] as const) {
      const alpha = cronbachAlpha(matrix, missing)!;
      const omega = omegaTotal(matrix, missing)!;
      const got = scale.reliability.find((r) => r.missing === missing)!;
      expect(got.n).toBe(alpha.n);
      expect(got.alpha).toBeCloseTo(alpha.alpha, 10);
      expect(got.alphaCi!.lower).toBeCloseTo(alpha.ci.lower, 10);
      expect(got.alphaCi!.upper).toBeCloseTo(alpha.ci.upper, 10);
      expect(got.omegaTotal).toBeCloseTo(omega.omegaTotal, 8);
      got.items.forEach((item, j) => {
        expect(item.itemRestCorrelation).toBeCloseTo(alpha.itemRestCorrelation[j]!, 10);
        expect(item.alphaIfDeleted).toBeCloseTo(alpha.alphaIfDeleted[j]!, 10);
      });
    }
    // Complete cases use fewer respondents than pairwise (some skipped an item or said "not relevant").
    expect(scale.reliability[1]!.n).toBeLessThan(scale.reliability[0]!.n);
  });
});

describe('change', () => {
  async function pairsAndAll() {
    const [before, after] = [await stored(t0.id), await stored(t1.id)];
    const earlier = new Map(before.map((r) => [r.person_id, r]));
    const pairs = after.filter((r) => earlier.has(r.person_id) && r.score !== null && earlier.get(r.person_id)!.score !== null);
    return { before, after, earlier, pairs };
  }

  it('for the whole project: paired and unpaired statistics as the functions give them on the stored scores', async () => {
    const body = (await get(researcher, `/projects/${project.id}/change?from=${t0.id}&to=${t1.id}`)).json() as Change;
    const { before, after, earlier, pairs } = await pairsAndAll();
    expect(body.linkedPersons).toBe(after.filter((r) => earlier.has(r.person_id)).length);
    expect(body.linkedPersons).toBe(11);
    const skills = body.scales.find((s) => s.id === 'skills')!;
    expect(skills.form).toBe('full');
    const group = skills.groups;
    expect(group).toHaveLength(1);
    const paired = group[0]!.paired;
    if (paired.withheld) throw new Error('paired change withheld');
    const x = pairs.map((r) => r.score);
    const y = pairs.map((r) => earlier.get(r.person_id)!.score);
    const tt = pairedTTest(x, y)!;
    const w = wilcoxonSignedRank(x, y)!;
    const dz = cohensDz(x, y)!;
    expect(paired.n).toBe(pairs.length);
    expect(paired.t!.estimate).toBeCloseTo(tt.estimate, 10);
    expect(paired.t!.t).toBeCloseTo(tt.t, 10);
    expect(paired.t!.p).toBeCloseTo(tt.p, 10);
    expect(paired.wilcoxon!.v).toBe(w.statistic);
    expect(paired.wilcoxon!.p).toBeCloseTo(w.p, 10);
    expect(paired.dz!.estimate).toBeCloseTo(dz.estimate, 10);
    expect(paired.dz!.ci.lower).toBeCloseTo(dz.ci.lower, 8);
    expect(paired.dz!.ci.upper).toBeCloseTo(dz.ci.upper, 8);
    const unpaired = group[0]!.unpaired;
    if (unpaired.withheld) throw new Error('unpaired change withheld');
    const all1 = after.map((r) => r.score);
    const all0 = before.map((r) => r.score);
    const welch = welchTTest(all1, all0)!;
    const mw = mannWhitney(all1, all0)!;
    const g = hedgesG(all1, all0)!;
    expect(unpaired.from.n).toBe(welch.nY);
    expect(unpaired.to.n).toBe(welch.nX);
    expect(unpaired.welch!.t).toBeCloseTo(welch.t, 10);
    expect(unpaired.welch!.df).toBeCloseTo(welch.df, 10);
    expect(unpaired.mannWhitney!.w).toBe(mw.statistic);
    expect(unpaired.mannWhitney!.p).toBeCloseTo(mw.p, 10);
    expect(unpaired.g!.estimate).toBeCloseTo(g.estimate, 10);
    expect(unpaired.g!.ci.lower).toBeCloseTo(g.ci.lower, 8);
  });

  it('by municipality: shown where k allows, withheld with its reason where it does not', async () => {
    const body = (await get(researcher, `/projects/${project.id}/change?from=${t0.id}&to=${t1.id}&by=municipality`)).json() as Change;
    expect(body.kMin).toBe(K);
    const groups = body.scales.find((s) => s.id === 'skills')!.groups;
    expect(groups.map((g) => g.label?.nb)).toEqual(['Gol', 'Hol']);
    const [golGroup, holGroup] = groups;
    const { earlier, pairs } = await pairsAndAll();
    const golPairs = pairs.filter((r) => r.municipality_id === gol.id);
    expect(golPairs.length).toBeGreaterThanOrEqual(K);
    const paired = golGroup!.paired;
    if (paired.withheld) throw new Error('Gol withheld');
    expect(paired.n).toBe(golPairs.length);
    expect(paired.t!.estimate).toBeCloseTo(pairedTTest(golPairs.map((r) => r.score), golPairs.map((r) => earlier.get(r.person_id)!.score))!.estimate, 10);
    // Hol: 3 pairs and 4 respondents at T1, below k = 5: withheld, and no number travels.
    expect(holGroup!.id).toBe(hol.id);
    expect(holGroup!.paired).toEqual({ withheld: true, reason: 'below_k' });
    expect(holGroup!.unpaired).toEqual({ withheld: true, reason: 'below_k' });
  });

  it('by unit and by profession, with "not stated" for responses without a unit', async () => {
    const byUnit = (await get(admin, `/projects/${project.id}/change?from=${t0.id}&to=${t1.id}&by=unit`)).json() as Change;
    const unitGroups = byUnit.scales.find((s) => s.id === 'skills')!.groups;
    expect(unitGroups.map((g) => g.label?.nb ?? null)).toEqual(['Gol – Heimetenesta', 'Gol – Sjukeheimen', null]);
    const byProfession = (await get(admin, `/projects/${project.id}/change?from=${t0.id}&to=${t1.id}&by=profession`)).json() as Change;
    const professions = byProfession.scales.find((s) => s.id === 'skills')!.groups;
    expect(professions.map((g) => g.id)).toEqual(['nurse', 'other']);
    expect(professions[0]!.label?.en).toBe('Nurse');
  });
});

describe('sample description', () => {
  it('counts n and n (%) per municipality and group, and numeric variables as mean (min | max) or median (P25–P75)', async () => {
    const body = (await get(researcher, `/projects/${project.id}/sample-description?waveId=${t0.id}&by=ts:role`)).json() as SampleDescription;
    const rows = await stored(t0.id);
    expect(body.variables.map((v) => [v.id, v.kind])).toEqual([['ts:role', 'categorical'], ['ts:years', 'numeric']]);
    expect(body.groupings.map((g) => g.id)).toEqual(['municipality', 'unit', 'ts:role']);
    expect(body.rows.map((r) => [r.kind, r.label?.nb ?? null, r.n])).toEqual([
      ['total', null, rows.length],
      ['municipality', 'Gol', rows.filter((r) => r.municipality_id === gol.id).length],
      ['group', 'Sykepleier', rows.filter((r) => r.municipality_id === gol.id && r.answers['ts:role'] === 'nurse').length],
      ['group', 'Annet', rows.filter((r) => r.municipality_id === gol.id && r.answers['ts:role'] === 'other').length],
      ['municipality', 'Hol', rows.filter((r) => r.municipality_id === hol.id).length],
      ['group', 'Sykepleier', rows.filter((r) => r.municipality_id === hol.id && r.answers['ts:role'] === 'nurse').length],
      ['group', 'Annet', rows.filter((r) => r.municipality_id === hol.id && r.answers['ts:role'] === 'other').length],
    ]);
    const golRows = rows.filter((r) => r.municipality_id === gol.id);
    const golRow = body.rows[1]!;
    const role = golRow.cells[0]!;
    if (role.kind !== 'categorical') throw new Error('ts:role is categorical');
    const nurses = golRows.filter((r) => r.answers['ts:role'] === 'nurse').length;
    expect(role.counts[0]).toEqual({ value: 'nurse', n: nurses, share: nurses / golRows.length });
    const years = golRow.cells[1]!;
    if (years.kind !== 'numeric') throw new Error('ts:years is numeric');
    const d = describeValues(golRows.map((r) => (typeof r.answers['ts:years'] === 'number' ? r.answers['ts:years'] : null)));
    expect(years).toEqual({ kind: 'numeric', n: d.n, missing: d.missing, center: d.mean, low: d.min, high: d.max });
    expect(d.missing).toBeGreaterThan(0);

    const median = (await get(researcher, `/projects/${project.id}/sample-description?waveId=${t0.id}&numeric=median_iqr`)).json() as SampleDescription;
    expect(median.rows.map((r) => r.kind)).toEqual(['total', 'municipality', 'municipality']);
    expect(median.rows[1]!.cells[1]).toEqual({ kind: 'numeric', n: d.n, missing: d.missing, center: d.median, low: d.q1, high: d.q3 });
  });

  it('by unit gives each municipality its units, then "not stated"', async () => {
    const body = (await get(admin, `/projects/${project.id}/sample-description?waveId=${t0.id}&by=unit`)).json() as SampleDescription;
    expect(body.rows.map((r) => [r.kind, r.label?.nn ?? null])).toEqual([
      ['total', null],
      ['municipality', 'Gol'],
      ['group', 'Heimetenesta'],
      ['group', 'Sjukeheimen'],
      ['group', null],
      ['municipality', 'Hol'],
      ['group', null],
    ]);
  });

  it('downloads the same table as CSV: UTF-8 with BOM, headers in the asked language, plain numbers', async () => {
    const json = (await get(researcher, `/projects/${project.id}/sample-description?waveId=${t0.id}&by=ts:role`)).json() as SampleDescription;
    const res = await get(researcher, `/projects/${project.id}/sample-description?waveId=${t0.id}&by=ts:role&format=csv`, 'nn');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="digikompass-sample-T0\.csv"/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.replace(/^\uFEFF/, '').trimEnd().split('\n');
    expect(lines).toHaveLength(json.rows.length + 1);
    expect(lines[0]).toBe('rad,kommune,gruppe,n,Rolle: Sjukepleiar – n,Rolle: Sjukepleiar – %,Rolle: Anna – n,Rolle: Anna – %,År – gjennomsnitt,År – min,År – maks,År – n svar');
    const total = json.rows[0]!;
    const years = total.cells[1]!;
    if (years.kind !== 'numeric') throw new Error('numeric');
    const role = total.cells[0]!;
    if (role.kind !== 'categorical') throw new Error('categorical');
    expect(lines[1]!.split(',')).toEqual([
      'total', 'Totalt', '', String(total.n),
      String(role.counts[0]!.n), String(Number((100 * role.counts[0]!.share!).toFixed(1))),
      String(role.counts[1]!.n), String(Number((100 * role.counts[1]!.share!).toFixed(1))),
      String(Number(years.center!.toFixed(2))), String(years.low), String(years.high), String(years.n),
    ]);
    expect(lines[2]!.startsWith('municipality,Gol,,')).toBe(true);
    expect(lines[3]!.startsWith('group,Gol,Sjukepleiar,')).toBe(true);
  });
});
