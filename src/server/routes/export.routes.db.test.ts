// The research export: access, audit, the bundle's files, rows and codes; and the syntax run in R and PSPP.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../contracts/instrument.js';
import { secretsFromKey } from '../adapters/secrets.js';
import { ZipAborted } from '../adapters/zip-stream.js';
import { json } from '../db/schema.js';
import { NotFound } from '../errors.js';
import { ExportService } from '../services/export.service.js';
import { buildAdmin, buildLeader, buildLink, buildMunicipality, buildProject, buildUnit, buildWave, TEST_NOW } from '../test/factories.js';
import { buildTestApp, login, type LoggedIn, type TestApp } from '../test/test-app.js';

const DAY = 24 * 60 * 60 * 1000;
let t: TestApp;
let admin: LoggedIn;
let leader: LoggedIn;
let project: { id: string; name: string };
let wave1: { id: string };
let gol: { id: string };
/** Receipt codes by respondent. */
const receipts: Record<string, string> = {};

async function submit(token: string, answers: Answers, o: { unitId?: string | null; language?: 'nb' | 'nn' | 'en'; earlier?: string } = {}): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/survey/${token}/responses`,
    payload: {
      idempotencyKey: randomUUID(),
      consentVersion: 1,
      language: o.language ?? 'nn',
      unitId: o.unitId ?? null,
      answers,
      ...(o.earlier ? { linking: { earlierReceiptCode: o.earlier } } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().receiptCode;
}

/** The whole bundle of one export request. */
async function exportBundle(query = 'language=nn', who: LoggedIn = admin) {
  const res = await t.app.inject({ url: `/api/v1/projects/${project.id}/export?${query}`, headers: { cookie: who.cookie } });
  expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
  const files = unzipSync(new Uint8Array(res.rawPayload));
  return { res, files, text: (name: string) => strFromU8(files[name]!) };
}

/** RFC 4180 CSV without line breaks inside fields (the export writes none). */
function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => {
      const cells: string[] = [];
      let cell = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i]!;
        if (quoted && ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') {
          quoted = !quoted;
        } else if (ch === ',' && !quoted) {
          cells.push(cell);
          cell = '';
        } else {
          cell += ch;
        }
      }
      cells.push(cell);
      return cells;
    });
}

/** data.csv as one record per row, keyed by variable name. */
function records(csv: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(csv);
  return rows.map((r) => Object.fromEntries(header!.map((name, i) => [name, r[i] ?? ''])));
}

beforeAll(async () => {
  t = await buildTestApp();
  gol = await buildMunicipality(t.db, { name: 'Gol', ssbCode: '3324' });
  const [unitA, unitB] = [await buildUnit(t.db, { municipalityId: gol.id, name: 'Heimetenesta' }), await buildUnit(t.db, { municipalityId: gol.id, name: 'Sjukeheimen' })];
  project = await buildProject(t.db, { name: 'Forsking i Hallingdal' });
  wave1 = await buildWave(t.db, { projectId: project.id, label: 'T0', opensAt: new Date(TEST_NOW.getTime() - 60 * DAY) });
  const wave2 = await buildWave(t.db, { projectId: project.id, label: 'T1', opensAt: new Date(TEST_NOW.getTime() - 7 * DAY) });
  // Gol's own system in T0 (added before the wave opened; written directly here).
  await t.db
    .insertInto('local_item')
    .values({ wave_id: wave1.id, municipality_id: gol.id, key: 'journal', name: json({ nb: 'Journalsystemet', nn: 'Journalsystemet', en: 'The patient record' }) })
    .execute();
  const link1 = await buildLink(t.db, { waveId: wave1.id, municipalityId: gol.id });
  const link2 = await buildLink(t.db, { waveId: wave2.id, municipalityId: gol.id });
  const local = (name: string) => `local:${gol.id}:${name}`;

  receipts.a = await submit(
    link1.token,
    { 'ts:role': 'nurse', 'ts:years': 12, 'ts:q1': 4, 'ts:q2': 'na', 'ts:q3': 2, 'ts:nurse_only': 5, 'ts:comment': 'Hei, "alle"\nRing Kari på 912 34 567', [local('use_journal')]: 'daily', [local('conf_journal')]: 4 },
    { unitId: unitA.id },
  );
  receipts.b = await submit(link1.token, { 'ts:role': 'other', 'ts:q1': 1, 'ts:q2': 2, 'ts:q3': 3, [local('use_journal')]: 'never' }, { unitId: unitB.id, language: 'nb' });
  receipts.c = await submit(link1.token, {}, { language: 'en' });
  receipts.d = await submit(link1.token, { 'ts:role': 'nurse', 'ts:q1': 5, 'ts:q2': 5, 'ts:q3': 5 });
  receipts.e = await submit(link2.token, { 'ts:role': 'other', 'ts:q1': 3, 'ts:q2': 3, 'ts:q3': 3 }, { earlier: receipts.a });
  receipts.f = await submit(link2.token, { 'ts:role': 'nurse', 'ts:nurse_only': 'na' });
  // D withdraws: their answer is deleted and must not appear.
  const withdrawn = await t.app.inject({ method: 'POST', url: '/api/v1/receipts/withdraw', payload: { receiptCode: receipts.d } });
  expect(withdrawn.statusCode, withdrawn.body).toBe(200);

  const a = await buildAdmin(t.db);
  admin = await login(t.app, a.email, a.password);
  const l = await buildLeader(t.db, { municipalityId: gol.id });
  leader = await login(t.app, l.email, l.password);
});
afterAll(async () => {
  await t.close();
});

describe('export: access and audit', () => {
  it('is for the platform admin (research:export), not for a municipality leader', async () => {
    const res = await t.app.inject({ url: `/api/v1/projects/${project.id}/export`, headers: { cookie: leader.cookie } });
    expect(res.statusCode).toBe(403);
  });

  it('answers 404 for an unknown project or a wave of another project, 400 for a bad language', async () => {
    const unknown = await t.app.inject({ url: `/api/v1/projects/${randomUUID()}/export`, headers: { cookie: admin.cookie } });
    expect(unknown.statusCode).toBe(404);
    const other = await buildWave(t.db, { label: 'other' });
    const foreign = await t.app.inject({ url: `/api/v1/projects/${project.id}/export?waveId=${other.id}`, headers: { cookie: admin.cookie, 'accept-language': 'nn' } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toMatch(/problem\+json/);
    const bad = await t.app.inject({ url: `/api/v1/projects/${project.id}/export?language=de`, headers: { cookie: admin.cookie } });
    expect(bad.statusCode).toBe(400);
  });

  it('writes who exported which project and wave to the audit log, without content', async () => {
    await exportBundle(`language=en&waveId=${wave1.id}`);
    const lines = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'export.create').where('object_id', '=', project.id).execute();
    const line = lines.at(-1)!;
    expect(line).toMatchObject({ actor_role: 'platform_admin', object_type: 'project' });
    expect(line.actor_account_id).not.toBeNull();
    expect(line.at.getTime()).toBe(TEST_NOW.getTime());
    expect(line.details).toEqual({ waveId: wave1.id, language: 'en', rows: 3, variables: expect.any(Number) });
  });
});

describe('export: the bundle', () => {
  let bundle: Awaited<ReturnType<typeof exportBundle>>;
  let rows: Record<string, string>[];
  beforeAll(async () => {
    bundle = await exportBundle();
    rows = records(bundle.text('data.csv'));
  });

  it('streams a ZIP with every file, the row count in a header and no Content-Length', () => {
    expect(bundle.res.headers['content-type']).toBe('application/zip');
    expect(bundle.res.headers['content-disposition']).toMatch(/^attachment; filename="digikompass-forsking-i-hallingdal-all-\d{4}-\d\d-\d\d\.zip"$/);
    expect(bundle.res.headers['x-export-rows']).toBe('5');
    expect(bundle.res.headers['content-length']).toBeUndefined();
    expect(Object.keys(bundle.files).sort()).toEqual(
      ['README.txt', 'codebook.html', 'codebook.json', 'data.csv', 'data.xlsx', 'digikompass.R', 'digikompass.do', 'digikompass.sps'].sort(),
    );
  });

  it('has one row per response, withdrawn ones absent, and the codebook names as header', () => {
    const codebook = JSON.parse(bundle.text('codebook.json'));
    const header = parseCsv(bundle.text('data.csv'))[0];
    expect(header).toEqual(codebook.variables.map((v: { name: string }) => v.name));
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.wave).sort()).toEqual(['1', '1', '1', '2', '2']);
    const localName = 'local_3324_use_journal';
    expect(header).toContain(localName);
    expect(header).toContain('local_3324_conf_journal');
  });

  it('codes answers and missing values as the codebook says', () => {
    const a = rows.find((r) => r.years === '12')!;
    expect(a).toMatchObject({
      role: '1', q1: '4', q2: '-7', q3: '2', nurse_only: '5', local_3324_use_journal: '4', local_3324_conf_journal: '4',
      unit: 'Heimetenesta', municipality_code: '3324', municipality: 'Gol', language: '2', source: '1', form: '1', link_method: '0', score_skills: '75',
      instrument: 'test-survey 1.0.0', consent_version: '1', submitted_on: '2026-03-16',
    });
    // Free text: on one line, scrubbed of the name and the phone number.
    expect(a.ts_comment).toMatch(/^Hei, "alle" Ring ⟦removed⟧ på ⟦removed⟧$/);
    const b = rows.find((r) => r.role === '2' && r.wave === '1')!;
    // Years skipped (−9); nurse-only hidden (−8); confidence hidden by "never" (−8); no comment (empty).
    expect(b).toMatchObject({ years: '-9', nurse_only: '-8', local_3324_use_journal: '1', local_3324_conf_journal: '-8', ts_comment: '', score_skills: '25', language: '1' });
    const c = rows.find((r) => r.language === '3')!;
    expect(c).toMatchObject({ role: '-9', q1: '-9', nurse_only: '-8', score_skills: '-9', unit: '' });
    const f = rows.find((r) => r.wave === '2' && r.role === '1')!;
    // T1 has no local items for Gol: not shown.
    expect(f).toMatchObject({ nurse_only: '-7', local_3324_use_journal: '-8' });
  });

  it('gives pseudonymous ids: the linked person keeps one id over the waves, and no database id leaves', async () => {
    const a = rows.find((r) => r.years === '12')!;
    const e = rows.find((r) => r.wave === '2' && r.role === '2')!;
    expect(e.link_method).toBe('1');
    expect(e.person_id).toBe(a.person_id);
    for (const r of rows) {
      expect(r.response_id).toMatch(/^r[0-9a-f]{16}$/);
      expect(r.person_id).toMatch(/^p[0-9a-f]{16}$/);
    }
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(4);
    const stored = await t.db.selectFrom('response').select(['id', 'person_id']).execute();
    const everything = Object.values(bundle.files).map((f) => strFromU8(f)).join('\n');
    for (const s of stored) {
      expect(everything).not.toContain(s.id);
      expect(everything).not.toContain(s.person_id);
    }
    // Stable: a second export gives the same pseudonyms.
    const again = records((await exportBundle()).text('data.csv'));
    expect(again.map((r) => r.response_id).sort()).toEqual(rows.map((r) => r.response_id).sort());
  });

  it('holds the same rows in data.xlsx (read back with exceljs), and a sheet of variables', async () => {
    const workbook = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type; Node's is what it reads.
    await workbook.xlsx.load(Buffer.from(bundle.files['data.xlsx']!) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['data', 'variables']);
    const sheet = workbook.getWorksheet('data')!;
    const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
    const header = values(1);
    expect(header).toEqual(parseCsv(bundle.text('data.csv'))[0]);
    expect(sheet.rowCount).toBe(6);
    // Every row as in data.csv: numbers as numbers, text as text, empty cells empty.
    const csv = records(bundle.text('data.csv'));
    for (let r = 2; r <= 6; r++) {
      const cells = Object.fromEntries(header.map((name, i) => [name, values(r)[i]]));
      const same = csv.find((c) => c.response_id === cells.response_id)!;
      for (const name of header as string[]) expect(String(cells[name] ?? ''), name).toBe(same[name]);
      expect(typeof cells.wave).toBe('number');
    }
    const vars = workbook.getWorksheet('variables')!;
    expect(vars.rowCount).toBe(header.length + 1);
    expect(vars.getRow(1).values).toEqual([undefined, 'name', 'label', 'type', 'values', 'missing', 'scales']);
    expect(bundle.text('README.txt')).toContain('5 rader');
  });

  it('writes a codebook in HTML (language, table headers) and JSON (three languages, scales, reverse keying)', () => {
    const html = bundle.text('codebook.html');
    expect(html).toMatch(/^<!doctype html>\n<html lang="nn">/);
    expect(html).toContain('<th scope="col">Namn</th>');
    expect(html).toContain('<th scope="row"><code>q3</code></th>');
    const codebook = JSON.parse(bundle.text('codebook.json'));
    const q3 = codebook.variables.find((v: { name: string }) => v.name === 'q3');
    expect(q3.scales).toEqual([{ scale: 'skills', reverse: true }]);
    expect(q3.missing.map((m: { value: number; label: { en: string } }) => [m.value, m.label.en])).toEqual([[-9, 'Not answered'], [-8, 'Not shown'], [-7, 'Not relevant']]);
    expect(codebook.scales[0]).toMatchObject({ id: 'skills', variable: 'score_skills' });
    expect(codebook.waves).toEqual([{ code: 1, label: 'T0' }, { code: 2, label: 'T1' }]);
  });

  it('exports one wave when asked', async () => {
    const one = await exportBundle(`language=nb&waveId=${wave1.id}`);
    expect(records(one.text('data.csv')).map((r) => r.wave)).toEqual(['1', '1', '1']);
    expect(one.text('digikompass.sps')).toContain("'Ikke besvart'");
  });

  it('writes a Stata do-file with every label, value label and missing-code rule', () => {
    const doFile = bundle.text('digikompass.do');
    const codebook = JSON.parse(bundle.text('codebook.json')) as { variables: { name: string; type: string; missing: unknown[] }[] };
    expect(doFile).toMatch(/^import delimited using "data\.csv", clear varnames\(1\)/m);
    expect(doFile).toContain('encoding("utf-8")');
    for (const v of codebook.variables) expect(doFile, v.name).toMatch(new RegExp(`^label variable ${v.name} "[^"\\n]{1,80}"$`, 'm'));
    expect(doFile).toMatch(/^label define role 1 "Sjukepleiar" 2 "Anna" \.a "Ikkje svart på" \.b "Ikkje vist", replace$/m);
    expect(doFile).toMatch(/^label values role role$/m);
    const decoded = [...doFile.matchAll(/^mvdecode (.+), mv\((.+)\)$/gm)];
    const coded = codebook.variables.filter((v) => v.missing.length > 0).map((v) => v.name);
    expect(decoded.flatMap((m) => m[1]!.split(' ')).sort()).toEqual(coded.sort());
    expect(decoded.find((m) => m[1]!.split(' ').includes('q1'))![2]).toBe('-9=.a \\ -8=.b \\ -7=.c');
    expect(doFile).toMatch(/^generate double dk_date = date\(submitted_on, "YMD"\)$/m);
    // No Stata macro or quote character can come from a label.
    expect(doFile.split('\n').filter((l) => l.startsWith('label ')).join('\n')).not.toMatch(/[`$]/);
  });
});

describe('export: the service', () => {
  const viewer = () => ({ accountId: randomUUID(), email: 'a@test.example', displayName: 'A', role: 'platform_admin' as const, municipalityId: null });
  const service = (pageSize: number) => new ExportService(t.services.repos.exports, t.services.repos.projects, t.services.instruments, t.services.audit, secretsFromKey(randomBytes(32)), t.clock, { pageSize });

  it('pages through the responses: the same rows with pages of two as with one page', async () => {
    const started = await service(2).start(viewer(), project.id, { language: 'en' });
    const chunks: Buffer[] = [];
    for await (const chunk of started.stream) chunks.push(chunk as Buffer);
    expect(await started.done).toEqual({ csvRows: 5, xlsxRows: 5 });
    const files = unzipSync(new Uint8Array(Buffer.concat(chunks)));
    expect(records(strFromU8(files['data.csv']!))).toHaveLength(5);
    expect(strFromU8(unzipSync(files['data.xlsx']!)['xl/worksheets/sheet1.xml']!).match(/<row /g)).toHaveLength(6);
    expect(strFromU8(files['README.txt']!)).toContain('5 rows');
  });

  it('lets a researcher export only the projects they belong to', async () => {
    const researcher = (projectIds: string[]) => ({ ...viewer(), role: 'researcher' as const, projectIds });
    await expect(service(1000).start(researcher([randomUUID()]), project.id, { language: 'nb' })).rejects.toBeInstanceOf(NotFound);
    await expect(service(1000).start({ ...viewer(), role: 'municipality_leader', municipalityId: gol.id }, project.id, { language: 'nb' })).rejects.toBeInstanceOf(NotFound);
    const started = await service(1000).start(researcher([project.id]), project.id, { language: 'nb' });
    started.stream.resume();
    expect(await started.done).toEqual({ csvRows: 5, xlsxRows: 5 });
  });

  it('stops reading when the client goes away', async () => {
    const started = await service(1).start(viewer(), project.id, { language: 'en' });
    started.stream.destroy();
    await expect(started.done).rejects.toBeInstanceOf(ZipAborted);
  });
});

// ---- The syntax in the real tools. Under CI the tools must be there; elsewhere a missing tool skips with a reason.

const CI = Boolean(process.env.CI);
function tool(name: string, debianPackage: string): { found: boolean; skip: boolean; why: string } {
  const found = spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
  const why = `${name} is not installed (Debian package ${debianPackage})`;
  if (!found && !CI) console.log(`skipping the ${name} test: ${why}`);
  return { found, skip: !found && !CI, why };
}
const R = tool('Rscript', 'r-base-core');
const PSPP = tool('pspp', 'pspp');

/** The bundle unpacked into a fresh temporary folder. */
async function unpacked(language = 'nn') {
  const { files } = await exportBundle(`language=${language}`);
  const dir = mkdtempSync(join(tmpdir(), 'dk-export-'));
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return dir;
}

describe('export: the R script runs in R', () => {
  it.skipIf(R.skip)('loads 5 rows with variable labels, value labels and missing codes as NA (or kept when asked)', async () => {
    expect(R.found, `required under CI: ${R.why}`).toBe(true);
    const dir = await unpacked('nn');
    try {
      const check = `
        source("digikompass.R", encoding = "UTF-8")
        out <- function(key, value) cat(key, "\\t", paste(value, collapse = "|"), "\\n", sep = "")
        out("rows", nrow(dk))
        out("label_role", attr(dk$role, "label"))
        out("labels_role", paste(names(attr(dk$role, "labels")), attr(dk$role, "labels"), sep = "="))
        out("na_nurse_only", sum(is.na(dk$nurse_only)))
        out("factor_role", sort(as.character(dk_factor(dk$role))))
        out("class_date", class(dk$submitted_on))
        out("municipality_code", unique(dk$municipality_code))
        out("scale_items", dk_scales$skills$items)
        out("scale_reverse", dk_scales$skills$reverse)
        rm(dk); dk_keep_codes <- TRUE
        source("digikompass.R", encoding = "UTF-8")
        out("kept_nurse_only", sort(dk$nurse_only))
        out("na_values_q2", attr(dk$q2, "na_values"))
      `;
      writeFileSync(join(dir, 'check.R'), check);
      const output = execFileSync('Rscript', ['check.R'], { cwd: dir, encoding: 'utf8' });
      const got = Object.fromEntries(output.trim().split('\n').map((l) => l.split('\t') as [string, string]));
      expect(got).toEqual({
        rows: '5',
        label_role: 'Rolle',
        labels_role: 'Sjukepleiar=1|Anna=2',
        na_nurse_only: '4',
        factor_role: 'Anna|Anna|Sjukepleiar|Sjukepleiar',
        class_date: 'Date',
        municipality_code: '3324',
        scale_items: 'q1|q2|q3',
        scale_reverse: 'FALSE|FALSE|TRUE',
        kept_nurse_only: '-8|-8|-8|-7|5',
        na_values_q2: '-9|-8|-7',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('export: the SPSS syntax runs in PSPP', () => {
  it.skipIf(PSPP.skip)('reads 5 cases with variable labels, value labels and user-missing values', async () => {
    expect(PSPP.found, `required under CI: ${PSPP.why}`).toBe(true);
    const dir = await unpacked('nn');
    try {
      writeFileSync(join(dir, 'check.sps'), "INCLUDE FILE='digikompass.sps'.\nDISPLAY DICTIONARY.\nFREQUENCIES /VARIABLES=role nurse_only.\n");
      const run = spawnSync('pspp', ['-o', 'out.csv', 'check.sps'], { cwd: dir, encoding: 'utf8' });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      const out = execFileSync('cat', ['out.csv'], { cwd: dir, encoding: 'utf8' });
      expect(out).not.toMatch(/error|warning/i);
      const variables = parseCsv(out.slice(out.indexOf('Table: Variables'), out.indexOf('\n\n', out.indexOf('Table: Variables'))));
      const row = (name: string) => variables.find((r) => r[0] === name)!;
      // Name, Position, Label, Measurement Level, Role, Width, Alignment, Print Format, Write Format, Missing Values
      expect(row('role')).toEqual(['role', expect.any(String), 'Rolle', 'Nominal', 'Input', '8', 'Right', 'F8.0', 'F8.0', '-9; -8']);
      expect(row('q2')![9]).toBe('-9; -8; -7');
      expect(row('q2')![3]).toBe('Ordinal');
      expect(row('score_skills')!.slice(7, 10)).toEqual(['F12.4', 'F12.4', '-9; -8']);
      expect(row('municipality')!.slice(2, 3)).toEqual(['Kommune']);
      expect(row('submitted_on')![7]).toBe('SDATE10');
      expect(out).toContain(',1,Sjukepleiar');
      expect(out).toContain('Ikkje svart på');
      // 5 cases. Role: one not answered (−9). Nurse-only: one answer, hidden for three (−8), one "not relevant" (−7).
      const stats = out.slice(out.indexOf('Table: Statistics'));
      expect(stats).toMatch(/^N,Valid,4,1$/m);
      expect(stats).toMatch(/^,Missing,1,4$/m);
      expect(out).toMatch(/^Missing,Ikkje svart på,1,20\.0%,,$/m);
      expect(out).toMatch(/^Missing,Ikkje vist,3,60\.0%,,$/m);
      expect(out).toMatch(/^,Ikkje aktuelt,1,20\.0%,,$/m);
      expect(out).toMatch(/^Total,,5,100\.0%,,$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
