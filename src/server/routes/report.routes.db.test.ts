// Results reports (PDF and XLSX) drawn from the frozen release: the same viewers and rules as the release
// view, text that can be extracted, every withheld figure a mark with its reason, never a number below k.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseView } from '../../contracts/release.js';
import { reportText } from '../report-texts.js';
import { buildReleaseScene } from '../test/release-scene.js';
import { pdfText } from '../test/pdf-text.js';
import { buildTestApp, type LoggedIn, type TestApp } from '../test/test-app.js';

let t: TestApp;
let gol: { id: string };
let hol: { id: string };
let wave: { id: string; label: string };
let s: Record<string, LoggedIn>;

const get = (who: LoggedIn, path: string, headers: Record<string, string> = {}) => t.app.inject({ url: `/api/v1/waves/${wave.id}/${path}`, headers: { cookie: who.cookie, ...headers } });

async function workbook(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}

/** Every row of a sheet as plain values (index 0 = column A). */
function rows(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await buildTestApp();
  ({ gol, hol, wave, sessions: s } = await buildReleaseScene(t, {
    waveLabel: 'Haust 2026',
    languages: { gol: 'nn', hol: 'nb' },
    extraAnswers: (i) => ({ 'ts:role': i % 3 === 0 ? 'nurse' : 'other' }),
  }));
});
afterAll(async () => {
  await t?.close();
});

describe('before the release', () => {
  it('answers 409 with a translated message, for both formats', async () => {
    for (const file of ['report.pdf', 'report.xlsx']) {
      const res = await get(s.leader!, file, { 'accept-language': 'en' });
      expect(res.statusCode, file).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail).toMatch(/not been released yet/);
    }
    const nn = await get(s.leader!, 'report.pdf?lang=nn');
    expect(nn.json().detail).toMatch(/ikkje frigjevne enno/);
  });
});

describe('after the release', () => {
  let view: ReleaseView;
  /** The release's day in Norway: the file names end with it. */
  let day: string;
  beforeAll(async () => {
    expect(await t.services.releases.buildDue()).toBeGreaterThan(0);
    view = (await get(s.leader!, 'release')).json();
    expect(view.status).toBe('released');
    day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(view.releasedAt!));
  });

  it("gives the leader a text PDF in the municipality's language, with its name, n, and the marks explained", async () => {
    const res = await get(s.leader!, 'report.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-language']).toBe('nn');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="digikompass-gol-haust-2026-${day}.pdf"`);
    const pdf = pdfText(res.rawPayload);
    const text = flat(pdf.text);
    expect(pdf.pages.length).toBeGreaterThan(3);
    expect(pdf.pages[0]).toContain('Gol');
    // The title page's n is the release's.
    const n = view.own!.respondents;
    expect(n).toEqual({ shown: true, n: 25 });
    expect(text).toContain(`${reportText('nn', 'factRespondents')} 25`);
    expect(text).toContain(`${reportText('nn', 'factK')} 5`);
    // Every reason is explained in the method note, with the mark it has in the tables.
    for (const key of ['explain_below_k', 'explain_complementary', 'explain_protected', 'explain_small_group', 'explain_almost_all', 'explain_few', 'explain_all_same', 'explain_base_withheld'] as const) {
      expect(text).toContain(reportText('nn', key, { k: 5, double: 10 }));
    }
    // The withheld units show their marks in the participation table, never a count.
    expect(text).toContain(`C tildeling ${reportText('nn', 'mark_below_k', { k: 5 })}`);
    expect(text).toContain(`B sjukeheim ${reportText('nn', 'mark_complementary', { k: 5 })}`);
    expect(text).toContain(`${reportText('nn', 'group_restUnits')} 13`);
    // The accessible version is named, with its address.
    expect(text).toContain('https://digikompass.test/results');
  });

  it('shows the same means as the release, with their n', async () => {
    const res = await get(s.leader!, 'report.pdf?lang=en');
    expect(res.headers['content-language']).toBe('en');
    const text = flat(pdfText(res.rawPayload).text);
    const total = view.own!.means.skills!.total;
    if (!total.shown) throw new Error('the test data should give a mean');
    const en = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(text).toContain(`Gol ${total.n} ${en.format(total.mean)} ${en.format(Math.max(0, total.low))}–${en.format(Math.min(100, total.high))}`);
    expect(text).toContain('Other municipalities in the region');
    expect(text).toContain('Respondents (n) 25');
  });

  it('gives the same tables as an XLSX workbook: a Method sheet, numbers as numbers, marks for withheld figures', async () => {
    const res = await get(s.leader!, 'report.xlsx?lang=nb');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="digikompass-gol-haust-2026-${day}.xlsx"`);
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Metode', 'Svar', 'Skårer', 'Nivåer', 'Spørsmål']);
    const method = rows(wb.getWorksheet('Metode')!);
    expect(method).toContainEqual([reportText('nb', 'factRespondents'), '25']);
    expect(method).toContainEqual(['<5', reportText('nb', 'explain_below_k', { k: 5 }), 'below_k']);
    const respondents = rows(wb.getWorksheet('Svar')!);
    expect(respondents).toContainEqual(['Gol', 25]);
    expect(respondents).toContainEqual(['A heimeteneste', 12]);
    expect(respondents).toContainEqual(['B sjukeheim', 'skjult, ≥5 (complementary)']);
    expect(respondents).toContainEqual(['C tildeling', '<5 (below_k)']);
    // No count below k anywhere in the head counts.
    const counts = respondents.flatMap((r) => r.filter((v): v is number => typeof v === 'number'));
    expect(counts.length).toBeGreaterThan(3);
    expect(counts.every((v) => v >= 5)).toBe(true);
    const scores = rows(wb.getWorksheet('Skårer')!);
    const total = view.own!.means.skills!.total;
    if (!total.shown) throw new Error('the test data should give a mean');
    const r2 = (v: number) => Math.round(v * 100) / 100;
    expect(scores).toContainEqual(['Gol', 25, r2(total.mean), r2(Math.max(0, total.low)), r2(Math.min(100, total.high))]);
  });

  it("gives a unit leader their unit and the municipality total only", async () => {
    const pdf = await get(s.unitLeader!, 'report.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="digikompass-gol-a-heimeteneste-haust-2026-${day}.pdf"`);
    const text = flat(pdfText(pdf.rawPayload).text);
    expect(text).toContain('A heimeteneste');
    expect(text).toContain(reportText('nn', 'unitNote', { unit: 'A heimeteneste', municipality: 'Gol' }));
    expect(text).not.toContain('B sjukeheim');
    expect(text).not.toContain('C tildeling');
    expect(text).not.toContain(reportText('nn', 'group_restUnits'));
    const xlsx = await get(s.unitLeader!, 'report.xlsx');
    const wb = await workbook(xlsx.rawPayload);
    const all = wb.worksheets.flatMap((w) => rows(w)).flat();
    expect(all).toContain('A heimeteneste');
    expect(all.some((v) => typeof v === 'string' && /B sjukeheim|C tildeling/.test(v))).toBe(false);
  });

  it('gives a region coordinator the region, its members as protected aggregates', async () => {
    const res = await get(s.coordinator!, 'report.pdf', { 'accept-language': 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-language']).toBe('en');
    const text = flat(pdfText(res.rawPayload).text);
    expect(text).toContain('Region Hallingdal');
    expect(text).toContain('Gol 25');
  });

  it("answers 404 for another tenant's report, and asks the admin to name a municipality", async () => {
    expect((await get(s.holLeader!, `report.pdf?municipalityId=${gol.id}`)).statusCode).toBe(404);
    expect((await get(s.unitLeader!, `report.xlsx?municipalityId=${hol.id}`)).statusCode).toBe(404);
    expect((await get(s.admin!, 'report.pdf')).statusCode).toBe(400);
    const admin = await get(s.admin!, `report.xlsx?municipalityId=${hol.id}`);
    expect(admin.statusCode).toBe(200);
    // Hol's own language is bokmål.
    expect(admin.headers['content-language']).toBe('nb');
    expect(rows((await workbook(admin.rawPayload)).getWorksheet('Svar')!)).toContainEqual(['Hol', 7]);
  });

  it('refuses a language it does not have', async () => {
    expect((await get(s.leader!, 'report.pdf?lang=de')).statusCode).toBe(400);
  });
});
