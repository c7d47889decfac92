// Importing responses from CSV: the template, dry runs listing problems by row and column, a refused
// real run storing nothing, a clean file stored whole with the web path's scores, in the export, and
// who may do it.
import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRefused, ImportResult, ImportTargets } from '../../contracts/import.js';
import type { Answers } from '../../contracts/instrument.js';
import { parseCsv } from '../../domain/import.js';
import { buildAdmin, buildLeader, buildLink, buildMunicipality, buildProject, buildResearcher, buildUnit, buildWave } from '../test/factories.js';
import { buildTestApp, login, type LoggedIn, type TestApp } from '../test/test-app.js';

let t: TestApp;
let admin: LoggedIn;
let researcher: LoggedIn;
let otherResearcher: LoggedIn;
let leader: LoggedIn;
let project: { id: string };
let wave: { id: string; label: string };
let linkToken: string;
let gol: { id: string; ssbCode: string };
let units: { id: string; name: string }[];

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  gol = await buildMunicipality(t.db, { name: 'Gol', ssbCode: '3324', defaultLanguage: 'nn' });
  units = [await buildUnit(t.db, { municipalityId: gol.id, name: 'Heimetenesta' }), await buildUnit(t.db, { municipalityId: gol.id, name: 'Sjukeheimen' })];
  project = await buildProject(t.db, { name: 'Importprosjekt' });
  wave = await buildWave(t.db, { projectId: project.id, label: 'Haust 2026', status: 'open' });
  linkToken = (await buildLink(t.db, { waveId: wave.id, municipalityId: gol.id })).token;
  const otherProject = await buildProject(t.db);
  admin = await login(t.app, ...creds(await buildAdmin(t.db)));
  researcher = await login(t.app, ...creds(await buildResearcher(t.db, { projectIds: [project.id] })));
  otherResearcher = await login(t.app, ...creds(await buildResearcher(t.db, { projectIds: [otherProject.id] })));
  leader = await login(t.app, ...creds(await buildLeader(t.db, { municipalityId: gol.id })));
});
afterAll(async () => {
  await t?.close();
});

function creds(a: { email: string; password: string }): [string, string] {
  return [a.email, a.password];
}

function importFile(body: string | Buffer, o: { who?: LoggedIn; dryRun?: boolean; query?: string; lang?: string; contentType?: string } = {}) {
  const who = o.who ?? researcher;
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/waves/${wave.id}/import?dryRun=${o.dryRun ?? true}${o.query ?? ''}`,
    headers: { ...who.headers, 'content-type': o.contentType ?? 'text/csv; charset=utf-8', 'accept-language': o.lang ?? 'en' },
    payload: body,
  });
}

async function countResponses(source?: 'web' | 'import'): Promise<number> {
  let q = t.db.selectFrom('response').select(sql<number>`count(*)::int`.as('n')).where('wave_id', '=', wave.id);
  if (source) q = q.where('source', '=', source);
  return (await q.executeTakeFirstOrThrow()).n;
}

// Semicolons, CRLF and a BOM, as Excel in Norway saves it; row 3 has three problems, row 4 one.
const withProblems =
  '\uFEFFmunicipality_code;unit;role;years;q1;q2;q3;nurse_only;ts_comment\r\n' +
  '3324;Heimetenesta;1;12;4;5;2;3;"Bra, men ""tungvint"""\r\n' +
  '3324;Kjøkkenet;3;60;4;4;4;;\r\n' +
  '3324;Sjukeheimen;2;3;2;3;4;5;\r\n';
const clean = withProblems.replace('3324;Kjøkkenet;3;60', '3324;Sjukeheimen;1;6').replace('2;3;2;3;4;5;', '2;3;2;3;4;-8;');

describe('template and targets', () => {
  it('gives the header row of the wave’s importable columns, as the export names them', async () => {
    const res = await t.app.inject({ url: `/api/v1/waves/${wave.id}/import/template.csv`, headers: { cookie: researcher.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="digikompass-import-haust-2026.csv"');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(res.body)).toEqual([{ row: 1, fields: ['municipality_code', 'unit', 'language', 'submitted_on', 'role', 'years', 'q1', 'q2', 'q3', 'nurse_only', 'ts_comment'] }]);
  });

  it('lists the project’s waves and municipalities with unit names', async () => {
    const res = await t.app.inject({ url: `/api/v1/projects/${project.id}/import/targets`, headers: { cookie: researcher.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ImportTargets>()).toEqual({
      waves: [{ id: wave.id, label: 'Haust 2026', instrument: 'test-survey 1.0.0' }],
      municipalities: [{ ssbCode: '3324', name: 'Gol', units: ['Heimetenesta', 'Sjukeheimen'] }],
    });
  });
});

describe('dry run', () => {
  it('lists every problem by row and column, translated, and stores nothing', async () => {
    const res = await importFile(withProblems);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<ImportResult>();
    expect(result).toMatchObject({ rows: 3, ok: false, problemCount: 4, imported: 0, ignoredColumns: [] });
    expect(result.problems.map((p) => [p.row, p.column, p.code, p.value])).toEqual([
      [3, 'unit', 'unknown_unit', 'Kjøkkenet'],
      [3, 'role', 'not_a_code', '3'],
      [3, 'years', 'out_of_range', '60'],
      [4, 'nurse_only', 'hidden', '5'],
    ]);
    expect(result.problems[2]!.message).toBe('Must be from 0 to 50.');
    const nn = (await importFile(withProblems, { lang: 'nn' })).json<ImportResult>();
    expect(nn.problems[0]!.message).toBe('Kommunen har inga eining med dette namnet.');
    expect(await countResponses()).toBe(0);
  });

  it('says so when the bytes are not UTF-8, the body is no CSV, or the file is over 5 MB', async () => {
    const latin1 = Buffer.from('municipality_code,unit,role\n3324,Kjøkkenet,1\n', 'latin1');
    const res = await importFile(latin1);
    expect(res.json<ImportResult>().problems.map((p) => p.code)).toEqual(['not_utf8']);
    expect(res.json<ImportResult>().problems[0]!.message).toMatch(/CSV UTF-8/);

    const json = await t.app.inject({ method: 'POST', url: `/api/v1/waves/${wave.id}/import`, headers: researcher.headers, payload: { rows: [] } });
    expect(json.statusCode).toBe(415);
    expect(json.json().type).toBe('urn:digikompass:problem:import_csv_expected');

    const big = `municipality_code,ts_comment\n${'3324,abcdefghijklmnopqrstuvwxyz\n'.repeat(200_000)}`;
    const tooLarge = await importFile(big);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().detail).toBe('The file is larger than 5 MB. Split it into smaller files.');
  });

  it('takes the municipality and unit for the whole file from the query', async () => {
    const res = await importFile('role,q1\n1,4\n2,3\n', { query: `&municipalityCode=3324&unit=${encodeURIComponent('sjukeheimen')}` });
    expect(res.json<ImportResult>()).toMatchObject({ rows: 2, ok: true, problems: [] });
  });
});

describe('real run', () => {
  it('refuses a file with problems (422 with the problems) and stores nothing', async () => {
    const res = await importFile(withProblems, { dryRun: false });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json<ImportRefused>();
    expect(body).toMatchObject({ status: 422, ok: false, problemCount: 4, imported: 0, type: 'urn:digikompass:problem:import_refused' });
    expect(body.detail).toBe('The file has 4 problems, so nothing was imported. Correct them and try again.');
    expect(body.problems).toHaveLength(4);
    expect(await countResponses()).toBe(0);
  });

  it('stores nothing when the database refuses a row halfway (one transaction)', async () => {
    // A constraint the reader cannot know: the 230th row breaks it, in the second batch of inserts.
    await sql`ALTER TABLE response ADD CONSTRAINT test_no_q1_1 CHECK (source <> 'import' OR answers->>'ts:q1' IS DISTINCT FROM '1')`.execute(t.db);
    try {
      const rows = Array.from({ length: 250 }, (_, i) => `3324,,1,${i % 50},${i === 229 ? 1 : 2},${Math.floor(i / 50) + 1}`).join('\n');
      const res = await importFile(`municipality_code,unit,role,years,q1,q2\n${rows}\n`, { dryRun: false });
      expect(res.statusCode).toBe(500);
      expect(await countResponses()).toBe(0);
    } finally {
      await sql`ALTER TABLE response DROP CONSTRAINT test_no_q1_1`.execute(t.db);
    }
  });

  it('stores a clean file whole: source import, no receipt or consent, random persons, the web path’s scores, an audit line', async () => {
    const res = await importFile(clean, { dryRun: false });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<ImportResult>()).toMatchObject({ rows: 3, ok: true, imported: 3, problems: [] });

    const stored = await t.db
      .selectFrom('response')
      .selectAll()
      .where('wave_id', '=', wave.id)
      .orderBy(sql`(answers->>'ts:years')::numeric`)
      .execute();
    expect(stored).toHaveLength(3);
    for (const r of stored) {
      expect(r).toMatchObject({ source: 'import', consent_version: null, receipt_hash: null, idempotency_hash: null, link_method: null, active_minutes: null, submitted_on: '2026-03-16', language: 'nn', municipality_id: gol.id });
    }
    expect(new Set(stored.map((r) => r.person_id)).size).toBe(3);
    expect(stored.map((r) => r.unit_id)).toEqual([units[1]!.id, units[1]!.id, units[0]!.id]);
    expect(stored[2]!.answers).toEqual({ 'ts:role': 'nurse', 'ts:years': 12, 'ts:q1': 4, 'ts:q2': 5, 'ts:q3': 2, 'ts:nurse_only': 3, 'ts:comment': 'Bra, men "tungvint"' });

    // The same answers through the web: the same scores.
    for (const r of stored) {
      const submitted = await t.app.inject({
        method: 'POST',
        url: `/api/v1/survey/${linkToken}/responses`,
        payload: { idempotencyKey: randomUUID(), consentVersion: 1, language: 'nn', unitId: r.unit_id, answers: r.answers as Answers },
      });
      expect(submitted.statusCode, submitted.body).toBe(201);
    }
    const scores = await t.db
      .selectFrom('response_score as s')
      .innerJoin('response as r', 'r.id', 's.response_id')
      .select(['r.source', 's.scale_id', sql<string>`s.score::text`.as('score'), sql<string>`r.answers::text`.as('answers'), 's.unit_id', 's.municipality_id'])
      .where('r.wave_id', '=', wave.id)
      .execute();
    const bySource = (source: string) =>
      scores
        .filter((s) => s.source === source)
        .map((s) => [s.answers, s.scale_id, s.score, s.unit_id, s.municipality_id].join('|'))
        .sort();
    expect(bySource('import')).toHaveLength(3);
    expect(bySource('import')).toEqual(bySource('web'));

    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'response.import').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ object_type: 'wave', object_id: wave.id, actor_role: 'researcher', details: { projectId: project.id, rows: 3 } });
  });

  it('puts imported responses in the export (source 2), whose data.csv reads back clean', async () => {
    const res = await t.app.inject({ url: `/api/v1/projects/${project.id}/export?waveId=${wave.id}&language=en`, headers: { cookie: researcher.cookie } });
    expect(res.statusCode).toBe(200);
    const data = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['data.csv']!);
    const [header, ...rows] = parseCsv(data).map((r) => r.fields);
    const source = header!.indexOf('source');
    expect(rows.map((r) => r[source]).sort()).toEqual(['1', '1', '1', '2', '2', '2']);
    // The exported file is itself an import file: the computed columns are ignored and every row is valid,
    // but each web response has the answers of an imported one (the test sent them so): three duplicates.
    const again = (await importFile(data)).json<ImportResult>();
    expect(again).toMatchObject({ rows: 6, ok: false, problemCount: 3 });
    expect(again.problems.map((p) => p.code)).toEqual(['duplicate_row', 'duplicate_row', 'duplicate_row']);
    expect(again.ignoredColumns).toEqual(expect.arrayContaining(['response_id', 'person_id', 'source', 'score_skills']));
    const imported = [header!, ...rows.filter((r) => r[source] === '2')].map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
    expect((await importFile(imported)).json<ImportResult>()).toMatchObject({ rows: 3, ok: true, problems: [] });
  });

  it('refuses an import into a project whose data have been made anonymous', async () => {
    const p = await buildProject(t.db);
    const w = await buildWave(t.db, { projectId: p.id });
    await t.db.updateTable('project').set({ anonymised_at: new Date() }).where('id', '=', p.id).execute();
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/waves/${w.id}/import`, headers: { ...admin.headers, 'content-type': 'text/csv', 'accept-language': 'en' }, payload: 'municipality_code\n' });
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('urn:digikompass:problem:import_project_anonymised');
  });
});

describe('who may import', () => {
  it('lets the platform admin import into any project, a researcher only their own (else 404), and no leader (403)', async () => {
    expect((await importFile(clean, { who: admin })).statusCode).toBe(200);
    const other = await importFile(clean, { who: otherResearcher });
    expect(other.statusCode).toBe(404);
    expect(other.json().type).toBe('urn:digikompass:problem:wave_not_found');
    expect((await t.app.inject({ url: `/api/v1/waves/${wave.id}/import/template.csv`, headers: { cookie: otherResearcher.cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/projects/${project.id}/import/targets`, headers: { cookie: otherResearcher.cookie } })).statusCode).toBe(404);
    expect((await importFile(clean, { who: leader })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/waves/${wave.id}/import/template.csv`, headers: { cookie: leader.cookie } })).statusCode).toBe(403);
  });
});
