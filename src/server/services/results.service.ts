/**
 * What a leader sees: participation (with the median completion time per form) while a wave runs, and
 * scale and item results once it has closed. Sums and counts come from SQL; which of them may be shown is
 * decided by protectUnits() and protectDistribution() (src/domain), so no group below k can be read
 * directly or by subtraction. Each form of the questionnaire (full, short) is reported on its own.
 */
import type {
  CompletionTimes,
  CountFigure,
  FormScaleResults,
  ItemResult,
  ItemResults,
  Participation,
  ScaleFigure,
  ScaleResults,
} from '../../contracts/api.js';
import type { Instrument, LocalizedText } from '../../contracts/instrument.js';
import { protectDistribution, protectUnits, type UnitDisclosure } from '../../domain/disclosure.js';
import { answerableItems } from '../../domain/instrument.js';
import { isLocalItemId, LOCAL_SECTION_ID } from '../../domain/local-items.js';
import { hasLevels } from '../../domain/scoring.js';
import type { Clock } from '../adapters/clock.js';
import { Conflict, NotFound } from '../errors.js';
import type { OrganisationRepository } from '../repositories/organisation.repository.js';
import type { ProjectRepository } from '../repositories/project.repository.js';
import type { ResultsRepository, ScaleCell, UnitStaff } from '../repositories/results.repository.js';
import type { WaveRecord, WaveRepository } from '../repositories/wave.repository.js';
import { municipalityFor, scopeOf, type Viewer } from './access.js';
import type { InstrumentService } from './instrument.service.js';
import type { LocalItemService } from './local-item.service.js';
import { waveStatus } from './wave-status.js';

type Reason = 'below_k' | 'complementary';
/** Not a valid option value (those are lower-case codes), so it cannot clash with one. */
const OTHER = '#other';

export class ResultsService {
  constructor(
    private readonly waves: WaveRepository,
    private readonly organisation: OrganisationRepository,
    private readonly projects: ProjectRepository,
    private readonly results: ResultsRepository,
    private readonly instruments: InstrumentService,
    private readonly localItems: LocalItemService,
    private readonly clock: Clock,
  ) {}

  /** The wave and municipality a request is about, if the viewer may see them (else 404). */
  private async resolve(viewer: Viewer, waveId: string, requested: string | undefined) {
    const municipalityId = municipalityFor(viewer, requested);
    const scope = { kind: 'municipality', municipalityId } as const;
    const [wave, member] = await Promise.all([
      this.waves.get(scope, waveId),
      this.organisation.getMunicipality(scope, municipalityId),
    ]);
    if (!wave || !member) throw new NotFound();
    const dates = (await this.waves.datesFor(waveId, municipalityId)) ?? wave;
    const status = waveStatus(dates, this.clock.now());
    // Staff counts are frozen when the wave opens; the first look after opening takes the snapshot.
    if (status !== 'scheduled') await this.waves.snapshotStaffCounts(waveId, this.clock.now());
    return { wave, municipalityId, status, opensAt: dates.opensAt };
  }

  async participation(viewer: Viewer, waveId: string, requested: string | undefined): Promise<Participation> {
    const { wave, municipalityId } = await this.resolve(viewer, waveId, requested);
    const [units, counts, completion, days] = await Promise.all([
      this.results.unitsWithStaff(waveId, municipalityId),
      this.results.responseCounts(waveId, municipalityId),
      this.completion(wave, municipalityId),
      this.results.responsesByDay(waveId, municipalityId),
    ]);
    const byUnit = new Map(counts.map((c) => [c.unitId, c.n]));
    const rows: Participation['units'] = units.map((u) => ({ unitId: u.unitId, name: u.name, responses: byUnit.get(u.unitId) ?? 0, staff: u.staff }));
    const unassigned = byUnit.get(null) ?? 0;
    if (unassigned > 0) rows.push({ unitId: null, name: null, responses: unassigned, staff: 0 });
    return {
      waveId,
      municipalityId,
      responses: counts.reduce((s, c) => s + c.n, 0),
      staff: units.reduce((s, u) => s + u.staff, 0),
      units: rows,
      completionTime: completion,
      timeline: cumulativeByDay(days),
    };
  }

  /**
   * Median measured completion time per form: one municipality (a leader's own, or the one an admin
   * names), or for a platform admin who names none, the whole wave. A form's median is shown only when
   * at least k responses of that form have a measured time.
   */
  async completionTimes(viewer: Viewer, waveId: string, requested: string | undefined): Promise<CompletionTimes> {
    if (scopeOf(viewer).kind === 'platform' && requested === undefined) {
      const wave = await this.waves.get({ kind: 'platform' }, waveId);
      if (!wave) throw new NotFound();
      return { waveId, municipalityId: null, ...(await this.completion(wave, null)) };
    }
    const { wave, municipalityId } = await this.resolve(viewer, waveId, requested);
    return { waveId, municipalityId, ...(await this.completion(wave, municipalityId)) };
  }

  private async completion(wave: WaveRecord, municipalityId: string | null): Promise<Pick<CompletionTimes, 'kMin' | 'forms'>> {
    const [instrument, others, medians, project] = await Promise.all([
      this.instruments.get(wave.instrumentId, wave.instrumentVersion),
      this.results.otherLinkInstruments(wave.id, municipalityId),
      this.results.completionMedians(wave.id, municipalityId),
      this.projects.get(wave.projectId),
    ]);
    if (!project) throw new NotFound();
    const k = project.kMin;
    const forms = [...new Set([instrument.form, ...others.map((o) => o.form)])];
    return {
      kMin: k,
      forms: forms.map((form) => {
        const m = medians.find((x) => x.form === form);
        return { form, median: m && m.n >= k ? { suppressed: false, n: m.n, minutes: m.median } : suppressed('below_k') };
      }),
    };
  }

  /**
   * Scale results of the wave's own form and, apart, of every other form its links served in the
   * municipality (e.g. the short form): each counts only the responses given on it, so scores of
   * different forms are never pooled.
   */
  async scaleResults(viewer: Viewer, waveId: string, requested: string | undefined): Promise<ScaleResults> {
    onlyPlatform(viewer);
    const { wave, municipalityId, status } = await this.resolve(viewer, waveId, requested);
    if (status !== 'closed') throw new Conflict('results_not_ready');
    const [instrument, project, units, others] = await Promise.all([
      this.instruments.get(wave.instrumentId, wave.instrumentVersion),
      this.projects.get(wave.projectId),
      this.results.unitsWithStaff(waveId, municipalityId),
      this.results.otherLinkInstruments(waveId, municipalityId),
    ]);
    if (!project) throw new NotFound();
    const k = project.kMin;
    const forForm = (form: Instrument) => this.formScaleResults(form, waveId, municipalityId, units, k);
    const otherInstruments = await Promise.all(others.map((o) => this.instruments.get(o.id, o.version)));
    const [own, ...otherForms] = await Promise.all([forForm(instrument), ...otherInstruments.map(forForm)]);
    return { waveId, municipalityId, kMin: k, ...own!, otherForms };
  }

  private async formScaleResults(
    instrument: Instrument,
    waveId: string,
    municipalityId: string,
    units: UnitStaff[],
    k: number,
  ): Promise<FormScaleResults> {
    const ref = { id: instrument.id, version: instrument.version };
    const { cutPoints, labels, descriptions } = instrument.levels;
    const [counts, cells] = await Promise.all([
      this.results.responseCounts(waveId, municipalityId, ref),
      this.results.scaleCells(waveId, municipalityId, ref, cutPoints),
    ]);
    const levelCount = cutPoints.length + 1;

    // Disclosure by number of responses.
    const nOf = new Map(counts.map((c) => [c.unitId, c.n]));
    const total = counts.reduce((s, c) => s + c.n, 0);
    const byResponses = protectUnits(units.map((u) => ({ unitId: u.unitId, n: nOf.get(u.unitId) ?? 0 })), nOf.get(null) ?? 0, k);

    // Per scale: cells folded into per-unit figures, then disclosure by number of scores.
    const perScale = new Map<string, { units: Map<string | null, Figure>; protection: Map<string, UnitDisclosure>; total: Figure }>();
    for (const scale of instrument.scales) {
      const unitFigures = fold(cells.filter((c) => c.scaleId === scale.id), levelCount);
      const totalFigure = emptyFigure(levelCount);
      for (const f of unitFigures.values()) addInto(totalFigure, f);
      const protection = protectUnits(
        units.map((u) => ({ unitId: u.unitId, n: unitFigures.get(u.unitId)?.n ?? 0 })),
        unitFigures.get(null)?.n ?? 0,
        k,
      ).units;
      perScale.set(scale.id, { units: unitFigures, protection, total: totalFigure });
    }

    const groups: ScaleResults['groups'] = [];
    const totalShown = byResponses.total === 'shown';
    groups.push({
      unitId: null,
      name: null,
      responses: totalShown ? total : suppressed('below_k'),
      scores: Object.fromEntries(
        instrument.scales.map((s) => {
          const f = perScale.get(s.id)!.total;
          return [s.id, totalShown && f.n >= k ? shown(f, hasLevels(s.kind)) : suppressed('below_k')];
        }),
      ),
    });
    for (const u of units) {
      const unitDisclosure = byResponses.units.get(u.unitId) ?? 'below_k';
      const scores: Record<string, ScaleFigure> = {};
      for (const s of instrument.scales) {
        const entry = perScale.get(s.id)!;
        const scaleDisclosure = entry.protection.get(u.unitId) ?? 'below_k';
        const f = entry.units.get(u.unitId);
        if (unitDisclosure !== 'shown') scores[s.id] = suppressed(unitDisclosure);
        else if (scaleDisclosure !== 'shown' || !f) scores[s.id] = suppressed(scaleDisclosure === 'shown' ? 'below_k' : scaleDisclosure);
        else scores[s.id] = shown(f, hasLevels(s.kind));
      }
      groups.push({
        unitId: u.unitId,
        name: u.name,
        responses: unitDisclosure === 'shown' ? (nOf.get(u.unitId) ?? 0) : suppressed(unitDisclosure),
        scores,
      });
    }
    return {
      instrumentId: instrument.id,
      instrumentVersion: instrument.version,
      form: instrument.form,
      title: instrument.title,
      scales: instrument.scales.map((s) => ({ id: s.id, label: s.label, kind: s.kind })),
      levelLabels: labels,
      levelDescriptions: descriptions ?? [],
      levelCutPoints: cutPoints,
      groups,
    };
  }

  /**
   * Answer distributions of the single and multi choice items (not the unit item, not free text) for the
   * whole municipality, each protected by protectDistribution(): no unit breakdown, so no unit can be
   * singled out. Same access and timing rules as the scale results. The municipality's own systems
   * (local items: use, and confidence per point) come apart from the core items, protected the same way.
   */
  async itemResults(viewer: Viewer, waveId: string, requested: string | undefined): Promise<ItemResults> {
    onlyPlatform(viewer);
    const { wave, municipalityId, status, opensAt } = await this.resolve(viewer, waveId, requested);
    if (status !== 'closed') throw new Conflict('results_not_ready');
    const [instrument, served, project] = await Promise.all([
      this.instruments.get(wave.instrumentId, wave.instrumentVersion),
      this.localItems.served({ instrumentId: wave.instrumentId, instrumentVersion: wave.instrumentVersion, waveId, municipalityId, opensAt }),
      this.projects.get(wave.projectId),
    ]);
    if (!project) throw new NotFound();
    const k = project.kMin;
    const sections = instrument.sections
      .map((section) => ({
        section,
        items: section.items.flatMap((i): Distributed[] => (i.type === 'single' || i.type === 'multi' ? [{ id: i.id, text: i.text, type: i.type, options: i.options }] : [])),
      }))
      .filter((s) => s.items.length > 0);
    const local = answerableItems(served)
      .filter((a) => a.sectionId === LOCAL_SECTION_ID && isLocalItemId(a.id))
      .flatMap((a): Distributed[] => {
        if (a.item.type === 'single') return [{ id: a.id, text: a.text, type: 'single', options: a.item.options }];
        if (a.kind === 'likert' && a.scale) return [{ id: a.id, text: a.text, type: 'likert', options: a.scale.points.map((p) => ({ value: String(p.value), label: p.label })) }];
        return [];
      });
    const itemIds = [...sections.flatMap((s) => s.items.map((i) => i.id)), ...local.map((i) => i.id)];
    const rows = await this.results.answerCounts(waveId, municipalityId, itemIds);
    const baseOf = new Map<string, number>();
    const countsOf = new Map<string, Map<string, number>>();
    for (const r of rows) {
      if (r.value === null) baseOf.set(r.itemId, r.n);
      else {
        let m = countsOf.get(r.itemId);
        if (!m) countsOf.set(r.itemId, (m = new Map()));
        m.set(r.value, r.n);
      }
    }
    const distribution = (item: Distributed): ItemResult => {
      const base = baseOf.get(item.id) ?? 0;
      const counts = Object.fromEntries(item.options.map((o) => [o.value, countsOf.get(item.id)?.get(o.value) ?? 0]));
      // One answer each (single choice, a Likert point): the options add up to the base. A stored value outside
      // the options (not expected: answers are validated) joins the protection as a never-shown cell so that the sum still holds.
      const other = base - Object.values(counts).reduce((sum, c) => sum + c, 0);
      const complete = item.type !== 'multi';
      const protection = protectDistribution(complete && other > 0 ? { ...counts, [OTHER]: other } : counts, base, k, complete);
      const figure = (value: string): CountFigure => {
        const d = protection.options[value] ?? 'below_k';
        return d === 'shown' ? (counts[value] ?? 0) : suppressed(d);
      };
      return {
        id: item.id,
        text: item.text,
        type: item.type,
        n: protection.base === 'shown' ? base : suppressed('below_k'),
        options: item.options.map((o) => ({ value: o.value, label: o.label, count: figure(o.value) })),
      };
    };
    return {
      waveId,
      municipalityId,
      kMin: k,
      sections: sections.map(({ section, items }) => ({ id: section.id, title: section.title, items: items.map(distribution) })),
      local: local.map(distribution),
    };
  }
}

/** Running totals at the end of each day, for the municipality and per unit ("none": without a unit). */
function cumulativeByDay(rows: { day: string; unitId: string | null; n: number }[]): Participation['timeline'] {
  const out: Participation['timeline'] = [];
  let total = 0;
  const units: Record<string, number> = {};
  for (const r of rows) {
    total += r.n;
    const key = r.unitId ?? 'none';
    units[key] = (units[key] ?? 0) + r.n;
    const last = out[out.length - 1];
    if (last?.date === r.day) Object.assign(last, { responses: total, units: { ...units } });
    else out.push({ date: r.day, responses: total, units: { ...units } });
  }
  return out;
}

/**
 * The live scale and item results are computed at view time, so a leader could set them beside the frozen
 * release and subtract: only the platform admin (who may see everything) gets them; leaders read the release.
 */
function onlyPlatform(viewer: Viewer): void {
  if (scopeOf(viewer).kind !== 'platform') throw new NotFound();
}

/** An item whose answers are counted per option. */
interface Distributed {
  id: string;
  text: LocalizedText;
  type: ItemResult['type'];
  options: { value: string; label: LocalizedText }[];
}

interface Figure {
  n: number;
  sum: number;
  levels: number[];
}

function emptyFigure(levelCount: number): Figure {
  return { n: 0, sum: 0, levels: Array.from({ length: levelCount }, () => 0) };
}

function addInto(target: Figure, f: Figure): void {
  target.n += f.n;
  target.sum += f.sum;
  f.levels.forEach((c, i) => (target.levels[i] = (target.levels[i] ?? 0) + c));
}

function fold(cells: ScaleCell[], levelCount: number): Map<string | null, Figure> {
  const out = new Map<string | null, Figure>();
  for (const c of cells) {
    let f = out.get(c.unitId);
    if (!f) out.set(c.unitId, (f = emptyFigure(levelCount)));
    f.n += c.n;
    f.sum += c.sum;
    const level = Math.min(Math.max(c.level, 0), levelCount - 1);
    f.levels[level] = (f.levels[level] ?? 0) + c.n;
  }
  return out;
}

/** Levels only for the kinds that have them (area, aspect); trust and the rest are reported by mean. */
function shown(f: Figure, withLevels: boolean): ScaleFigure {
  return withLevels ? { suppressed: false, n: f.n, mean: f.sum / f.n, levels: f.levels } : { suppressed: false, n: f.n, mean: f.sum / f.n };
}

function suppressed(reason: Reason): { suppressed: true; reason: Reason } {
  return { suppressed: true, reason };
}

