// Municipality attributes: read by whoever sees the municipality, written by the platform admin, imported
// from SSB-style CSV files (dry run, then all or nothing), audited; and the input of breakdowns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakdownGroupings } from '../../domain/municipality-attributes.js';
import { buildAdmin, buildLeader, buildMunicipality, buildRegion } from '../test/factories.js';
import { buildTestApp, login, type LoggedIn, type TestApp } from '../test/test-app.js';

let t: TestApp;
let admin: LoggedIn;
let leader: LoggedIn;
let gol: { id: string };
let hol: { id: string };
let vinje: { id: string };
let hallinghelse: { id: string };

/** Windows-1252 bytes of a text whose characters are all in Latin-1, as StatBank's "Latin-1" export gives. */
const latin1 = (s: string) => Buffer.from(s, 'latin1');

beforeAll(async () => {
  t = await buildTestApp();
  hallinghelse = await buildRegion(t.db, { name: 'Hallinghelse' });
  gol = await buildMunicipality(t.db, { name: 'Gol', ssbCode: '3324', regionId: hallinghelse.id });
  hol = await buildMunicipality(t.db, { name: 'Hol', ssbCode: '3330', regionId: hallinghelse.id });
  vinje = await buildMunicipality(t.db, { name: 'Vinje', ssbCode: '4036' });
  // Hol's number in Viken (2020–2023).
  await t.db.insertInto('municipality_code_history').values({ municipality_id: hol.id, ssb_code: '3044', name: 'Hol', valid_from: '2020-01-01', valid_to: '2023-12-31' }).execute();
  const a = await buildAdmin(t.db);
  admin = await login(t.app, a.email, a.password);
  const l = await buildLeader(t.db, { municipalityId: gol.id });
  leader = await login(t.app, l.email, l.password);
});
afterAll(async () => {
  await t?.close();
});

const url = (id: string) => `/api/v1/municipalities/${id}/attributes`;
const importCsv = (body: Buffer | string, dryRun: boolean, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/municipalities/attributes/import?dryRun=${dryRun}`,
    headers: { ...admin.headers, 'content-type': 'text/csv', ...headers },
    payload: body,
  });
const stored = async (id: string) =>
  t.db.selectFrom('municipality').select(['population', 'population_year', 'county_code', 'county_name', 'centrality']).where('id', '=', id).executeTakeFirstOrThrow();

describe('GET and PUT /municipalities/:id/attributes', () => {
  it('starts unknown, and a leader reads their own municipality but not another', async () => {
    const own = await t.app.inject({ url: url(gol.id), headers: { cookie: leader.cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ population: null, populationYear: null, countyCode: null, countyName: null, centrality: null, sizeClass: null, updatedAt: null });
    expect((await t.app.inject({ url: url(vinje.id), headers: { cookie: leader.cookie } })).statusCode).toBe(404);
  });

  it('lets the admin set them: county name from the number, size class derived, audited, shown in the list', async () => {
    const res = await t.app.inject({ method: 'PUT', url: url(vinje.id), headers: admin.headers, payload: { population: 3832, populationYear: 2024, countyCode: '40', centrality: 6 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      population: 3832,
      populationYear: 2024,
      countyCode: '40',
      countyName: 'Telemark',
      centrality: 6,
      sizeClass: 'under_5000',
      updatedAt: t.clock.now().toISOString(),
    });
    expect(await stored(vinje.id)).toEqual({ population: 3832, population_year: 2024, county_code: '40', county_name: 'Telemark', centrality: 6 });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'object_id', 'details']).where('action', '=', 'municipality.attributes.update').execute();
    expect(audit).toEqual([
      {
        action: 'municipality.attributes.update',
        object_id: vinje.id,
        details: expect.objectContaining({ changed: ['population', 'populationYear', 'countyCode', 'countyName', 'centrality'] }),
      },
    ]);
    const list = (await t.app.inject({ url: '/api/v1/municipalities', headers: { cookie: admin.cookie } })).json() as { id: string; attributes: unknown }[];
    expect(list.find((m) => m.id === vinje.id)!.attributes).toEqual(res.json());
    expect(list.find((m) => m.id === gol.id)!.attributes).toMatchObject({ population: null, sizeClass: null });
  });

  it('refuses what breaks a rule with a 400 in the caller’s language, and a leader with a 403', async () => {
    const yearOnly = await t.app.inject({
      method: 'PUT',
      url: url(gol.id),
      headers: { ...admin.headers, 'accept-language': 'nn' },
      payload: { population: null, populationYear: 2024, countyCode: null, centrality: null },
    });
    expect(yearOnly.statusCode).toBe(400);
    expect(yearOnly.json().errors).toEqual([{ path: 'populationYear', message: 'Eit årstal krev eit folketal.' }]);
    const centrality = await t.app.inject({ method: 'PUT', url: url(gol.id), headers: admin.headers, payload: { population: 10, populationYear: null, countyCode: '3', centrality: 7 } });
    expect(centrality.statusCode).toBe(400);
    expect(centrality.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['centrality', 'countyCode']);
    const byLeader = await t.app.inject({ method: 'PUT', url: url(gol.id), headers: leader.headers, payload: { population: 1, populationYear: null, countyCode: null, centrality: null } });
    expect(byLeader.statusCode).toBe(403);
    expect((await stored(gol.id)).population).toBeNull();
  });
});

describe('POST /municipalities/attributes/import', () => {
  const statbank = [
    '"07459: Befolkning, etter region og år"',
    '',
    '"region";"Personer 2025";"Sentralitet"',
    '"0 Hele landet";5594340;..',
    '"3324 Gol";5010;5',
    '"3044 Hol (2020-2023)";4520;5',
    '"4036 Vinje";3832;6',
  ].join('\r\n');

  it('dry run: reads Windows-1252, matches current and earlier codes, lists the changes and stores nothing', async () => {
    const res = await importCsv(latin1(statbank), true);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: true, applied: false, encoding: 'windows-1252', delimiter: ';', rows: 3, skippedLines: [4], unchanged: 0, problems: [] });
    expect(body.columns).toEqual({ ssbCode: 'region', population: 'Personer 2025', centrality: 'Sentralitet' });
    expect(body.changes.map((c: { name: string; fileCode: string; matchedBy: string; changed: string[] }) => [c.name, c.fileCode, c.matchedBy, c.changed])).toEqual([
      ['Gol', '3324', 'current_code', ['population', 'populationYear', 'countyCode', 'countyName', 'centrality']],
      // 3044 began with Viken's 30: no county is guessed for it.
      ['Hol', '3044', 'earlier_code', ['population', 'populationYear', 'centrality']],
      ['Vinje', '4036', 'current_code', ['populationYear']],
    ]);
    expect((await stored(gol.id)).population).toBeNull();
  });

  it('says which encoding it read: Æ, Ø and Å in Windows-1252 are not UTF-8', async () => {
    const res = await importCsv(latin1('kommunenummer;kommunenavn;folkemengde\n3330;Hol;4506\n3324;Gol;4986\n4036;Vinje;3832\n9999;Ålesund-ish;1\n'), true);
    expect(res.statusCode).toBe(200);
    expect(res.json().encoding).toBe('windows-1252');
    expect(res.json().problems).toEqual([
      { line: 5, column: 'kommunenummer', code: 'unknown_municipality', value: '9999 Ålesund-ish', message: 'Ingen kommune i Digikompass har eller har hatt dette nummeret.' },
    ]);
  });

  it('lists every problem by line and column in the caller’s language', async () => {
    const res = await importCsv('kommunenummer;folkemengde;sentralitet\n3324;mange;5\n3330;4506;9\n', true, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json().problems).toEqual([
      { line: 2, column: 'folkemengde', code: 'invalid_population', value: 'mange', message: 'Not a population: write a whole number from 0 to 2,000,000.' },
      { line: 3, column: 'sentralitet', code: 'invalid_centrality', value: '9', message: 'Not a centrality class: write a number from 1 to 6.' },
    ]);
  });

  it('a real run with a problem stores nothing at all (422), not even the good rows', async () => {
    const res = await importCsv('kommunenummer;folkemengde\n3324;5010\n9999;10\n', false, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ status: 422, type: 'urn:digikompass:problem:attributes_import_has_problems' });
    expect(res.json().errors).toEqual([{ path: 'line 3, kommunenummer', message: 'No municipality in Digikompass has or has had this number.' }]);
    expect((await stored(gol.id)).population).toBeNull();
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'municipality.attributes.import').execute()).toEqual([]);
  });

  it('a clean real run stores every change in one go with one audit line', async () => {
    const res = await importCsv(latin1(statbank), false);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, applied: true, problems: [] });
    expect(await stored(gol.id)).toEqual({ population: 5010, population_year: 2025, county_code: '33', county_name: 'Buskerud', centrality: 5 });
    expect(await stored(hol.id)).toEqual({ population: 4520, population_year: 2025, county_code: null, county_name: null, centrality: 5 });
    expect(await stored(vinje.id)).toEqual({ population: 3832, population_year: 2025, county_code: '40', county_name: 'Telemark', centrality: 6 });
    const audit = await t.db.selectFrom('audit_log').select(['actor_role', 'details']).where('action', '=', 'municipality.attributes.import').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_role: 'platform_admin', details: { rows: 3, unchanged: 0, encoding: 'windows-1252' } });
    // Again: nothing left to change.
    const again = await importCsv(latin1(statbank), true);
    expect(again.json()).toMatchObject({ changes: [], unchanged: 3 });
  });

  it('wants a CSV body, and only the admin may import', async () => {
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/municipalities/attributes/import', headers: { ...admin.headers, 'accept-language': 'nb' }, payload: { csv: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().detail).toBe('Send filen som CSV (text/csv).');
    const empty = await importCsv('', true);
    expect(empty.json().problems.map((p: { code: string }) => p.code)).toEqual(['file_empty']);
    const byLeader = await t.app.inject({ method: 'POST', url: '/api/v1/municipalities/attributes/import', headers: { ...leader.headers, 'content-type': 'text/csv' }, payload: 'kommunenummer;folkemengde\n3324;1\n' });
    expect(byLeader.statusCode).toBe(403);
  });
});

describe('breakdown input', () => {
  it('gives each municipality its attributes and current region, ready for breakdownGroupings()', async () => {
    const input = await t.services.municipalityAttributes.breakdownMunicipalities([gol.id, hol.id, vinje.id]);
    const groups = breakdownGroupings(input);
    expect(groups.size_class).toEqual({ [gol.id]: '5000_19999', [hol.id]: 'under_5000', [vinje.id]: 'under_5000' });
    expect(groups.county).toEqual({ [gol.id]: '33', [vinje.id]: '40' });
    expect(groups.region).toEqual({ [gol.id]: hallinghelse.id, [hol.id]: hallinghelse.id });
    expect(groups.centrality).toEqual({ [gol.id]: '5', [hol.id]: '5', [vinje.id]: '6' });
    expect(await t.services.municipalityAttributes.breakdownMunicipalities([])).toEqual([]);
  });
});
