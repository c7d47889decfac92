// The HTTP shell: problem+json for bad input and unknown routes, security headers, OpenAPI, and the
// access matrix (every route declares a permission; none but the public ones answer without a session).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions } from './services/access.js';
import { buildAdmin } from './test/factories.js';
import { buildTestApp, login, type TestApp } from './test/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('bad input is a 4xx problem, never a 500', () => {
  it('malformed JSON → 400 problem+json', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, type: 'urn:digikompass:problem:malformed_body', detail: 'Forespørselen kunne ikke leses (ugyldig JSON).' });
  });

  it('an empty JSON body, a wrong content type and a too large body are 4xx', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode).toBe(400);
    const xml = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    const big = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'x'.repeat(2_000_000) }) });
    expect(big.statusCode).toBe(413);
  });

  it('an unknown API route → 404 problem+json; a malformed id → 404', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().detail).toBe('There is no such address in the API.');
    const a = await buildAdmin(t.db);
    const admin = await login(t.app, a.email, a.password);
    expect((await t.app.inject({ url: '/api/v1/waves/not-a-uuid/links', headers: { cookie: admin.cookie } })).statusCode).toBe(404);
  });

  it('without a built web, pages say how to build it', async () => {
    const res = await t.app.inject({ url: '/results' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toMatch(/npm run build:web/);
  });
});

describe('security headers', () => {
  it('a strict Content-Security-Policy and no referrer', async () => {
    const res = await t.app.inject({ url: '/api/v1/survey/x' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document with the routes, and readable docs', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body);
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/survey/{token}/responses', '/api/v1/session', '/api/v1/waves/{waveId}/release', '/api/v1/links/{id}/qr.svg']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    // Results are served only from frozen releases: no live scale or item results.
    expect(Object.keys(doc.paths)).not.toContain('/api/v1/waves/{waveId}/results');
    expect(Object.keys(doc.paths)).not.toContain('/api/v1/waves/{waveId}/items');
    expect(doc.paths['/api/v1/survey/{token}/responses'].post.requestBody).toBeDefined();
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('access matrix', () => {
  it('every /api/v1 route declares a known permission', () => {
    const routes = t.app.routeCatalog;
    expect(routes.length).toBeGreaterThanOrEqual(24);
    for (const r of routes) expect(permissions, `${r.method} ${r.url}`).toContain(r.permission);
    const publicRoutes = routes.filter((r) => r.permission === 'public').map((r) => `${r.method} ${r.url}`);
    // Respondents, receipts, logging in and the one-time password links; routes/access-matrix.db.test.ts checks every route × role.
    const publicPaths = /^(GET|POST|PUT) \/api\/v1\/(survey\/|receipts\/|session$|password-reset$|password-tokens\/)/;
    expect(publicRoutes.filter((r) => !publicPaths.test(r))).toEqual([]);
  });

  it('no route but the public ones answers without a session', async () => {
    for (const r of t.app.routeCatalog.filter((x) => x.permission !== 'public')) {
      const url = r.url.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.app.inject({ method: r.method as 'GET', url, ...(r.method === 'GET' ? {} : { payload: {} }) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });
});
