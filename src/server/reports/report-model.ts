/**
 * The results report (PDF and XLSX) as data: the viewer's frozen release view (contracts/release.ts, as
 * ReleaseService.view() serves it) turned into parts of captioned tables in one language. Every figure is
 * read from the release — nothing from responses — so a report can never show more than the results page:
 * a shown count, a mean the release stores, or a share of two shown counts; anything else is a withheld
 * mark with its reason (never blank, never 0). The renderers (report-pdf.ts, report-xlsx.ts) only lay out.
 * Pure: no I/O.
 */
import type { Language } from '../../contracts/instrument.js';
import type { AnswerInfo, MeanCell, ReleaseBody, ReleaseView, WithheldReason } from '../../contracts/release.js';
import { BREAKDOWN_DIMENSIONS } from '../../domain/municipality-attributes.js';
import {
  attributeRows,
  isWithheld,
  MISSING,
  NO_SCORE,
  NONE,
  NOT_ASKED,
  NOT_RELEVANT,
  OTHER,
  partOf,
  REST,
  rowLine,
  shareOf,
  toFigure,
  totalLine,
  WITHHELD_DERIVED,
  type Figure,
  type Line,
  type Withheld,
} from '../../domain/release-reading.js';
import { hasLevels } from '../../domain/scoring.js';
import { reportText, type ReportTextKey } from '../report-texts.js';

// ---- Special categories and groups of a release (src/domain/release-spec.ts, disclosure/release.ts)

const LOCAL_SECTION = 'local_systems';
const USING = ['sometimes', 'weekly', 'daily'];
const CONFIDENT = ['4', '5'];
const ITEM_KINDS = new Set(['single', 'likert', 'option']);
const GROUPING_ORDER = ['municipality', 'unit', 'profession', 'age', 'education', 'size_class', 'county', 'region', 'centrality'];
const SCALE_KINDS = ['area', 'aspect', 'trust', 'other'] as const;

// ---- The model

/** What a withheld figure's mark stands for: its reason, or the band of an "all the same" line. */
export type MarkKind = WithheldReason | 'almost_all' | 'few';
export const MARK_KINDS: readonly MarkKind[] = ['below_k', 'complementary', 'protected', 'small_group', 'almost_all', 'few', 'all_same', 'base_withheld'];

export type Cell =
  | { kind: 'text'; text: string }
  /** A count, with its share (0–1) of the row's base when both are shown. */
  | { kind: 'count'; n: number; share?: number }
  /** A share (0–1) of n people. */
  | { kind: 'share'; share: number; n: number }
  /** A mean 0–100 (or a bound of its CI). */
  | { kind: 'mean'; value: number }
  /** A difference of two means, in points. */
  | { kind: 'change'; value: number }
  | { kind: 'withheld'; mark: string; reason: WithheldReason; markKind: MarkKind; explain: string }
  /** The figure does not exist here (e.g. a category merged into "other" in this row). */
  | { kind: 'none'; text: string };

export interface Column {
  label: string;
  /** The head count of a group column ("n 12"), shown under its name. */
  n?: string;
  kind: 'text' | 'count' | 'share' | 'mean' | 'change';
  /** A count column whose cells may carry shares (the XLSX gives them a column of their own). */
  shares?: boolean;
}

export interface Row {
  cells: Cell[];
  /** A means table's row: what the chart draws (absent when the mean is withheld). */
  ci?: { mean: number; low: number; high: number };
  style?: 'total' | 'benchmark';
  /** A row that only names the rows below it (a section of a heat-map table). */
  heading?: string;
}

export interface Table {
  caption: string;
  columns: Column[];
  rows: Row[];
  notes: string[];
  /** A means table: Group | n | Mean | CI low | CI high, drawn with bars and whiskers in the PDF. */
  chart?: boolean;
  /** A means table's CI column in the PDF ("95 % CI": low–high in one cell) and its chart column. */
  ciLabel?: string;
  chartLabel?: string;
}

/** Headings: 2 under a part's title (a form, a section), 3 under those (a kind of scale). */
export type Block = { kind: 'heading'; text: string; level: 2 | 3 } | { kind: 'paragraph'; text: string } | { kind: 'table'; table: Table };

export interface Part {
  id: 'participation' | 'scores' | 'levels' | 'items' | 'technologies' | 'change';
  title: string;
  /** The XLSX sheet's name (≤ 31 characters). */
  sheet: string;
  blocks: Block[];
}

export interface ReportModel {
  language: Language;
  k: number;
  title: string;
  subject: string;
  /** Label → value, for the title page and the top of the Method sheet. */
  facts: [string, string][];
  notes: string[];
  method: {
    heading: string;
    paragraphs: string[];
    marksHeading: string;
    marksColumns: [string, string, string];
    marks: { kind: MarkKind; mark: string; explain: string; reason: WithheldReason }[];
    levels: { heading: string; intro: string; items: { label: string; range: string | null; description: string | null }[] } | null;
  };
  methodSheet: string;
  xlsxNote: string;
  parts: Part[];
  /** ASCII file name without extension: product, subject (and unit), wave and release date. */
  fileBase: string;
  pageOf: (page: number, pages: number) => string;
  /** Numbers, shares and dates in the report's language. */
  format: Format;
}

// ---- Formatting

export interface Format {
  number(value: number, decimals?: number): string;
  percent(share: number): string;
  signed(value: number, decimals?: number): string;
  date(iso: string | Date): string;
}

const LOCALES: Record<Language, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

export function formatFor(language: Language): Format {
  const locale = LOCALES[language];
  const cache = new Map<string, Intl.NumberFormat>();
  const nf = (decimals: number, signed = false) => {
    const key = `${decimals}:${signed}`;
    let f = cache.get(key);
    if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, ...(signed ? { signDisplay: 'exceptZero' as const } : {}) })));
    return f;
  };
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Oslo' });
  return {
    number: (value, decimals = 0) => nf(decimals).format(value),
    percent: (share) => percent.format(share),
    signed: (value, decimals = 1) => nf(decimals, true).format(value),
    date: (iso) => date.format(typeof iso === 'string' ? new Date(iso) : iso),
  };
}

// ---- Reading the release: src/domain/release-reading.ts, as the results page does

type Hidden = Withheld;
const isHidden = isWithheld;
const PROTECTED = WITHHELD_DERIVED;

function askedBase(line: Line): { n: Figure; dropped: boolean } {
  const notAsked = partOf(line, NOT_ASKED);
  if (typeof line.n === 'number' && typeof notAsked === 'number') return { n: line.n - notAsked, dropped: true };
  return { n: line.n, dropped: false };
}

const valueCategories = (info: AnswerInfo) => info.categories.filter((c) => !c.startsWith('#') && c !== NOT_RELEVANT);

function technologyKey(id: string): { kind: 'use' | 'conf'; local: boolean } | null {
  const m = /^(dk|local:[^:]+):(use|conf)_(.+)$/.exec(id);
  return m ? { kind: m[2] as 'use' | 'conf', local: m[1] !== 'dk' } : null;
}

// ---- Building

export interface ReportOptions {
  /** The results page, the accessible version of the report. */
  resultsUrl: string;
  generatedAt: Date;
}

/** The report of a released view; the caller has checked that `view.own` is there. */
export function buildReportModel(view: ReleaseView, language: Language, options: ReportOptions): ReportModel {
  const body = view.own;
  if (!body) throw new RangeError('a report needs a released view');
  const k = view.k;
  const t = (key: ReportTextKey, params: Record<string, string | number> = {}) => reportText(language, key, params);
  const format = formatFor(language);
  const words = wordsOf(body, language, t);
  const org = view.subject.kind === 'region' ? 'municipality' : 'unit';

  const withheld = (h: Hidden): Cell => {
    const markKind: MarkKind = h.band ?? h.reason;
    return { kind: 'withheld', mark: t(`mark_${markKind}`, { k }), reason: h.reason, markKind, explain: t(`explain_${markKind}`, { k, double: 2 * k }) };
  };
  const countCell = (f: Figure | undefined, base?: Figure): Cell => {
    if (f === undefined) return { kind: 'none', text: t('inOther') };
    if (isHidden(f)) return withheld(f);
    return typeof base === 'number' && base > 0 ? { kind: 'count', n: f, share: f / base } : { kind: 'count', n: f };
  };
  const meanCells = (cell: MeanCell | undefined): { cells: Cell[]; ci?: Row['ci'] } => {
    if (!cell || !cell.shown) {
      const w = withheld({ suppressed: true, reason: cell ? cell.reason : 'below_k' });
      return { cells: [w, w, w, w] };
    }
    const low = Math.max(0, cell.low);
    const high = Math.min(100, cell.high);
    return { cells: [{ kind: 'count', n: cell.n }, { kind: 'mean', value: cell.mean }, { kind: 'mean', value: low }, { kind: 'mean', value: high }], ci: { mean: cell.mean, low, high } };
  };

  const unitId = view.unitId;
  const unit = unitId ? body.groupings.unit?.groups.find((g) => g.id === unitId) : undefined;
  const unitShown = unit?.figure.shown === true;
  const restNote = (grouping: string) => {
    const rest = body.groupings[grouping]?.rest;
    return rest ? [t('restMembers', { rest: words.group(grouping, REST), members: rest.members.map((m) => words.plainGroup(grouping, m)).join(', ') })] : [];
  };
  const shownGroups = (b: ReleaseBody, grouping: string): string[] => {
    const g = b.groupings[grouping];
    return g ? [...g.groups.filter((x) => x.figure.shown).map((x) => x.id), ...(g.rest ? [REST] : [])] : [];
  };
  const groupingsOf = (b: ReleaseBody) => {
    const present = Object.keys(b.groupings);
    return [...GROUPING_ORDER.filter((g) => present.includes(g)), ...present.filter((g) => g !== 'all' && !GROUPING_ORDER.includes(g)).sort()];
  };

  // Title page
  const facts: [string, string][] = [
    [view.subject.kind === 'region' ? t('factRegion') : t('factMunicipality'), view.subject.name],
    ...(unit ? [[t('factUnit'), unit.name ?? unit.id] as [string, string]] : []),
    [t('factWave'), view.waveLabel],
    [t('factReleased'), view.releasedAt ? format.date(view.releasedAt) : '–'],
    [t('factRespondents'), body.respondents.shown ? format.number(body.respondents.n) : t(`mark_${body.respondents.band ?? body.respondents.reason}`, { k })],
    [t('factK'), String(k)],
    [t('factMade'), format.date(options.generatedAt)],
  ];
  const notes = [
    ...(unit ? [unitShown ? t('unitNote', { unit: unit.name ?? '', municipality: view.subject.name }) : t('unitHidden', { municipality: view.subject.name })] : []),
    ...(view.early ? [t('earlyNote')] : []),
    t('frozenNote'),
  ];

  // Method
  const cuts = body.levelCutPoints ?? [];
  const descriptions = body.levelDescriptions ?? [];
  const score = (v: number) => format.number(v, Number.isInteger(v) ? 0 : 1);
  const method: ReportModel['method'] = {
    heading: t('methodHeading'),
    paragraphs: [
      t('methodK', { k }),
      t('methodBase'),
      t('methodMeans', { k }),
      ...(body.groupings[org]?.rest ? [t('methodRest', { rest: words.group(org, REST) })] : []),
      ...(view.benchmarks.length > 0 ? [t('methodBenchmarks')] : []),
      t('methodAccessible', { url: options.resultsUrl }),
    ],
    marksHeading: t('marksHeading'),
    marksColumns: [t('colMark'), t('colMeaning'), t('colReason')],
    marks: MARK_KINDS.map((kind) => ({
      kind,
      mark: t(`mark_${kind}`, { k }),
      explain: t(`explain_${kind}`, { k, double: 2 * k }),
      reason: kind === 'almost_all' || kind === 'few' ? 'all_same' : kind,
    })),
    levels:
      body.levels.length > 0
        ? {
            heading: t('levelsHeading'),
            intro: t('levelsIntro'),
            items: body.levels.map((label, i) => ({
              label: label[language],
              range: cuts.length === body.levels.length - 1 ? t('levelRange', { from: score(i === 0 ? 0 : cuts[i - 1]!), to: score(cuts[i] ?? 100) }) : null,
              description: descriptions[i]?.[language] ?? null,
            })),
          }
        : null,
  };

  const parts: Part[] = [];

  // Who answered
  {
    const blocks: Block[] = [{ kind: 'paragraph', text: t('participationIntro', { subject: view.subject.name }) }];
    for (const grouping of groupingsOf(body)) {
      const g = body.groupings[grouping]!;
      const rows: Row[] = [{ style: 'total', cells: [{ kind: 'text', text: view.subject.name }, countCell(toFigure(body.respondents))] }];
      for (const group of g.groups) rows.push({ cells: [{ kind: 'text', text: words.group(grouping, group.id) }, countCell(toFigure(group.figure))] });
      if (g.rest) rows.push({ cells: [{ kind: 'text', text: words.group(grouping, REST) }, { kind: 'count', n: g.rest.n }] });
      blocks.push({
        kind: 'table',
        table: { caption: t('participationCaption', { grouping: words.grouping(grouping) }), columns: [{ label: t('colGroup'), kind: 'text' }, { label: t('colRespondents'), kind: 'count' }], rows, notes: restNote(grouping) },
      });
    }
    if (view.benchmarks.length > 0) {
      blocks.push({
        kind: 'table',
        table: {
          caption: t('benchmarkCaption'),
          columns: [{ label: t('colPopulation'), kind: 'text' }, { label: t('colRespondents'), kind: 'count' }],
          rows: view.benchmarks.map((b) => ({ style: 'benchmark', cells: [{ kind: 'text', text: words.benchmark(b.kind) }, countCell(toFigure(b.respondents))] })),
          notes: [],
        },
      });
    }
    parts.push({ id: 'participation', title: t('partParticipation'), sheet: t('sheetParticipation'), blocks });
  }

  // Scores
  const forms = [...new Set(body.scales.map((s) => s.form ?? 'full'))].sort((a, b) => Number(a !== 'full') - Number(b !== 'full'));
  const kindOf = (kind: string) => SCALE_KINDS.find((x) => x === kind) ?? 'other';
  {
    const blocks: Block[] = [{ kind: 'paragraph', text: t('scoresIntro', { subject: view.subject.name, grouping: words.grouping(org) }) }];
    const orgRows = shownGroups(body, org);
    for (const [index, form] of forms.entries()) {
      if (forms.length > 1) blocks.push({ kind: 'heading', level: 2, text: t('scoresForm', { form: t(form === 'short' ? 'form_short' : 'form_full') }) });
      if (index > 0) blocks.push({ kind: 'paragraph', text: t('otherFormIntro') });
      for (const kind of SCALE_KINDS) {
        const scales = body.scales.filter((s) => (s.form ?? 'full') === form && kindOf(s.kind) === kind && body.means[s.id]);
        if (scales.length === 0) continue;
        blocks.push({ kind: 'heading', level: forms.length > 1 ? 3 : 2, text: t(`kind_${kind}`) });
        for (const scale of scales) {
          const means = body.means[scale.id]!;
          const row = (label: string, cell: MeanCell | undefined, style?: Row['style']): Row => {
            const m = meanCells(cell);
            return { cells: [{ kind: 'text', text: label }, ...m.cells], ...(m.ci ? { ci: m.ci } : {}), ...(style ? { style } : {}) };
          };
          const rows = [
            row(view.subject.name, means.total, 'total'),
            ...orgRows.map((g) => row(words.group(org, g), means.byGroup[org]?.[g])),
            ...view.benchmarks.filter((b) => b.means[scale.id]).map((b) => row(words.benchmark(b.kind), b.means[scale.id]!.total, 'benchmark')),
          ];
          blocks.push({
            kind: 'table',
            table: {
              caption: t('meanCaption', { scale: scale.label[language], grouping: words.grouping(org) }),
              columns: [
                { label: t('colGroup'), kind: 'text' },
                { label: t('colN'), kind: 'count' },
                { label: t('colMean'), kind: 'mean' },
                { label: t('colCiLow'), kind: 'mean' },
                { label: t('colCiHigh'), kind: 'mean' },
              ],
              rows,
              notes: [],
              chart: true,
              ciLabel: t('colCi'),
              chartLabel: t('colChart'),
            },
          });
        }
      }
    }
    const rest = restNote(org);
    if (rest.length > 0) blocks.push({ kind: 'paragraph', text: rest[0]! });
    blocks.push(...attributeBlocks(body));
    if (blocks.some((b) => b.kind === 'table')) parts.push({ id: 'scores', title: t('partScores'), sheet: t('partScores'), blocks });
  }

  /** The competence areas by municipality attributes: the viewer's releases added up group by group. */
  function attributeBlocks(own: ReleaseBody): Block[] {
    const areas = own.scales.filter((s) => (s.form ?? 'full') === 'full' && s.kind === 'area' && own.means[s.id]);
    if (view.benchmarks.length === 0 || areas.length === 0) return [];
    const bodies = [own, ...view.benchmarks];
    const tables = BREAKDOWN_DIMENSIONS.flatMap((dimension): Block[] => {
      const rows = attributeRows(bodies, dimension, areas.map((s) => s.id));
      if (!rows || rows.length === 0) return [];
      return [{
        kind: 'table',
        table: {
          caption: t('attributesCaption', { dimension: words.grouping(dimension) }),
          columns: [{ label: t('colGroup'), kind: 'text' }, { label: t('colN'), kind: 'count' }, ...areas.map((s) => ({ label: s.label[language], kind: 'mean' as const }))],
          rows: rows.map((r) => ({
            cells: [
              { kind: 'text', text: words.attributeGroup(dimension, r.group, r.name) },
              countCell(r.respondents),
              ...areas.map((s): Cell => {
                const m = r.means[s.id]!;
                return isWithheld(m) ? withheld(m) : { kind: 'mean', value: m.mean };
              }),
            ],
          })),
          notes: dimension === 'centrality' ? [t('centralityNote')] : [],
        },
      }];
    });
    return tables.length === 0 ? [] : [{ kind: 'heading', level: 2, text: t('attributesHeading') }, { kind: 'paragraph', text: t('attributesIntro', { subject: view.subject.name }) }, ...tables];
  }

  // Levels
  {
    const blocks: Block[] = [{ kind: 'paragraph', text: t('levelsPartIntro') }];
    for (const form of forms) {
      if (forms.length > 1) blocks.push({ kind: 'heading', level: 2, text: t('scoresForm', { form: t(form === 'short' ? 'form_short' : 'form_full') }) });
      for (const scale of body.scales.filter((s) => (s.form ?? 'full') === form && hasLevels(s.kind))) {
        const info = body.info.find((i) => i.kind === 'level' && i.source === scale.id);
        const answer = info ? body.answers[info.id] : undefined;
        if (!info || !answer) continue;
        const breakdown = answer.byGroup[org];
        const lines: { label: string; line: Line; style?: Row['style'] }[] = [
          { label: view.subject.name, line: totalLine(answer, info), style: 'total' },
          ...(breakdown ? breakdown.rows.map((r) => ({ label: words.group(org, r.id), line: rowLine(breakdown, r.id) })) : []),
          ...view.benchmarks.flatMap((b) => {
            const a = b.answers[info.id];
            return a ? [{ label: words.benchmark(b.kind), line: totalLine(a, info), style: 'benchmark' as const }] : [];
          }),
        ];
        blocks.push({ kind: 'table', table: distributionTable(t('levelCaption', { scale: scale.label[language], grouping: words.grouping(org) }), info, lines, breakdown === null ? [t('noBreakdown')] : []) });
      }
    }
    if (blocks.some((b) => b.kind === 'table')) parts.push({ id: 'levels', title: t('partLevels'), sheet: t('partLevels'), blocks });
  }

  /** A distribution over an answer's categories, one line per row; "no score" leaves the base where shown. */
  function distributionTable(caption: string, info: AnswerInfo, lines: { label: string; line: Line; style?: Row['style'] }[], notes: string[]): Table {
    const prepared = lines.map(({ label, line, style }) => {
      let n = line.n;
      const counts = new Map<string, Figure>();
      for (const p of line.parts) counts.set(p.members.length === 1 ? p.members[0]! : OTHER, p.figure);
      const noScore = counts.get(NO_SCORE);
      if (typeof n === 'number' && typeof noScore === 'number') {
        n -= noScore;
        counts.delete(NO_SCORE);
      }
      return { label, style, n, counts, merged: new Set(line.parts.filter((p) => p.members.length > 1).flatMap((p) => p.members)) };
    });
    const present = new Set(prepared.flatMap((p) => [...p.counts.keys()]));
    const categories = [...info.categories.filter((c) => present.has(c)), ...(present.has(OTHER) ? [OTHER] : [])];
    const otherMembers = [...new Set(prepared.flatMap((p) => [...p.merged]))];
    return {
      caption,
      columns: [
        { label: t('colGroup'), kind: 'text' },
        { label: t('colBase'), kind: 'count' },
        ...categories.map((c): Column => ({ label: c === OTHER ? t('cat_otherShort') : words.category(info, c), kind: 'count', shares: true })),
      ],
      rows: prepared.map((p) => ({
        ...(p.style ? { style: p.style } : {}),
        cells: [
          { kind: 'text', text: p.label },
          countCell(p.n),
          ...categories.map((c): Cell => (p.counts.has(c) ? countCell(p.counts.get(c), p.n) : p.merged.has(c) ? countCell(undefined) : { kind: 'none', text: t('notApplicable') })),
        ],
      })),
      notes: [...(present.has(OTHER) ? [t('restMembers', { rest: t('cat_otherShort'), members: otherMembers.map((m) => words.category(info, m)).join(', ') })] : []), ...notes],
    };
  }

  // Items
  const ordered = body.info.filter((i) => body.answers[i.id] !== undefined);
  {
    const items = ordered.filter((i) => ITEM_KINDS.has(i.kind));
    const blocks: Block[] = [{ kind: 'paragraph', text: t('itemsIntro') }];
    for (const section of body.sections) {
      const inSection = items.filter((i) => i.sectionId === section.id);
      if (inSection.length === 0) continue;
      blocks.push({ kind: 'heading', level: 2, text: section.title[language] });
      for (const run of runs(inSection)) blocks.push({ kind: 'table', table: itemTable(run, section.title[language]) });
    }
    if (blocks.some((b) => b.kind === 'table')) parts.push({ id: 'items', title: t('partItems'), sheet: t('sheetItems'), blocks });
  }

  function itemTable(run: AnswerInfo[], sectionTitle: string): Table {
    const first = run[0]!;
    const isOption = first.kind === 'option';
    const values = first.categories.filter((c) => c !== MISSING && c !== NOT_ASKED);
    const lines = run.map((info) => ({ info, line: totalLine(body!.answers[info.id]!, info) }));
    const withOther = lines.some(({ line }) => line.other);
    const caption = isOption ? `${first.text[language]} ${t('multiNote')}` : run.length === 1 ? first.text[language] : t('runCaption', { section: sectionTitle });
    const header = (c: string) => (isOption && c === 'chosen' ? t('cat_chosen') : words.category(first, c));
    return {
      caption,
      columns: [
        { label: isOption ? t('colOption') : t('colQuestion'), kind: 'text' },
        ...values.map((c): Column => ({ label: header(c), kind: 'count', shares: true })),
        { label: words.category(first, MISSING), kind: 'count', shares: true },
        ...(withOther ? [{ label: t('colHiddenTogether'), kind: 'count' } as Column] : []),
        { label: t('colAsked'), kind: 'count' },
        { label: words.category(first, NOT_ASKED), kind: 'count' },
      ],
      rows: lines.map(({ info, line }) => {
        const asked = askedBase(line);
        const figure = (c: string) => line.parts.find((p) => p.id === c)?.figure;
        const cell = (f: Figure | undefined, base?: Figure): Cell => (f === undefined ? { kind: 'none', text: t('notApplicable') } : countCell(f, base));
        return {
          cells: [
            { kind: 'text', text: isOption ? (info.labels.chosen?.[language] ?? info.id) : info.text[language] },
            ...[...values, MISSING].map((c) => cell(figure(c), asked.dropped ? asked.n : undefined)),
            ...(withOther ? [line.other ? countCell(line.other.n) : ({ kind: 'none', text: t('notApplicable') } as Cell)] : []),
            countCell(asked.dropped ? asked.n : isHidden(line.n) ? line.n : (figure(NOT_ASKED) ?? line.n)),
            cell(figure(NOT_ASKED)),
          ],
        };
      }),
      notes: [],
    };
  }

  // Technologies: the share using each (of those who answered), and of its users the share confident, by unit.
  {
    const groupings = groupingsOf(body).filter((g) => g === 'unit' || g === 'municipality');
    const by = groupings.includes(org) ? org : (groupings[0] ?? org);
    const columnIds = ['total', ...shownGroups(body, by)];
    const headCount = (g: string): Figure => {
      if (g === 'total') return toFigure(body.respondents);
      const grouping = body.groupings[by];
      return g === REST ? (grouping?.rest?.n ?? PROTECTED) : toFigure(grouping?.groups.find((x) => x.id === g)?.figure);
    };
    const column = (g: string): Column => {
      const n = headCount(g);
      return { label: g === 'total' ? view.subject.name : words.group(by, g), kind: 'share', ...(typeof n === 'number' ? { n: `n ${format.number(n)}` } : {}) };
    };
    const shareCell = (line: Line, inside: readonly string[], answered: readonly string[]): Cell => {
      const share = shareOf(line, inside, answered);
      return isHidden(share) ? withheld(share) : { kind: 'share', share: share.share, n: share.n };
    };
    const tableFor = (kind: 'use' | 'conf', local: boolean, caption: string, note: string): Table | null => {
      const relevant = ordered.filter((i) => technologyKey(i.id)?.kind === kind && technologyKey(i.id)?.local === local);
      if (relevant.length === 0) return null;
      const inside = kind === 'use' ? USING : CONFIDENT;
      const rows: Row[] = [];
      const sections = [...new Set(relevant.map((i) => i.sectionId))];
      for (const sectionId of sections) {
        const title = body.sections.find((s) => s.id === sectionId)?.title[language];
        if (!local && sections.length > 1 && title) rows.push({ heading: title, cells: [] });
        for (const info of relevant.filter((i) => i.sectionId === sectionId)) {
          const answer = body.answers[info.id]!;
          const answered = valueCategories(info);
          const breakdown = answer.byGroup[by];
          rows.push({
            cells: [
              { kind: 'text', text: info.text[language] },
              ...columnIds.map((g) =>
                g === 'total' ? shareCell(totalLine(answer, info), inside, answered) : breakdown ? shareCell(rowLine(breakdown, g), inside, answered) : withheld(PROTECTED),
              ),
            ],
          });
        }
      }
      return {
        caption,
        columns: [{ label: t('colTechnology'), kind: 'text' }, ...columnIds.map(column)],
        rows,
        notes: [note],
      };
    };
    const grouping = words.grouping(by);
    const blocks: Block[] = [{ kind: 'paragraph', text: t('technologiesIntro') }];
    const add = (table: Table | null) => table && blocks.push({ kind: 'table', table });
    add(tableFor('use', false, t('useCaption', { grouping }), t('useNote')));
    add(tableFor('conf', false, t('confCaption', { grouping }), t('confNote')));
    const localUse = tableFor('use', true, t('localUseCaption', { grouping }), t('useNote'));
    const localConf = tableFor('conf', true, t('localConfCaption', { grouping }), t('confNote'));
    if (localUse || localConf) {
      blocks.push({ kind: 'heading', level: 2, text: body.sections.find((s) => s.id === LOCAL_SECTION)?.title[language] ?? t('localHeading') });
      blocks.push({ kind: 'paragraph', text: t('localIntro') });
      add(localUse);
      add(localConf);
    }
    const rest = restNote(by);
    if (rest.length > 0) blocks.push({ kind: 'paragraph', text: rest[0]! });
    if (blocks.some((b) => b.kind === 'table')) parts.push({ id: 'technologies', title: t('partTechnologies'), sheet: t('partTechnologies'), blocks });
  }

  // Change from the previous wave's release (unpaired): both means come from frozen releases.
  if (view.previous) {
    const previous = view.previous;
    const before = previous.own;
    const blocks: Block[] = [
      { kind: 'paragraph', text: t('changeIntro', { from: previous.waveLabel, to: view.waveLabel }) },
      { kind: 'paragraph', text: t('changeUnpaired') },
    ];
    const areas = body.scales.filter((s) => s.kind === 'area' && body.means[s.id] && before.means[s.id]);
    const ids = [...new Set([...shownGroups(body, org), ...shownGroups(before, org)])].filter((g) => g !== REST);
    const earlier = wordsOf(before, language, t);
    /** Why a wave has no mean for a group: the mean's reason, else its head count's (e.g. merged into "others together"). */
    const reasonIn = (b: ReleaseBody, cell: MeanCell | undefined, group: string | null): Hidden => {
      if (cell && !cell.shown) return { suppressed: true, reason: cell.reason };
      const figure = group === null ? undefined : b.groupings[org]?.groups.find((g) => g.id === group)?.figure;
      return figure && !figure.shown ? { suppressed: true, reason: figure.reason } : { suppressed: true, reason: 'below_k' };
    };
    const side = (b: ReleaseBody, cell: MeanCell | undefined, group: string | null): Cell[] => {
      if (!cell || !cell.shown) {
        const w = withheld(reasonIn(b, cell, group));
        return [w, w];
      }
      return [{ kind: 'count', n: cell.n }, { kind: 'mean', value: cell.mean }];
    };
    const areaForms = forms.filter((f) => areas.some((a) => (a.form ?? 'full') === f));
    for (const scale of areaForms.flatMap((f) => areas.filter((a) => (a.form ?? 'full') === f))) {
      // The forms' areas apart (the short form's scores are its own), as in the scores.
      if (areaForms.length > 1 && areas.find((a) => (a.form ?? 'full') === (scale.form ?? 'full')) === scale) {
        blocks.push({ kind: 'heading', level: 2, text: t('scoresForm', { form: t(scale.form === 'short' ? 'form_short' : 'form_full') }) });
      }
      const now = body.means[scale.id]!;
      const then = before.means[scale.id]!;
      const row = (label: string, group: string | null, a: MeanCell | undefined, b: MeanCell | undefined, style?: Row['style']): Row => {
        const change: Cell = a?.shown && b?.shown ? { kind: 'change', value: b.mean - a.mean } : withheld(!a?.shown ? reasonIn(before, a, group) : reasonIn(body, b, group));
        return { ...(style ? { style } : {}), cells: [{ kind: 'text', text: label }, ...side(before, a, group), ...side(body, b, group), change] };
      };
      blocks.push({
        kind: 'table',
        table: {
          caption: t('changeCaption', { scale: scale.label[language], from: previous.waveLabel, to: view.waveLabel, grouping: words.grouping(org) }),
          columns: [
            { label: t('colGroup'), kind: 'text' },
            { label: t('colWaveN', { wave: previous.waveLabel }), kind: 'count' },
            { label: t('colWaveMean', { wave: previous.waveLabel }), kind: 'mean' },
            { label: t('colWaveN', { wave: view.waveLabel }), kind: 'count' },
            { label: t('colWaveMean', { wave: view.waveLabel }), kind: 'mean' },
            { label: t('colChange'), kind: 'change' },
          ],
          rows: [
            row(view.subject.name, null, then.total, now.total, 'total'),
            ...ids.map((g) => row(shownGroups(body, org).includes(g) ? words.group(org, g) : earlier.group(org, g), g, then.byGroup[org]?.[g], now.byGroup[org]?.[g])),
          ],
          notes: [],
        },
      });
    }
    if (areas.length === 0) blocks.push({ kind: 'paragraph', text: t('changeNone') });
    parts.push({ id: 'change', title: t('partChange'), sheet: t('partChange'), blocks });
  }

  const releasedDay = view.releasedAt ? osloDay(view.releasedAt) : osloDay(options.generatedAt.toISOString());
  const fileBase = ['digikompass', slug(view.subject.name), ...(unit?.name ? [slug(unit.name)] : []), slug(view.waveLabel), releasedDay].filter((s) => s !== '').join('-');
  return {
    language,
    k,
    title: `${t('product')} – ${t('docTitle')}`,
    subject: view.subject.name,
    facts,
    notes,
    method,
    methodSheet: t('sheetMethod'),
    xlsxNote: t('methodXlsx'),
    parts,
    fileBase,
    pageOf: (page, pages) => t('pageOf', { page, pages }),
    format,
  };
}

/** Runs of answers with the same categories (and, for options, the same question) become one table. */
function runs(items: AnswerInfo[]): AnswerInfo[][] {
  const out: AnswerInfo[][] = [];
  for (const item of items) {
    const last = out.at(-1);
    const first = last?.[0];
    const same = first && first.kind === item.kind && first.categories.join('|') === item.categories.join('|') && (item.kind !== 'option' || first.source === item.source);
    if (last && same) last.push(item);
    else out.push([item]);
  }
  return out;
}

/** Names in a release: groupings, groups (units and municipalities by name, others by label), categories, benchmarks. */
function wordsOf(body: ReleaseBody, language: Language, t: (key: ReportTextKey, params?: Record<string, string | number>) => string) {
  const grouping = (g: string) => (GROUPING_ORDER.includes(g) ? t(`grouping_${g}` as ReportTextKey) : g);
  const plainGroup = (g: string, id: string): string => {
    if (id === NONE) return g === 'unit' ? t('group_noUnit') : t('group_notGiven');
    const found = body.groupings[g];
    return found?.groups.find((x) => x.id === id)?.name ?? found?.labels?.[id]?.[language] ?? attributeLabel(g, id) ?? id;
  };
  /** A size or centrality class by its key (counties and regions are named in the release). */
  const attributeLabel = (g: string, id: string): string | null => {
    if (g === 'centrality') return t('centralityClass', { class: id });
    if (g === 'size_class' && (id === 'under_5000' || id === '5000_19999' || id === '20000_plus')) return t(`size_${id}`);
    return null;
  };
  const attributeGroup = (g: string, id: string, name: string | null) => name ?? attributeLabel(g, id) ?? id;
  const group = (g: string, id: string): string => {
    if (id !== REST) return plainGroup(g, id);
    return g === 'unit' ? t('group_restUnits') : g === 'municipality' ? t('group_restMunicipalities') : t('group_restGroups');
  };
  const category = (info: AnswerInfo, id: string): string => {
    if (id === MISSING) return t('cat_missing');
    if (id === NOT_ASKED) return t('cat_not_asked');
    if (id === NO_SCORE) return t('cat_no_score');
    const label = info.labels[id]?.[language];
    if (label) return label;
    if (id === NOT_RELEVANT) return t('cat_not_relevant');
    if (id === 'not_chosen') return t('cat_not_chosen');
    if (id === 'chosen') return t('cat_chosen');
    return id;
  };
  const benchmark = (kind: ReleaseBody['kind']) => t(`bench_${kind}`);
  return { grouping, plainGroup, group, attributeGroup, category, benchmark };
}

const osloDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });
const osloDay = (iso: string) => osloDayFormat.format(new Date(iso));

/** An ASCII file-name part: Norwegian letters spelt out, anything else a dash. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}
