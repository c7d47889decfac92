// Respondent routes on a real database: link lookup, drafts, submit (idempotency, pruning, validation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLink, buildSurvey, buildUnit } from '../test/factories.js';
import { buildTestApp, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const key = () => `key-${crypto.randomUUID()}`;

async function submit(token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: `/api/v1/survey/${token}/responses`, payload: body, headers });
}

describe('GET /survey/:token', () => {
  it('opens a link with the instrument, consent, units and wave status', async () => {
    const s = await buildSurvey(t.db);
    const res = await t.app.inject({ url: `/api/v1/survey/${s.link.token}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.wave).toMatchObject({ id: s.wave.id, status: 'open' });
    expect(body.municipality).toMatchObject({ id: s.municipality.id, defaultLanguage: 'nn' });
    expect(body.units.map((u: { name: string }) => u.name)).toEqual(['Heimetenesta', 'Sjukeheimen']);
    expect(body.consent.version).toBe(1);
    expect(body.consent.information.nn).toMatch(/frivillig/);
    expect(body.instrument.id).toBe('test-survey');
    expect(body.sharedDevice).toBe(false);
  });

  it('answers 404 problem+json for an unknown token, in the caller language', async () => {
    const res = await t.app.inject({ url: '/api/v1/survey/no-such-token', headers: { 'accept-language': 'nn-NO,nn;q=0.9' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().detail).toMatch(/finst ikkje/);
  });

  it('shows a closed wave as closed', async () => {
    const s = await buildSurvey(t.db, { status: 'closed' });
    const res = await t.app.inject({ url: `/api/v1/survey/${s.link.token}` });
    expect(res.json().wave.status).toBe('closed');
  });
});

describe('POST /survey/:token/responses', () => {
  it('stores a response with its scores and the day only, and returns a grouped receipt', async () => {
    const s = await buildSurvey(t.db);
    const res = await submit(s.link.token, {
      idempotencyKey: key(),
      consentVersion: 1,
      language: 'nn',
      unitId: s.units[0]!.id,
      answers: { 'ts:role': 'other', 'ts:q1': 5, 'ts:q2': 5, 'ts:q3': 1, 'ts:years': 7 },
    });
    expect(res.statusCode).toBe(201);
    const { receiptCode, submittedOn } = res.json();
    expect(receiptCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(submittedOn).toBe('2026-03-16');

    const rows = await t.db.selectFrom('response').selectAll().where('wave_id', '=', s.wave.id).execute();
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ unit_id: s.units[0]!.id, submitted_on: '2026-03-16', source: 'web', language: 'nn', consent_version: 1, scoring_version: 1 });
    expect(row.answers).toEqual({ 'ts:role': 'other', 'ts:years': 7, 'ts:q1': 5, 'ts:q2': 5, 'ts:q3': 1 });
    // ts:q3 is reverse-keyed: 1 is its best answer.
    // Only a hash of the receipt is stored, never the code.
    expect(JSON.stringify(row)).not.toContain(receiptCode);
    const scores = await t.db.selectFrom('response_score').selectAll().where('response_id', '=', row.id).execute();
    expect(scores.map((x) => [x.scale_id, Number(x.score)])).toEqual([['skills', 100]]);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'response.submit').where('object_id', '=', s.wave.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toBeNull();
  });

  it('returns the same receipt with 200 on a replay and stores one row', async () => {
    const s = await buildSurvey(t.db);
    const body = { idempotencyKey: key(), consentVersion: 1, language: 'nb', unitId: null, answers: { 'ts:q1': 3 } };
    const first = await submit(s.link.token, body);
    const second = await submit(s.link.token, body);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().receiptCode).toBe(first.json().receiptCode);
    const n = await t.db.selectFrom('response').select((eb) => eb.fn.countAll<number>().as('n')).where('wave_id', '=', s.wave.id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('stores one row when the same key is submitted twice at once', async () => {
    const s = await buildSurvey(t.db);
    const body = { idempotencyKey: key(), consentVersion: 1, language: 'nb', unitId: null, answers: { 'ts:q1': 3 } };
    const results = await Promise.all([submit(s.link.token, body), submit(s.link.token, body), submit(s.link.token, body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.json().receiptCode)).size).toBe(1);
    const rows = await t.db.selectFrom('response').select('id').where('wave_id', '=', s.wave.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('never stores answers to hidden items or unknown ids', async () => {
    const s = await buildSurvey(t.db);
    const res = await submit(s.link.token, {
      idempotencyKey: key(),
      consentVersion: 1,
      language: 'nb',
      unitId: null,
      // ts:nurse_only is shown only to nurses.
      answers: { 'ts:role': 'other', 'ts:nurse_only': 5, 'ts:q1': 2, 'zz:unknown': 'x' },
    });
    expect(res.statusCode).toBe(201);
    const row = await t.db.selectFrom('response').select('answers').where('wave_id', '=', s.wave.id).executeTakeFirstOrThrow();
    expect(row.answers).toEqual({ 'ts:role': 'other', 'ts:q1': 2 });
  });

  it('refuses invalid answers with field errors in nynorsk', async () => {
    const s = await buildSurvey(t.db);
    const res = await submit(
      s.link.token,
      { idempotencyKey: key(), consentVersion: 1, language: 'nn', unitId: null, answers: { 'ts:q1': 9, 'ts:years': 80, 'ts:comment': 'x'.repeat(60) } },
      { 'accept-language': 'nn' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const p = res.json();
    expect(p.detail).toBe('Nokre svar er ikkje gyldige. Sjå spørsmåla som er merkte.');
    expect(p.errors).toEqual([
      { path: 'answers.ts:years', message: 'Skriv eit tal frå 0 til 50.' },
      { path: 'answers.ts:q1', message: 'Vel eitt av alternativa.' },
      { path: 'answers.ts:comment', message: 'Svaret kan ha høgst 50 teikn.' },
    ]);
    expect(await t.db.selectFrom('response').select('id').where('wave_id', '=', s.wave.id).execute()).toHaveLength(0);
  });

  it('refuses a body that breaks the contract with translated field errors', async () => {
    const s = await buildSurvey(t.db);
    const res = await submit(s.link.token, { idempotencyKey: 'short', consentVersion: 1, language: 'xx', unitId: null, answers: {} }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['idempotencyKey', 'language']));
    expect(res.json().errors.find((e: { path: string }) => e.path === 'idempotencyKey').message).toBe('Enter at least 16 characters.');
  });

  it('refuses a unit of another municipality and a unit other than the link’s own', async () => {
    const s = await buildSurvey(t.db);
    const other = await buildSurvey(t.db);
    const foreign = await submit(s.link.token, { idempotencyKey: key(), consentVersion: 1, language: 'nb', unitId: other.units[0]!.id, answers: {} });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].path).toBe('unitId');

    const unitLink = await buildLink(t.db, { waveId: s.wave.id, municipalityId: s.municipality.id, unitId: s.units[1]!.id });
    const wrong = await submit(unitLink.token, { idempotencyKey: key(), consentVersion: 1, language: 'nb', unitId: s.units[0]!.id, answers: {} });
    expect(wrong.statusCode).toBe(400);
    const right = await submit(unitLink.token, { idempotencyKey: key(), consentVersion: 1, language: 'nb', unitId: null, answers: {} });
    expect(right.statusCode).toBe(201);
    const stored = await t.db.selectFrom('response').select('unit_id').where('wave_id', '=', s.wave.id).execute();
    expect(stored.map((r) => r.unit_id)).toEqual([s.units[1]!.id]);
  });

  it('stores concurrent submits together, and one bad submit among them fails alone', async () => {
    const s = await buildSurvey(t.db);
    const other = await buildSurvey(t.db);
    const good = Array.from({ length: 12 }, (_, i) => ({ idempotencyKey: key(), consentVersion: 1, language: 'nb', unitId: s.units[i % 2]!.id, answers: { 'ts:q1': 1 + (i % 5) } }));
    const bad = { idempotencyKey: key(), consentVersion: 1, language: 'nb', unitId: other.units[0]!.id, answers: {} };
    const results = await Promise.all([...good.slice(0, 6), bad, ...good.slice(6), good[0]!].map((b) => submit(s.link.token, b)));
    const codes = results.map((r) => r.statusCode);
    expect(codes.slice(1, 13)).toEqual([201, 201, 201, 201, 201, 400, 201, 201, 201, 201, 201, 201]);
    // The same key twice: whichever is written first creates the row, the other replays it.
    expect([codes[0], codes[13]].sort()).toEqual([200, 201]);
    const rows = await t.db.selectFrom('response').select(['unit_id', 'answers']).where('wave_id', '=', s.wave.id).execute();
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => (r.answers as Record<string, number>)['ts:q1']).sort()).toEqual(good.map((b) => b.answers['ts:q1']).sort());
    const audit = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'response.submit').where('object_id', '=', s.wave.id).execute();
    expect(audit).toHaveLength(12);
  });

  it('refuses submits to closed and scheduled waves, and an outdated consent version', async () => {
    const closed = await buildSurvey(t.db, { status: 'closed' });
    const r1 = await submit(closed.link.token, { idempotencyKey: key(), consentVersion: 1, language: 'nb', unitId: null, answers: {} });
    expect(r1.statusCode).toBe(410);
    expect(r1.json().type).toBe('urn:digikompass:problem:wave_closed');

    const scheduled = await buildSurvey(t.db, { status: 'scheduled' });
    const r2 = await submit(scheduled.link.token, { idempotencyKey: key(), consentVersion: 1, language: 'nb', unitId: null, answers: {} });
    expect(r2.statusCode).toBe(409);

    const open = await buildSurvey(t.db);
    const r3 = await submit(open.link.token, { idempotencyKey: key(), consentVersion: 2, language: 'nb', unitId: null, answers: {} });
    expect(r3.statusCode).toBe(409);
    expect(r3.json().type).toBe('urn:digikompass:problem:consent_outdated');
  });

  it('still gives the receipt for a response stored before the wave closed', async () => {
    const s = await buildSurvey(t.db);
    const body = { idempotencyKey: key(), consentVersion: 1, language: 'nb', unitId: null, answers: {} };
    const first = await submit(s.link.token, body);
    t.clock.advance(40 * 24 * 60 * 60 * 1000);
    try {
      const retry = await submit(s.link.token, body);
      expect(retry.statusCode).toBe(200);
      expect(retry.json().receiptCode).toBe(first.json().receiptCode);
      const fresh = await submit(s.link.token, { ...body, idempotencyKey: key() });
      expect(fresh.statusCode).toBe(410);
    } finally {
      t.clock.advance(-40 * 24 * 60 * 60 * 1000);
    }
  });
});

describe('drafts', () => {
  it('start, save (pruned), read back and drop on submit', async () => {
    const s = await buildSurvey(t.db);
    const created = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${s.link.token}/drafts`, payload: { consentVersion: 1, language: 'nn' } });
    expect(created.statusCode).toBe(201);
    const { draftId, draftToken, resumeCode } = created.json();
    expect(resumeCode).toBeNull();

    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/survey/${s.link.token}/drafts/${draftId}`,
      payload: { draftToken, answers: { 'ts:role': 'other', 'ts:nurse_only': 4, 'ts:q1': 2 }, language: 'nn', unitId: s.units[1]!.id, sectionIndex: 1 },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().savedAt).toBe('2026-03-16T10:00:00.000Z');

    const state = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${s.link.token}/drafts/${draftId}/state`, payload: { draftToken } });
    expect(state.statusCode).toBe(200);
    expect(state.json()).toMatchObject({ draftId, answers: { 'ts:role': 'other', 'ts:q1': 2 }, unitId: s.units[1]!.id, sectionIndex: 1, language: 'nn', consentVersion: 1 });

    const sub = await t.app.inject({
      method: 'POST',
      url: `/api/v1/survey/${s.link.token}/responses`,
      payload: { idempotencyKey: key(), consentVersion: 1, language: 'nn', unitId: s.units[1]!.id, answers: { 'ts:q1': 2 }, draftId, draftToken },
    });
    expect(sub.statusCode).toBe(201);
    expect(await t.db.selectFrom('draft').select('id').where('id', '=', draftId).execute()).toHaveLength(0);
  });

  it('refuses a wrong draft token (403) and an unknown draft (404)', async () => {
    const s = await buildSurvey(t.db);
    const { draftId } = (await t.app.inject({ method: 'POST', url: `/api/v1/survey/${s.link.token}/drafts`, payload: { consentVersion: 1, language: 'nb' } })).json();
    const body = { draftToken: 'x'.repeat(43), answers: {}, language: 'nb', unitId: null, sectionIndex: 0 };
    const wrong = await t.app.inject({ method: 'PUT', url: `/api/v1/survey/${s.link.token}/drafts/${draftId}`, payload: body });
    expect(wrong.statusCode).toBe(403);
    const unknown = await t.app.inject({ method: 'PUT', url: `/api/v1/survey/${s.link.token}/drafts/${crypto.randomUUID()}`, payload: body });
    expect(unknown.statusCode).toBe(404);
    // A draft cannot be reached through another link either.
    const other = await buildSurvey(t.db);
    const elsewhere = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${other.link.token}/drafts/${draftId}/state`, payload: { draftToken: 'x'.repeat(43) } });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('resumes by code on a shared device, with a new token that replaces the old one', async () => {
    const s = await buildSurvey(t.db, { sharedDevice: true });
    const created = (await t.app.inject({ method: 'POST', url: `/api/v1/survey/${s.link.token}/drafts`, payload: { consentVersion: 1, language: 'nb' } })).json();
    expect(created.resumeCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/survey/${s.link.token}/drafts/${created.draftId}`,
      payload: { draftToken: created.draftToken, answers: { 'ts:q2': 4 }, language: 'nb', unitId: null, sectionIndex: 1 },
    });

    const typed = created.resumeCode.toLowerCase().replace('-', ' ');
    const resumed = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${s.link.token}/resume`, payload: { resumeCode: typed } });
    expect(resumed.statusCode).toBe(200);
    const state = resumed.json();
    expect(state).toMatchObject({ draftId: created.draftId, answers: { 'ts:q2': 4 }, sectionIndex: 1 });
    expect(state.draftToken).not.toBe(created.draftToken);
    const old = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${s.link.token}/drafts/${created.draftId}/state`, payload: { draftToken: created.draftToken } });
    expect(old.statusCode).toBe(403);

    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${s.link.token}/resume`, payload: { resumeCode: 'AAAA-AAAA' } });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().type).toBe('urn:digikompass:problem:resume_code_invalid');
  });

  it('limits resume attempts per link and code', async () => {
    const s = await buildSurvey(t.db, { sharedDevice: true });
    const codes = [];
    for (let i = 0; i < 10; i++) codes.push((await t.app.inject({ method: 'POST', url: `/api/v1/survey/${s.link.token}/resume`, payload: { resumeCode: 'ZZZZ-ZZZZ' } })).statusCode);
    expect(codes.every((c) => c === 404)).toBe(true);
    const limited = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${s.link.token}/resume`, payload: { resumeCode: 'ZZZZ-ZZZZ' } });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('decline', () => {
  it('counts a decline and nothing else', async () => {
    const s = await buildSurvey(t.db);
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/survey/${s.link.token}/decline`, payload: { language: 'nb' } });
      expect(res.statusCode).toBe(204);
    }
    const row = await t.db.selectFrom('decline_count').selectAll().where('wave_id', '=', s.wave.id).executeTakeFirstOrThrow();
    expect(row.count).toBe(2);
  });
});

describe('units', () => {
  it('a unit made after the link still counts for the municipality', async () => {
    const s = await buildSurvey(t.db);
    const late = await buildUnit(t.db, { municipalityId: s.municipality.id, name: 'Ny eining' });
    const res = await submit(s.link.token, { idempotencyKey: key(), consentVersion: 1, language: 'nb', unitId: late.id, answers: {} });
    expect(res.statusCode).toBe(201);
  });
});

describe('limits and closed waves', () => {
  it('limits submits per link (not per address) and refuses drafts once the wave has closed', async () => {
    const small = await buildTestApp({ rateLimits: { submitPerLink: { limit: 2, windowSeconds: 60 } } });
    try {
      const s = await buildSurvey(small.db);
      const other = await buildSurvey(small.db);
      const send = (token: string) =>
        small.app.inject({ method: 'POST', url: `/api/v1/survey/${token}/responses`, payload: { idempotencyKey: key(), consentVersion: 1, language: 'nb', unitId: null, answers: {} } });
      expect((await send(s.link.token)).statusCode).toBe(201);
      expect((await send(s.link.token)).statusCode).toBe(201);
      const limited = await send(s.link.token);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().type).toBe('urn:digikompass:problem:rate_limited');
      // Another link from the same address is not affected.
      expect((await send(other.link.token)).statusCode).toBe(201);

      const { draftId, draftToken } = (await small.app.inject({ method: 'POST', url: `/api/v1/survey/${other.link.token}/drafts`, payload: { consentVersion: 1, language: 'nb' } })).json();
      small.clock.advance(31 * 24 * 60 * 60 * 1000);
      const save = await small.app.inject({
        method: 'PUT',
        url: `/api/v1/survey/${other.link.token}/drafts/${draftId}`,
        payload: { draftToken, answers: {}, language: 'nb', unitId: null, sectionIndex: 0 },
      });
      expect(save.statusCode).toBe(410);
    } finally {
      await small.close();
    }
  });
});
