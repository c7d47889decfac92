// The report model reads figures only from the release: a share is worked out from shown counts (the base
// less the shown counts outside it) or withheld with a reason; a breakdown the release does not hold is a mark.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ReleaseBody, ReleaseFigure, ReleaseView } from '../../contracts/release.js';
import { reportText } from '../report-texts.js';
import { buildReportModel, slug, type Cell } from './report-model.js';
import { renderReportXlsx } from './report-xlsx.js';

const text = (s: string) => ({ nb: s, nn: s, en: s });
const shown = (n: number): ReleaseFigure => ({ shown: true, n });
const below: ReleaseFigure = { shown: false, reason: 'below_k' };

function view(): ReleaseView {
  const use = (id: string, counts: Record<string, ReleaseFigure>) => ({ id, base: shown(20), categories: counts, other: null, byGroup: { unit: null } });
  const body: ReleaseBody = {
    kind: 'municipality',
    k: 5,
    respondents: shown(20),
    groupings: {
      unit: { groups: [{ id: 'u1', name: 'Heimetenesta', figure: shown(12) }, { id: 'u2', name: 'Dagsenteret', figure: below }], rest: { members: ['u2', 'u3'], n: 8 } },
    },
    answers: {
      // 5 never, "sometimes" withheld, 6 weekly, 6 daily, nobody missing or not asked: 15 of 20 use it.
      'dk:use_epj': use('dk:use_epj', { never: shown(5), sometimes: below, weekly: shown(6), daily: shown(6), '#missing': shown(0), '#not_asked': shown(0) }),
      // "never" withheld as well: neither the users nor the others can be counted.
      'dk:use_gps': use('dk:use_gps', { never: below, sometimes: below, weekly: shown(8), daily: shown(8), '#missing': shown(0), '#not_asked': shown(0) }),
    },
    means: {},
    info: ['dk:use_epj', 'dk:use_gps'].map((id) => ({
      id,
      kind: 'single' as const,
      source: id,
      sectionId: 'tech',
      categories: ['never', 'sometimes', 'weekly', 'daily', '#missing', '#not_asked'],
      text: text(id === 'dk:use_epj' ? 'Pasientjournal' : 'GPS'),
      labels: { never: text('Aldri'), sometimes: text('Av og til'), weekly: text('Ukentlig'), daily: text('Daglig') },
    })),
    sections: [{ id: 'tech', title: text('Teknologi') }],
    scales: [],
    levels: [],
  };
  return {
    waveId: '00000000-0000-4000-8000-000000000001',
    waveLabel: 'Vår 2026',
    subject: { kind: 'municipality', id: '00000000-0000-4000-8000-000000000002', name: 'Ål' },
    unitId: null,
    status: 'released',
    releasedAt: '2026-04-02T10:00:00.000Z',
    early: false,
    k: 5,
    own: body,
    benchmarks: [],
    previous: null,
  };
}

const options = { resultsUrl: 'https://example.no/results', generatedAt: new Date('2026-04-03T08:00:00Z') };

describe('the report model', () => {
  const model = buildReportModel(view(), 'en', options);
  const technologies = model.parts.find((p) => p.id === 'technologies')!;
  const use = technologies.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []))[0]!;

  it('works a share out from shown counts only, and withholds one it cannot', () => {
    expect(use.columns.map((c) => [c.label, c.n])).toEqual([
      ['Technology', undefined],
      ['Ål', 'n 20'],
      ['Heimetenesta', 'n 12'],
      [reportText('en', 'group_restUnits'), 'n 8'],
    ]);
    const row = (name: string) => use.rows.find((r) => (r.cells[0] as Extract<Cell, { kind: 'text' }>).text === name)!.cells;
    expect(row('Pasientjournal')[1]).toEqual({ kind: 'share', share: 0.75, n: 20 });
    expect(row('GPS')[1]).toMatchObject({ kind: 'withheld', reason: 'below_k', mark: '<5' });
    // The release holds no breakdown by unit for these: every unit cell is a mark, never a number.
    for (const r of use.rows) for (const c of r.cells.slice(2)) expect(c).toMatchObject({ kind: 'withheld', reason: 'protected' });
  });

  it('lists a withheld unit with its mark and the rest row with its members', () => {
    const participation = model.parts.find((p) => p.id === 'participation')!;
    const table = participation.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []))[0]!;
    expect(table.rows.map((r) => r.cells.map((c) => (c.kind === 'text' ? c.text : c.kind === 'count' ? c.n : c.kind === 'withheld' ? c.mark : null)))).toEqual([
      ['Ål', 20],
      ['Heimetenesta', 12],
      ['Dagsenteret', '<5'],
      [reportText('en', 'group_restUnits'), 8],
    ]);
    expect(table.notes).toEqual([`${reportText('en', 'group_restUnits')}: Dagsenteret, u3.`]);
  });

  it('names the file in ASCII from the municipality, wave and release day', () => {
    expect(model.fileBase).toBe('digikompass-al-var-2026-2026-04-02');
    expect(slug('Nord-Aurdal / Øvre Årdal')).toBe('nord-aurdal-ovre-ardal');
  });

  it('writes the same table to the workbook: shares as percentages with their n, marks with their reason code', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(renderReportXlsx(model, options.generatedAt) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Method', 'Respondents', 'Questions', 'Technologies']);
    const rows: unknown[][] = [];
    wb.getWorksheet('Technologies')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(['Technology', 'Ål (n 20) %', 'Ål (n 20): n', 'Heimetenesta (n 12) %', 'Heimetenesta (n 12): n', `${reportText('en', 'group_restUnits')} (n 8) %`, `${reportText('en', 'group_restUnits')} (n 8): n`]);
    expect(rows).toContainEqual(['Pasientjournal', 75, 20, 'hidden (protected)', 'hidden (protected)', 'hidden (protected)', 'hidden (protected)']);
    expect(rows).toContainEqual(['GPS', '<5 (below_k)', '<5 (below_k)', 'hidden (protected)', 'hidden (protected)', 'hidden (protected)', 'hidden (protected)']);
  });
});
