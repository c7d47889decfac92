/**
 * The researcher's statistics views of a project (permission research:read): the projects a viewer may
 * study, psychometrics per scale, change between two waves, and the sample description (Table 1, also
 * as CSV). The platform admin reaches every project, a researcher their own (others: 404). Every read
 * of a view is written to the audit log: who, which view of which project and wave, when.
 * The statistics come from src/domain/research-views.ts (on the checked functions of statistics.ts).
 */
import type { Change, ChangeGrouping, NumericSummary, Psychometrics, ResearchProject, SampleDescription } from '../../contracts/research.js';
import type { Instrument, Language, LocalizedText } from '../../contracts/instrument.js';
import {
  backgroundVariables,
  changeByGroup,
  describeSample,
  professionItem,
  SCORE_RANGE,
  scalePsychometrics,
  type ScoreObservation,
} from '../../domain/research-views.js';
import { sampleDescriptionCsv } from '../../domain/sample-csv.js';
import type { Clock } from '../adapters/clock.js';
import { NotFound, ValidationFailed } from '../errors.js';
import type { ProjectRepository } from '../repositories/project.repository.js';
import type { ResearchRepository, ResearchWave } from '../repositories/research.repository.js';
import { assertProjectAccess, type Viewer } from './access.js';
import type { AuditService } from './audit.service.js';
import type { InstrumentService } from './instrument.service.js';
import { waveStatus } from './wave-status.js';

export const PSYCHOMETRICS_NOTE =
  'Item values are the Likert points, reverse-keyed items turned round; "not relevant", unanswered and hidden items are missing. ' +
  'Scores 0-100 as stored; quantiles of type 7. Cronbach\'s alpha (raw, psych::alpha) with the Feldt (1965) 95 % interval; ' +
  'McDonald\'s omega total from a one-factor maximum-likelihood factor analysis of the item correlations (as psych::omega with nfactors = 1, fm = "ml"). ' +
  'Reliability twice: pairwise (each covariance from those who answered both items) and complete cases (only those who answered every item); ' +
  'respondents without any answer to the scale are left out.';

export const CHANGE_NOTE =
  'Differences are later minus earlier wave, on the stored 0-100 scores. Linked pairs: paired t-test, Wilcoxon signed-rank test (normal approximation ' +
  'with continuity correction, zero differences dropped) and Cohen\'s d_z with a noncentral-t 95 % interval; a pair counts in the group of its later ' +
  'response. All respondents: Welch\'s t-test, Mann-Whitney test (normal approximation with continuity correction) and Hedges\' g (exact J) with a ' +
  'noncentral-t 95 % interval; the waves are treated as independent although linked persons are in both. A group is withheld below k pairs (paired) ' +
  'or below k respondents in either wave (unpaired).';

export interface SampleDescriptionCsv {
  filename: string;
  body: string;
}

const same = (s: string): LocalizedText => ({ nb: s, nn: s, en: s });

export class ResearchService {
  constructor(
    private readonly repo: ResearchRepository,
    private readonly projectsRepo: ProjectRepository,
    private readonly instruments: InstrumentService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The projects the viewer may study, each with its waves. */
  async projects(viewer: Viewer): Promise<ResearchProject[]> {
    const ids = viewer.role === 'platform_admin' ? null : viewer.role === 'researcher' ? [...(viewer.projectIds ?? [])] : [];
    const projects = await this.repo.projects(ids);
    const waves = await this.repo.waves(projects.map((p) => p.id));
    const now = this.clock.now();
    return projects.map((p) => ({
      ...p,
      waves: waves
        .filter((w) => w.projectId === p.id)
        .map((w) => ({
          id: w.id,
          projectId: w.projectId,
          label: w.label,
          instrumentId: w.instrumentId,
          instrumentVersion: w.instrumentVersion,
          opensAt: w.opensAt.toISOString(),
          closesAt: w.closesAt.toISOString(),
          status: waveStatus(w, now),
        })),
    }));
  }

  async psychometrics(viewer: Viewer, projectId: string, waveId: string): Promise<Psychometrics> {
    const { wave } = await this.projectWave(viewer, projectId, waveId);
    const responses = await this.repo.responses(waveId);
    const own = `${wave.instrumentId}@${wave.instrumentVersion}`;
    const byForm = new Map<string, typeof responses>([[own, []]]);
    for (const r of responses) {
      const key = `${r.instrumentId}@${r.instrumentVersion}`;
      let list = byForm.get(key);
      if (!list) byForm.set(key, (list = []));
      list.push(r);
    }
    const keys = [own, ...[...byForm.keys()].filter((k) => k !== own).sort()];
    const forms: Psychometrics['forms'] = [];
    for (const key of keys) {
      const rows = byForm.get(key)!;
      const at = key.lastIndexOf('@');
      const instrument = await this.instruments.get(key.slice(0, at), key.slice(at + 1));
      forms.push({
        instrumentId: instrument.id,
        instrumentVersion: instrument.version,
        form: instrument.form,
        responses: rows.length,
        scales: instrument.scales.map((scale) => scalePsychometrics(instrument, scale, rows.map((r) => ({ answers: r.answers, score: r.scores[scale.id] ?? null })))),
      });
    }
    await this.record(viewer, 'research.psychometrics', projectId, { waveId });
    return {
      projectId,
      waveId,
      waveLabel: wave.label,
      method: {
        scoreRange: { ...SCORE_RANGE },
        quantileType: 7,
        alphaInterval: 'feldt_1965',
        omega: 'omega_total_one_factor_ml',
        missing: ['pairwise', 'complete'],
        note: PSYCHOMETRICS_NOTE,
      },
      forms,
    };
  }

  async change(viewer: Viewer, projectId: string, query: { from: string; to: string; by: ChangeGrouping }): Promise<Change> {
    assertProjectAccess(viewer, projectId);
    if (query.from === query.to) throw new ValidationFailed([{ path: 'to', code: 'same_wave' }]);
    const { project, wave: from } = await this.projectWave(viewer, projectId, query.from);
    const { wave: to } = await this.projectWave(viewer, projectId, query.to);
    const instruments = await this.instrumentsOf([from, to]);
    const profession = professionItem(instruments[0]!);
    if (query.by === 'profession' && !profession) throw new ValidationFailed([{ path: 'by', code: 'not_a_grouping' }]);
    const rows = await this.repo.scores([from.id, to.id], query.by === 'profession' ? profession!.id : null);

    // Groups: their order, labels, and each response's key.
    let order: string[];
    let labels: Map<string, LocalizedText>;
    let keyOf: (r: (typeof rows)[number]) => string | null;
    switch (query.by) {
      case 'none':
        order = ['all'];
        labels = new Map();
        keyOf = () => 'all';
        break;
      case 'municipality': {
        const ms = await this.repo.municipalities([...new Set(rows.map((r) => r.municipalityId))]);
        order = ms.map((m) => m.id);
        labels = new Map(ms.map((m) => [m.id, same(m.name)]));
        keyOf = (r) => r.municipalityId;
        break;
      }
      case 'unit': {
        const units = await this.repo.units([...new Set(rows.flatMap((r) => (r.unitId ? [r.unitId] : [])))]);
        const ms = await this.repo.municipalities([...new Set(units.map((u) => u.municipalityId))]);
        const mName = new Map(ms.map((m) => [m.id, m.name]));
        const sorted = units.sort((a, b) => mName.get(a.municipalityId)!.localeCompare(mName.get(b.municipalityId)!, 'nb') || a.name.localeCompare(b.name, 'nb'));
        order = sorted.map((u) => u.id);
        labels = new Map(sorted.map((u) => [u.id, same(`${mName.get(u.municipalityId)} – ${u.name}`)]));
        keyOf = (r) => r.unitId;
        break;
      }
      case 'profession':
        order = profession!.options.map((o) => o.value);
        labels = new Map(profession!.options.map((o) => [o.value, o.label]));
        keyOf = (r) => r.profession;
        break;
    }

    const scales = new Map<string, Instrument['scales'][number] & { form: string }>();
    for (const instrument of instruments) for (const s of instrument.scales) if (!scales.has(s.id)) scales.set(s.id, { ...s, form: instrument.form });
    const observations = (waveId: string, scaleId: string): ScoreObservation[] =>
      rows.flatMap((r) => (r.waveId === waveId && r.scores[scaleId] !== undefined ? [{ personId: r.personId, score: r.scores[scaleId]!, group: keyOf(r) }] : []));
    const earlier = new Set(rows.filter((r) => r.waveId === from.id).map((r) => r.personId));
    const linkedPersons = rows.filter((r) => r.waveId === to.id && earlier.has(r.personId)).length;

    const result: Change = {
      projectId,
      from: { id: from.id, label: from.label },
      to: { id: to.id, label: to.label },
      by: query.by,
      kMin: project.kMin,
      linkedPersons,
      method: {
        paired: 'paired_t_wilcoxon_signed_rank_cc_normal_dz_noncentral_t',
        unpaired: 'welch_t_mann_whitney_cc_normal_hedges_g_noncentral_t',
        note: CHANGE_NOTE,
      },
      scales: [...scales.values()]
        .map((scale) => ({
          id: scale.id,
          kind: scale.kind,
          label: scale.label,
          form: scale.form,
          groups: changeByGroup(observations(from.id, scale.id), observations(to.id, scale.id), order, project.kMin).map((g) => ({
            ...g,
            label: g.id === null ? null : (labels.get(g.id) ?? null),
          })),
        }))
        // A scale nobody scored in either wave (another form's, unused) is left out.
        .filter((s) => rows.some((r) => r.scores[s.id] !== undefined)),
    };
    await this.record(viewer, 'research.change', projectId, { from: from.id, to: to.id, by: query.by });
    return result;
  }

  async sampleDescription(viewer: Viewer, projectId: string, query: { waveId: string; by: string; numeric: NumericSummary; format?: 'json' | 'csv' }): Promise<SampleDescription> {
    const { wave } = await this.projectWave(viewer, projectId, query.waveId);
    const instrument = await this.instruments.get(wave.instrumentId, wave.instrumentVersion);
    const variables = backgroundVariables(instrument);
    const categorical = variables.filter((v) => v.kind === 'categorical');
    const grouping = query.by === 'municipality' || query.by === 'unit' ? null : categorical.find((v) => v.id === query.by);
    if (grouping === undefined) throw new ValidationFailed([{ path: 'by', code: 'not_a_grouping' }]);
    const responses = await this.repo.responses(wave.id);
    const municipalities = await this.repo.municipalities([...new Set(responses.map((r) => r.municipalityId))]);

    let groups: { value: string; label: LocalizedText }[] | null = null;
    if (query.by === 'unit') {
      const units = await this.repo.units([...new Set(responses.flatMap((r) => (r.unitId ? [r.unitId] : [])))]);
      groups = units.map((u) => ({ value: u.id, label: same(u.name) }));
    } else if (grouping) {
      groups = grouping.options.map((o) => ({ value: o.value, label: o.label }));
    }
    const groupOf = (r: (typeof responses)[number]): string | null => {
      if (query.by === 'unit') return r.unitId;
      if (!grouping) return null;
      const v = r.answers[grouping.id];
      return v === undefined || v === null ? null : String(v);
    };
    const rows = describeSample(variables, responses.map((r) => ({ municipalityId: r.municipalityId, group: groupOf(r), answers: r.answers })), municipalities, groups, query.numeric);
    await this.record(viewer, 'research.sample_description', projectId, { waveId: wave.id, by: query.by, numeric: query.numeric, format: query.format ?? 'json' });
    return {
      projectId,
      waveId: wave.id,
      waveLabel: wave.label,
      by: query.by,
      numeric: query.numeric,
      variables,
      groupings: [{ id: 'municipality', text: null }, { id: 'unit', text: null }, ...categorical.map((v) => ({ id: v.id, text: v.text }))],
      rows,
    };
  }

  /** The sample description as a CSV file (see domain/sample-csv.ts for the format). */
  async sampleDescriptionCsv(viewer: Viewer, projectId: string, query: { waveId: string; by: string; numeric: NumericSummary }, language: Language): Promise<SampleDescriptionCsv> {
    const table = await this.sampleDescription(viewer, projectId, { ...query, format: 'csv' });
    const names = new Map(table.rows.flatMap((r) => (r.kind === 'municipality' && r.municipalityId && r.label ? [[r.municipalityId, r.label.nb] as const] : [])));
    const body = sampleDescriptionCsv(table.variables, table.rows, table.numeric, language, (id) => names.get(id) ?? '');
    const safe = table.waveLabel.replace(/[^A-Za-z0-9_-]+/g, '_') || 'wave';
    return { filename: `digikompass-sample-${safe}.csv`, body };
  }

  /** The project (404 when out of the viewer's reach or unknown) and one of its waves (404 otherwise). */
  private async projectWave(viewer: Viewer, projectId: string, waveId: string): Promise<{ project: { id: string; kMin: number }; wave: ResearchWave }> {
    assertProjectAccess(viewer, projectId);
    const project = await this.projectsRepo.get(projectId);
    if (!project) throw new NotFound();
    const wave = (await this.repo.waves([projectId])).find((w) => w.id === waveId);
    if (!wave) throw new NotFound();
    return { project, wave };
  }

  /** The waves' own questionnaires (the first wave's first), then the other versions answered in them. */
  private async instrumentsOf(waves: readonly ResearchWave[]): Promise<Instrument[]> {
    const keys = new Map<string, { id: string; version: string }>();
    for (const w of waves) keys.set(`${w.instrumentId}@${w.instrumentVersion}`, { id: w.instrumentId, version: w.instrumentVersion });
    for (const v of await this.repo.instrumentsAnswered(waves.map((w) => w.id))) keys.set(`${v.id}@${v.version}`, v);
    const out: Instrument[] = [];
    for (const { id, version } of keys.values()) out.push(await this.instruments.get(id, version));
    return out;
  }

  private record(viewer: Viewer, action: string, projectId: string, details: Record<string, unknown>): Promise<void> {
    return this.audit.record(viewer, action, { type: 'project', id: projectId, municipalityId: null }, details);
  }
}
