// Participation over time on a real database: linking by receipt, device and self-generated code, seeing and
// withdrawing one's answers with the receipt code, rate limits on receipt look-ups, and the retention job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SGIC_COMPONENTS, type SgicComponent } from '../../domain/linking.js';
import { buildAccount, buildLink, buildMunicipality, buildProject, buildUnit, buildWave, TEST_NOW } from '../test/factories.js';
import { buildTestApp, login, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ rateLimits: { receiptPerCode: { limit: 3, windowSeconds: 900 } } });
});
afterAll(async () => {
  await t.close();
});

const DAY = 86_400_000;
const key = () => `key-${crypto.randomUUID()}`;
const deviceToken = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');

/** A project with two open waves (T0 opened first) in one municipality, and a shared-device link to T1. */
async function buildPanel(o: { endDate?: string } = {}) {
  const project = await buildProject(t.db, o.endDate ? { endDate: o.endDate } : {});
  const municipality = await buildMunicipality(t.db);
  const unit = await buildUnit(t.db, { municipalityId: municipality.id });
  const t0 = await buildWave(t.db, { projectId: project.id, label: 'T0', opensAt: new Date(TEST_NOW.getTime() - 60 * DAY), closesAt: new Date(TEST_NOW.getTime() + 30 * DAY) });
  const t1 = await buildWave(t.db, { projectId: project.id, label: 'T1', opensAt: new Date(TEST_NOW.getTime() - 7 * DAY), closesAt: new Date(TEST_NOW.getTime() + 30 * DAY) });
  const link0 = await buildLink(t.db, { waveId: t0.id, municipalityId: municipality.id });
  const link1 = await buildLink(t.db, { waveId: t1.id, municipalityId: municipality.id });
  const shared1 = await buildLink(t.db, { waveId: t1.id, municipalityId: municipality.id, sharedDevice: true });
  return { project, municipality, unit, t0, t1, link0, link1, shared1 };
}

async function submit(token: string, extra: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/survey/${token}/responses`,
    payload: { idempotencyKey: key(), consentVersion: 1, language: 'nn', unitId: null, answers: { 'ts:q1': 4, 'ts:q2': 2, 'ts:comment': 'Fint' }, ...extra },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { receiptCode: string; linkedBy: string | null };
}

const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });

async function personsOf(waveIds: string[]) {
  return t.db.selectFrom('response').select(['id', 'wave_id', 'person_id', 'link_method', 'receipt_hash', 'answers']).where('wave_id', 'in', waveIds).execute();
}

/** A self-generated code as the form sends it; codes of different seeds (0…8) differ in every component. */
function code(seed: number): Record<string, string> {
  return Object.fromEntries(SGIC_COMPONENTS.map((c) => [c.id, validValue(c, seed)]));
}
function validValue(c: SgicComponent, n: number): string {
  switch (c.input.kind) {
    case 'letter':
      return 'ABDEFGHIKLMNOPRSTUVÆØ'[n % 21]!;
    case 'day':
      return String(1 + (n % 28));
    case 'month':
      return String(1 + (n % 12));
    case 'count':
      return String(n % (c.input.max + 1));
  }
}

describe('linking at submit', () => {
  it('links a T1 answer to T0 by the earlier receipt code, checked first', async () => {
    const p = await buildPanel();
    const first = await submit(p.link0.token);
    const check = await post(`/survey/${p.link1.token}/earlier-receipt`, { receiptCode: first.receiptCode.toLowerCase().replaceAll('-', ' ') });
    expect(check.statusCode).toBe(204);
    const wrong = await post(`/survey/${p.link1.token}/earlier-receipt`, { receiptCode: 'AAAA-BBBB-CCCC-DDDD-EEEE' }, { 'accept-language': 'nn' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().detail).toMatch(/Vi fann ingen svar/);

    const second = await submit(p.link1.token, { linking: { earlierReceiptCode: first.receiptCode } });
    expect(second.linkedBy).toBe('receipt');
    const rows = await personsOf([p.t0.id, p.t1.id]);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.person_id).toBe(rows[1]!.person_id);

    // A second T1 answer with the same receipt is not linked: a person answers a wave once.
    const third = await submit(p.link1.token, { linking: { earlierReceiptCode: first.receiptCode } });
    expect(third.linkedBy).toBeNull();
    expect(new Set((await personsOf([p.t1.id])).map((r) => r.person_id)).size).toBe(2);
  });

  it('links by a token remembered on the own device, and never keeps one from a shared device', async () => {
    const p = await buildPanel();
    const token = deviceToken();
    await submit(p.link0.token, { linking: { deviceToken: token } });
    const linked = await submit(p.link1.token, { linking: { deviceToken: token } });
    expect(linked.linkedBy).toBe('device');

    const other = deviceToken();
    await submit(p.link0.token, { linking: { deviceToken: other } });
    const shared = await submit(p.shared1.token, { linking: { deviceToken: other } });
    expect(shared.linkedBy).toBeNull();
    const keys = await t.db.selectFrom('link_key').select(['kind', 'hash']).where('wave_id', '=', p.t1.id).execute();
    expect(keys).toHaveLength(1); // only the own-device answer's token
    expect(keys[0]!.hash).not.toContain(token);
  });

  it('keeps a self-generated code only as keyed hashes and links it when the codes are matched', async () => {
    const p = await buildPanel();
    const admin = await login(t.app, (await buildAccount(t.db)).email, 'correct horse battery staple');
    const mine = code(1);
    await submit(p.link0.token, { linking: { code: mine } });
    // Someone else, and two T0 answers sharing one code (flagged, never linked).
    await submit(p.link0.token, { linking: { code: code(4) } });
    await submit(p.link0.token, { linking: { code: code(7) } });
    await submit(p.link0.token, { linking: { code: code(7) } });

    // Remembered one component differently a year later.
    const firstComponent = SGIC_COMPONENTS[0]!;
    const oneOff = { ...mine, [firstComponent.id]: mine[firstComponent.id] === 'Z' ? 'Y' : 'Z' };
    const later = await submit(p.link1.token, { linking: { code: oneOff } });
    expect(later.linkedBy).toBeNull(); // matched later, when the codes are compared
    await submit(p.link1.token, { linking: { code: code(7) } });

    const stored = await t.db.selectFrom('link_key').select(['kind', 'part', 'hash']).where('wave_id', '=', p.t0.id).execute();
    expect(stored.filter((k) => k.part === 0)).toHaveLength(4);
    for (const k of stored) expect(k.hash).toMatch(/^[0-9a-f]{64}$/); // HMAC-SHA256, never the answer itself

    const before = await t.app.inject({ method: 'GET', url: `/api/v1/waves/${p.t1.id}/linking`, headers: admin.headers });
    expect(before.json().municipalities[0]).toMatchObject({ responses: 2, linked: { receipt: 0, device: 0, code: 0 }, unlinked: 2 });
    const matched = await post(`/waves/${p.t1.id}/linking/match`, {}, admin.headers);
    expect(matched.statusCode).toBe(200);
    expect(matched.json()).toMatchObject({ earlierWave: { label: 'T0' }, municipalities: [{ responses: 2, linked: { code: 1 }, unlinked: 1 }] });
    const t0Duplicates = await t.db.selectFrom('response').select('id').where('wave_id', '=', p.t0.id).where('code_duplicate', '=', true).execute();
    expect(t0Duplicates).toHaveLength(2);

    // Running it again changes nothing.
    const again = await post(`/waves/${p.t1.id}/linking/match`, {}, admin.headers);
    expect(again.json().municipalities[0].linked.code).toBe(1);
  });
});

describe('the matching job', () => {
  it('matches the codes of a wave once it has closed, and only once', async () => {
    const p = await buildPanel();
    await submit(p.link0.token, { linking: { code: code(2) } });
    await submit(p.link1.token, { linking: { code: code(2) } });
    const linkedByCode = () => t.db.selectFrom('response').select('id').where('wave_id', '=', p.t1.id).where('link_method', '=', 'code').execute();

    await t.services.participation.matchClosedWaves();
    expect(await linkedByCode()).toHaveLength(0); // still open: more answers may come

    t.clock.set(new Date(TEST_NOW.getTime() + 31 * DAY));
    try {
      expect(await t.services.participation.matchClosedWaves()).toBeGreaterThanOrEqual(1);
      expect(await linkedByCode()).toHaveLength(1);
      expect(await t.services.participation.matchClosedWaves()).toBe(0);
    } finally {
      t.clock.set(TEST_NOW);
    }
  });
});

describe('receipt look-up and withdrawal', () => {
  it('shows one’s own answers and withdraws them in every wave of the chain', async () => {
    const p = await buildPanel();
    const first = await submit(p.link0.token);
    const second = await submit(p.link1.token, { linking: { earlierReceiptCode: first.receiptCode } });
    const bystander = await submit(p.link1.token);

    const summary = await post('/receipts/lookup', { receiptCode: second.receiptCode });
    expect(summary.statusCode).toBe(200);
    expect(summary.json()).toMatchObject({ wave: { label: 'T1' }, language: 'nn', answers: { 'ts:q1': 4 }, linkedResponses: 1, projectEndDate: p.project.endDate });

    const withdrawn = await post('/receipts/withdraw', { receiptCode: second.receiptCode });
    expect(withdrawn.json()).toEqual({ deletedResponses: 2 });
    const left = await personsOf([p.t0.id, p.t1.id]);
    expect(left).toHaveLength(1);
    const scores = await t.db.selectFrom('response_score').select('response_id').where('wave_id', 'in', [p.t0.id, p.t1.id]).execute();
    expect(new Set(scores.map((s) => s.response_id))).toEqual(new Set([left[0]!.id]));
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'response.withdraw').where('object_id', 'in', [p.t0.id, p.t1.id]).execute();
    expect(audit).toHaveLength(2);
    for (const a of audit) expect(a.details).toBeNull();

    for (const receiptCode of [first.receiptCode, second.receiptCode]) expect((await post('/receipts/lookup', { receiptCode })).statusCode).toBe(404);
    expect((await post('/receipts/lookup', { receiptCode: bystander.receiptCode })).statusCode).toBe(200);
  });

  it('answers a wrong code as not found, a malformed one as 400, and limits look-ups per code', async () => {
    const wrong = await post('/receipts/lookup', { receiptCode: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' }, { 'accept-language': 'nb' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().detail).toMatch(/Vi fant ingen svar/);
    expect((await post('/receipts/lookup', { receiptCode: 'x' })).statusCode).toBe(400);
    expect((await post('/receipts/withdraw', { receiptCode: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' })).statusCode).toBe(404);
    expect((await post('/receipts/lookup', { receiptCode: 'ZZZZZZZZZZZZZZZZZZZZ' })).statusCode).toBe(404);
    // The fourth try of one code (however it is typed) within the window is refused.
    const limited = await post('/receipts/lookup', { receiptCode: 'zzzz zzzz zzzz zzzz zzzz' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('retention at the project’s end', () => {
  it('destroys every link between answers and people, removes free text, and is idempotent', async () => {
    const p = await buildPanel({ endDate: '2026-06-30' });
    const token = deviceToken();
    const first = await submit(p.link0.token, { linking: { deviceToken: token, code: code(3) } });
    await submit(p.link1.token, { linking: { earlierReceiptCode: first.receiptCode, deviceToken: token, code: code(3) } });
    await t.db.insertInto('draft').values({
      link_id: p.link1.id, wave_id: p.t1.id, municipality_id: p.municipality.id, unit_id: null, token_hash: 'x', resume_code_hash: null,
      answers: '{}', language: 'nb', section_index: 0, consent_version: 1, created_at: TEST_NOW, updated_at: TEST_NOW,
    }).execute();

    t.clock.set('2026-06-30T20:00:00Z'); // the last day (in Norway): still pseudonymous
    expect(await t.services.participation.anonymiseEndedProjects()).toBe(0);
    t.clock.set('2026-07-01T08:00:00Z');
    try {
      expect(await t.services.participation.anonymiseEndedProjects()).toBe(1);
      const rows = await personsOf([p.t0.id, p.t1.id]);
      expect(rows).toHaveLength(2);
      expect(new Set(rows.map((r) => r.person_id)).size).toBe(2);
      for (const r of rows) {
        expect(r.link_method).toBeNull();
        expect(r.receipt_hash).toBeNull();
        expect(r.answers).toEqual({ 'ts:q1': 4, 'ts:q2': 2 });
      }
      expect(await t.db.selectFrom('link_key').select('hash').where('project_id', '=', p.project.id).execute()).toEqual([]);
      expect(await t.db.selectFrom('draft').select('id').where('wave_id', '=', p.t1.id).execute()).toEqual([]);
      expect((await post('/receipts/lookup', { receiptCode: first.receiptCode })).statusCode).toBe(404);
      const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'project.anonymise').where('object_id', '=', p.project.id).execute();
      expect(audit).toHaveLength(1);

      // A second run (another instance, a retry) finds nothing to do.
      expect(await t.services.participation.anonymiseEndedProjects()).toBe(0);
      expect((await personsOf([p.t0.id, p.t1.id])).map((r) => r.person_id).sort()).toEqual(rows.map((r) => r.person_id).sort());
    } finally {
      t.clock.set(TEST_NOW);
    }
  });
});
