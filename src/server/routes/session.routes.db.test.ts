// Logging in and out, session cookies, CSRF and the login rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdmin, buildLeader, buildMunicipality } from '../test/factories.js';
import { buildTestApp, login, type TestApp } from '../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('POST /session', () => {
  it('logs in with a secure, httpOnly, SameSite=Lax cookie and stores only a hash of its id', async () => {
    const m = await buildMunicipality(t.db);
    const leader = await buildLeader(t.db, { municipalityId: m.id, email: 'Leder.Gol@Example.no' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'leder.gol@example.no', password: leader.password } });
    expect(res.statusCode).toBe(200);
    expect(res.json().account).toMatchObject({ email: 'leder.gol@example.no', role: 'municipality_leader', municipalityId: m.id });
    const cookie = res.cookies.find((c) => c.name === 'dk_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
    const sessions = await t.db.selectFrom('session').selectAll().where('account_id', '=', leader.id).execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id_hash).not.toBe(cookie.value);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'session.login').where('actor_account_id', '=', leader.id).execute();
    expect(audit).toHaveLength(1);
  });

  it('answers 401 for a wrong password or an unknown e-mail, in the caller language', async () => {
    const admin = await buildAdmin(t.db);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: admin.email, password: 'nope' }, headers: { 'accept-language': 'en' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().detail).toBe('Wrong e-mail address or password.');
    expect(wrong.cookies).toHaveLength(0);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'nobody@example.no', password: 'nope' } });
    expect(unknown.statusCode).toBe(401);
  });

  it('limits attempts per account without blocking another account from the same address', async () => {
    const victim = await buildAdmin(t.db);
    const other = await buildAdmin(t.db);
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: victim.email, password: `wrong-${i}` } })).statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even the right password waits for the window to pass.
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: victim.email, password: victim.password } });
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBeDefined();
    // Same address, another account: fine.
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: other.email, password: other.password } });
    expect(ok.statusCode).toBe(200);
    // After the window the account can log in again.
    t.clock.advance(16 * 60 * 1000);
    const later = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: victim.email, password: victim.password } });
    expect(later.statusCode).toBe(200);
  });
});

describe('GET and DELETE /session', () => {
  it('reports the session with its CSRF token and logs out', async () => {
    const admin = await buildAdmin(t.db);
    const s = await login(t.app, admin.email, admin.password);
    const me = await t.app.inject({ url: '/api/v1/session', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ account: { id: admin.id, role: 'platform_admin' }, csrfToken: s.csrfToken });

    const noCsrf = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie: s.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().type).toBe('urn:digikompass:problem:csrf');

    const out = await t.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: s.headers });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/v1/session', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('answers 401 without a cookie and ends idle sessions', async () => {
    expect((await t.app.inject({ url: '/api/v1/session' })).statusCode).toBe(401);
    const admin = await buildAdmin(t.db);
    const s = await login(t.app, admin.email, admin.password);
    t.clock.advance(3 * 60 * 60 * 1000);
    const idle = await t.app.inject({ url: '/api/v1/session', headers: { cookie: s.cookie } });
    expect(idle.statusCode).toBe(401);
    expect(idle.json().type).toBe('urn:digikompass:problem:session_expired');
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the session token', async () => {
    const admin = await buildAdmin(t.db);
    const s = await login(t.app, admin.email, admin.password);
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: { cookie: s.cookie }, payload: { code: 'x', name: 'X' } });
    expect(missing.statusCode).toBe(403);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: { cookie: s.cookie, 'x-csrf-token': 'nope' }, payload: { code: 'x', name: 'X' } });
    expect(wrong.statusCode).toBe(403);
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: s.headers, payload: { code: `csrf-${Date.now()}`, name: 'X' } });
    expect(right.statusCode).toBe(201);
  });
});
