/**
 * What a leader sees: participation while a wave runs, and scale results once it has closed. Sums and
 * counts come from SQL; which of them may be shown is decided by protectUnits() (src/domain), per
 * response count and per scale, so no group below k can be read directly or by subtraction.
 */
import type { CountFigure, ItemResults, Participation, ScaleFigure, ScaleResults } from '../../contracts/api.js';
import { protectDistribution, protectUnits, type UnitDisclosure } from '../../domain/disclosure.js';
import { hasLevels } from '../../domain/scoring.js';
import type { Clock } from '../adapters/clock.js';
import { Conflict, NotFound } from '../errors.js';
import type { OrganisationRepository } from '../repositories/organisation.repository.js';
import type { ProjectRepository } from '../repositories/project.repository.js';
import type { ResultsRepository, ScaleCell } from '../repositories/results.repository.js';
import type { WaveRepository } from '../repositories/wave.repository.js';
import { municipalityFor, type Viewer } from './access.js';
import type { InstrumentService } from './instrument.service.js';
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
    return { wave, municipalityId, status };
  }

  async participation(viewer: Viewer, waveId: string, requested: string | undefined): Promise<Participation> {
    const { municipalityId } = await this.resolve(viewer, waveId, requested);
    const [units, counts] = await Promise.all([
      this.results.unitsWithStaff(waveId, municipalityId),
      this.results.responseCounts(waveId, municipalityId),
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
    };
  }

  async scaleResults(viewer: Viewer, waveId: string, requested: string | undefined): Promise<ScaleResults> {
    const { wave, municipalityId, status } = await this.resolve(viewer, waveId, requested);
    if (status !== 'closed') throw new Conflict('results_not_ready');
    const [instrument, project, units, counts] = await Promise.all([
      this.instruments.get(wave.instrumentId, wave.instrumentVersion),
      this.projects.get(wave.projectId),
      this.results.unitsWithStaff(waveId, municipalityId),
      this.results.responseCounts(waveId, municipalityId),
    ]);
    if (!project) throw new NotFound();
    const k = project.kMin;
    const cutPoints = instrument.levels.cutPoints;
    const cells = await this.results.scaleCells(waveId, municipalityId, cutPoints);
    const levelCount = cutPoints.length + 1;

    // Disclosure by number of responses.
    const nOf = new Map(counts.map((c) => [c.unitId, c.n]));
    const total = counts.reduce((s, c) => s + c.n, 0);
    const byResponses = protectUnits(units.map((u) => ({ unitId: u.unitId, n: nOf.get(u.unitId) ?? 0 })), nOf.get(null) ?? 0, k);

    // Per scale: cells folded into per-unit figures, then disclosure by number of scores.
    const scales = instrument.scales.map((s) => ({ id: s.id, label: s.label, kind: s.kind }));
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
    return { waveId, municipalityId, kMin: k, scales, levelLabels: instrument.levels.labels, groups };
  }

  /**
   * Answer distributions of the single and multi choice items (not the unit item, not free text) for the
   * whole municipality, each protected by protectDistribution(): no unit breakdown, so no unit can be
   * singled out. Same access and timing rules as the scale results.
   */
  async itemResults(viewer: Viewer, waveId: string, requested: string | undefined): Promise<ItemResults> {
    const { wave, municipalityId, status } = await this.resolve(viewer, waveId, requested);
    if (status !== 'closed') throw new Conflict('results_not_ready');
    const [instrument, project] = await Promise.all([this.instruments.get(wave.instrumentId, wave.instrumentVersion), this.projects.get(wave.projectId)]);
    if (!project) throw new NotFound();
    const k = project.kMin;
    const sections = instrument.sections
      .map((section) => ({ section, items: section.items.filter((i) => i.type === 'single' || i.type === 'multi') }))
      .filter((s) => s.items.length > 0);
    const itemIds = sections.flatMap((s) => s.items.map((i) => i.id));
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
    return {
      waveId,
      municipalityId,
      kMin: k,
      sections: sections.map(({ section, items }) => ({
        id: section.id,
        title: section.title,
        items: items.map((item) => {
          const base = baseOf.get(item.id) ?? 0;
          const counts = Object.fromEntries(item.options.map((o) => [o.value, countsOf.get(item.id)?.get(o.value) ?? 0]));
          // Single choice: the options add up to the base. A stored value outside the options (not expected:
          // answers are validated) joins the protection as a never-shown cell so that the sum still holds.
          const other = base - Object.values(counts).reduce((sum, c) => sum + c, 0);
          const complete = item.type === 'single';
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
        }),
      })),
    };
  }
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

