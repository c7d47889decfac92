/**
 * What a leader sees live while a wave runs: participation (responses against staff counts, per unit, day
 * by day) and the median completion time per form, hidden below k. Scale scores and answers are never
 * computed here: they come only from the wave's frozen release (release.service.ts, docs/disclosure.md).
 */
import type { CompletionTimes, Participation } from '../../contracts/api.js';
import { osloDate, type Clock } from '../adapters/clock.js';
import { NotFound } from '../errors.js';
import type { OrganisationRepository } from '../repositories/organisation.repository.js';
import type { ProjectRepository } from '../repositories/project.repository.js';
import type { ResultsRepository } from '../repositories/results.repository.js';
import type { WaveRecord, WaveRepository } from '../repositories/wave.repository.js';
import { municipalityFor, scopeOf, type Viewer } from './access.js';
import type { InstrumentService } from './instrument.service.js';
import { waveStatus } from './wave-status.js';

type Reason = 'below_k' | 'complementary';

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
    return { wave, municipalityId, status, opensAt: dates.opensAt, closesAt: dates.closesAt };
  }

  async participation(viewer: Viewer, waveId: string, requested: string | undefined): Promise<Participation> {
    const { wave, municipalityId, opensAt, closesAt } = await this.resolve(viewer, waveId, requested);
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
      period: timelinePeriod(opensAt, closesAt, this.clock.now()),
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
}

/** The days a timeline spans (Oslo dates): the opening day to today or the last open day, whichever comes first. */
function timelinePeriod(opensAt: Date, closesAt: Date, now: Date): Participation['period'] {
  // The wave closes at an instant; a close at midnight leaves the day before as the last one.
  const lastDay = osloDate(new Date(closesAt.getTime() - 1));
  const today = osloDate(now);
  return { from: osloDate(opensAt), to: today < lastDay ? today : lastDay };
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

function suppressed(reason: Reason): { suppressed: true; reason: Reason } {
  return { suppressed: true, reason };
}

