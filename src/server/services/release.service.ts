/**
 * Frozen releases (docs/disclosure.md): built once per wave and subject when the wave closes (job
 * `build_releases`) or, for one municipality, earlier when a platform admin chooses (job `build_release`),
 * stored, and served to every viewer from storage. Nothing is recomputed afterwards — not after late
 * answers, not after a withdrawal — so no two versions of a table exist to be subtracted.
 *
 * What a viewer sees consists of releases of disjoint populations only:
 * - a municipality leader: their municipality ('municipality'), the other opted-in municipalities of its region
 *   ('region_rest') and the opted-in municipalities outside the region ('outside_region');
 * - a unit leader: the same with only their own unit's rows of the unit breakdowns;
 * - a region coordinator: the region's opted-in members by municipality ('region') and 'outside_region'.
 */
import type { Instrument, LocalizedText } from '../../contracts/instrument.js';
import type { AnswerInfo, ReleaseBody, ReleasedAnswer, ReleaseView } from '../../contracts/release.js';
import { protectRelease } from '../../domain/disclosure/release.js';
import { answerableItems } from '../../domain/instrument.js';
import { COUNTIES, splitByAttributes } from '../../domain/municipality-attributes.js';
import { LOCAL_SECTION_ID } from '../../domain/local-items.js';
import { type AnswerMeta, type GroupingDef, NO_GROUP, protectMeans, ReleaseCounter } from '../../domain/release-spec.js';
import type { Clock } from '../adapters/clock.js';
import { Conflict, NotFound, ValidationFailed } from '../errors.js';
import type { InfrastructureRepository } from '../repositories/infrastructure.repository.js';
import type { ProjectRepository } from '../repositories/project.repository.js';
import type { ReleaseKind, ReleaseRepository, ReleaseResponse } from '../repositories/release.repository.js';
import type { WaveRecord, WaveRepository } from '../repositories/wave.repository.js';
import { scopeOf, type Viewer } from './access.js';
import type { AuditService } from './audit.service.js';
import type { InstrumentService } from './instrument.service.js';
import type { LocalItemService } from './local-item.service.js';
import type { MunicipalityAttributesService } from './municipality-attributes.service.js';

/** Background items that are groupings of a municipality's release (when the instrument has them). */
const BACKGROUND_GROUPINGS = [
  { id: 'profession', item: 'dk:profession' },
  { id: 'age', item: 'dk:age' },
  { id: 'education', item: 'dk:education' },
] as const;

export const BUILD_RELEASE_JOB = 'build_release';

type Participant = Awaited<ReturnType<ReleaseRepository['participants']>>[number];

/** A release being built: its municipalities' responses are counted with add(), then finish() protects it. */
interface PendingRelease {
  municipalityIds: readonly string[];
  add(r: ReleaseResponse): void;
  finish(): ReleaseBody;
}

export class ReleaseService {
  constructor(
    private readonly repo: ReleaseRepository,
    private readonly waves: WaveRepository,
    private readonly projects: ProjectRepository,
    private readonly instruments: InstrumentService,
    private readonly localItems: LocalItemService,
    private readonly attributes: Pick<MunicipalityAttributesService, 'breakdownMunicipalities'>,
    private readonly infrastructure: InfrastructureRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---- Building

  /** The periodic job: every closed wave's municipalities without a release get theirs (and the benchmarks). */
  async buildDue(): Promise<number> {
    const due = await this.repo.due(this.clock.now());
    for (const d of due) await this.buildFor(d.waveId, d.municipalityId, { early: false, by: null });
    return due.length;
  }

  /** A platform admin releases one municipality's results before the wave closes: queued, built by the job. */
  async requestEarly(viewer: Viewer, waveId: string, municipalityId: string): Promise<void> {
    const wave = await this.waves.get(scopeOf(viewer), waveId);
    if (!wave) throw new NotFound('wave_not_found');
    const participants = await this.repo.participants(wave.projectId);
    if (!participants.some((p) => p.municipalityId === municipalityId)) throw new NotFound();
    if (await this.repo.exists(waveId, 'municipality', municipalityId)) throw new Conflict('already_released');
    const project = await this.projects.get(wave.projectId);
    if (!project) throw new NotFound();
    if ((await this.repo.responseCount(waveId, municipalityId)) < project.kMin) {
      throw new ValidationFailed([{ path: 'municipalityId', code: 'too_few_responses' }]);
    }
    await this.infrastructure.enqueueJob({
      kind: BUILD_RELEASE_JOB,
      payload: { waveId, municipalityId, by: viewer.accountId },
      runAt: this.clock.now(),
      dedupeKey: `release:${waveId}:${municipalityId}`,
    });
    await this.audit.record(viewer, 'release.requested', { type: 'wave', id: waveId, municipalityId }, { early: true });
  }

  /** Builds what a municipality's leaders need: its own release and its benchmarks (each only once). */
  async buildFor(waveId: string, municipalityId: string, opts: { early: boolean; by: string | null }): Promise<void> {
    const wave = await this.waves.get({ kind: 'platform' }, waveId);
    if (!wave) return;
    const project = await this.projects.get(wave.projectId);
    if (!project) return;
    const k = project.kMin;
    const participants = await this.repo.participants(wave.projectId);
    const self = participants.find((p) => p.municipalityId === municipalityId);
    if (!self) return;
    const base = { waveId, k, early: opts.early, createdBy: opts.by };
    const others = participants.filter((p) => p.optIn && p.municipalityId !== municipalityId);

    // The releases still missing, in this order; their responses are read in one pass (a respondent of this
    // municipality is in its release and in the region's, one of another municipality in several benchmarks).
    const todo: { kind: ReleaseKind; subjectId: string; pending: PendingRelease }[] = [];
    if (!(await this.repo.exists(waveId, 'municipality', municipalityId))) {
      const units = await this.repo.unitNames(municipalityId);
      todo.push({ kind: 'municipality', subjectId: municipalityId, pending: await this.prepare(wave, 'municipality', [municipalityId], k, { served: true, unitGroups: units }) });
    }
    if (self.regionId && !(await this.repo.exists(waveId, 'region_rest', municipalityId))) {
      const members = others.filter((p) => p.regionId === self.regionId).map((p) => p.municipalityId);
      todo.push({ kind: 'region_rest', subjectId: municipalityId, pending: await this.prepare(wave, 'region_rest', members, k, {}) });
    }
    // Opted-in municipalities outside the subject's region (outside the municipality itself when it has none).
    const outsideId = self.regionId ?? self.municipalityId;
    if (!(await this.repo.exists(waveId, 'outside_region', outsideId))) {
      const members = participants
        .filter((p) => p.optIn && (self.regionId ? p.regionId !== self.regionId : p.municipalityId !== self.municipalityId))
        .map((p) => p.municipalityId);
      todo.push({ kind: 'outside_region', subjectId: outsideId, pending: await this.prepare(wave, 'outside_region', members, k, {}) });
    }
    // A region's own release waits for the wave to close (an early release is about one municipality).
    if (self.regionId && !opts.early && !(await this.repo.exists(waveId, 'region', self.regionId))) {
      const members = participants.filter((p) => p.optIn && p.regionId === self.regionId);
      todo.push({ kind: 'region', subjectId: self.regionId, pending: await this.prepare(wave, 'region', members.map((p) => p.municipalityId), k, { municipalityGroups: members }) });
    }
    if (todo.length === 0) return;
    // Each release gets its respondents in the order its own read would give them (by id), so its sums are the same.
    const readers = new Map<string, PendingRelease[]>();
    for (const { pending } of todo) for (const m of pending.municipalityIds) readers.set(m, [...(readers.get(m) ?? []), pending]);
    for await (const page of this.repo.responses(waveId, [...readers.keys()])) {
      for (const r of page) for (const p of readers.get(r.municipalityId) ?? []) p.add(r);
    }
    for (const t of todo) {
      const body = t.pending.finish();
      await this.repo.save({ ...base, kind: t.kind, subjectId: t.subjectId, respondents: countOf(body), body });
    }
  }

  /** Everything a release needs before its responses are counted; add() counts one, finish() protects and describes. */
  private async prepare(
    wave: WaveRecord,
    kind: ReleaseBody['kind'],
    municipalityIds: readonly string[],
    k: number,
    opts: { served?: boolean; unitGroups?: { id: string; name: string }[]; municipalityGroups?: Participant[] },
  ): Promise<PendingRelease> {
    // Forms: one per instrument version answered (a municipality's release: as served, with its local systems).
    const forms = new Map<string, Instrument>();
    const used = await this.repo.formsUsed(wave.id, municipalityIds);
    if (!used.some((u) => u.instrumentId === wave.instrumentId && u.instrumentVersion === wave.instrumentVersion)) {
      used.unshift({ instrumentId: wave.instrumentId, instrumentVersion: wave.instrumentVersion });
    }
    for (const u of used) {
      const served = opts.served
        ? await this.localItems.served({ ...u, waveId: wave.id, municipalityId: municipalityIds[0]!, opensAt: wave.opensAt })
        : await this.instruments.get(u.instrumentId, u.instrumentVersion);
      forms.set(`${u.instrumentId}@${u.instrumentVersion}`, served);
    }
    const groupings: GroupingDef[] = [];
    if (opts.unitGroups) groupings.push({ id: 'unit', groups: opts.unitGroups.map((u) => u.id) });
    if (opts.municipalityGroups) groupings.push({ id: 'municipality', groups: opts.municipalityGroups.map((m) => m.municipalityId) });
    // Municipality attributes: a dimension the municipalities differ in is a grouping (benchmarks and a
    // region); one they share is recorded, so views can add releases up by size class, county, … .
    const members = await this.attributes.breakdownMunicipalities(municipalityIds);
    const split = splitByAttributes(members, NO_GROUP);
    for (const g of split.groupings) groupings.push({ id: g.id, groups: g.groups });
    const names = { county: new Map(members.map((m) => [m.countyCode ?? '', m.countyName])), region: new Map(members.map((m) => [m.regionId ?? '', m.regionName])) };
    const attributeName = (dimension: string, group: string) =>
      dimension === 'county' ? (names.county.get(group) ?? COUNTIES[group] ?? null) : dimension === 'region' ? (names.region.get(group) ?? null) : null;
    const first = forms.values().next().value!;
    const present = new Set(answerableItems(first).map((a) => a.id));
    const background = BACKGROUND_GROUPINGS.filter((g) => present.has(g.item) && (kind === 'municipality' || g.id === 'profession'));
    for (const g of background) groupings.push({ id: g.id, groups: optionValues(first, g.item) });
    // The release counts its respondents through its groupings: one that holds everyone when there is none.
    if (groupings.length === 0) groupings.push({ id: 'all', groups: ['all'] });

    // Every breakdown is a block to audit, so a release holds those its views show: scale levels by every
    // grouping (the score views), technologies and local systems by unit in a municipality and by
    // municipality in a region (the heat-maps); other items as totals.
    const heatMapBy = kind === 'municipality' ? ['unit'] : kind === 'region' ? ['municipality'] : [];
    const counter = new ReleaseCounter(forms, {
      groupings,
      exclude: new Set(background.map((g) => g.item)),
      breakdowns: (m) => (m.kind === 'level' ? groupings.map((g) => g.id) : isTechnology(m.source) ? heatMapBy : []),
    });
    const add = (r: ReleaseResponse) => {
      const groups: Record<string, string> = { all: 'all', unit: r.unitId ?? NO_GROUP, municipality: r.municipalityId };
      for (const g of split.groupings) groups[g.id] = g.of[r.municipalityId] ?? NO_GROUP;
      for (const g of background) groups[g.id] = typeof r.answers[g.item] === 'string' ? (r.answers[g.item] as string) : NO_GROUP;
      counter.add({ form: `${r.instrumentId}@${r.instrumentVersion}`, groups, answers: r.answers });
    };
    const finish = (): ReleaseBody => {
      const built = counter.result();
      const release = protectRelease(built.spec, { k });
      const means = protectMeans(built, release);
      const groupLabels = Object.fromEntries(background.map((g) => [g.id, optionLabels(first, g.item)])) as Record<string, Record<string, LocalizedText> | undefined>;
      const groupNames = new Map<string, string>([...(opts.unitGroups ?? []).map((u) => [u.id, u.name] as const), ...(opts.municipalityGroups ?? []).map((m) => [m.municipalityId, m.name] as const)]);
      const nameOf = (grouping: string, id: string) => groupNames.get(id) ?? attributeName(grouping, id);
      return {
        kind,
        k,
        respondents: release.respondents,
        groupings: Object.fromEntries(
          Object.entries(release.groupings).map(([g, r]) => [
            g,
            {
              groups: Object.entries(r.groups).map(([id, figure]) => ({ id, name: nameOf(g, id), figure })),
              rest: r.rest,
              // The background groupings' option labels, for the views (profession, age, education).
              ...(groupLabels[g] ? { labels: groupLabels[g] } : {}),
            },
          ]),
        ),
        answers: release.answers,
        means,
        attributes: Object.fromEntries([
          ...Object.entries(split.same).map(([d, group]) => [d, { same: group, name: attributeName(d, group) }]),
          ...split.groupings.map((g) => [g.id, { same: null, name: null }]),
        ]),
        // Benchmarks are shown beside the subject's own release, with its texts: theirs would only repeat them.
        ...(kind === 'municipality' || kind === 'region' ? describe([...forms.values()], built.meta) : { info: [], sections: [], scales: [], levels: [] }),
      };
    };
    return { municipalityIds, add, finish };
  }

  // ---- Viewing

  /** The release view for a viewer: their subject's release, its benchmarks and the previous wave's release. */
  async view(viewer: Viewer, waveId: string, requested: { municipalityId?: string; regionId?: string }): Promise<string> {
    const scope = scopeOf(viewer);
    const wave = await this.waves.get(scope, waveId);
    if (!wave) throw new NotFound();
    const participants = await this.repo.participants(wave.projectId);
    let subject: { kind: 'municipality' | 'region'; id: string; name: string };
    let unitId: string | null = null;
    if (scope.kind === 'region' || (scope.kind === 'platform' && requested.regionId)) {
      const regionId = scope.kind === 'region' ? scope.regionId : requested.regionId!;
      if (requested.regionId && requested.regionId !== regionId) throw new NotFound();
      // A coordinator may name one of the region's members (a link from its page): the view is still the region's.
      if (requested.municipalityId && !participants.some((p) => p.municipalityId === requested.municipalityId && p.regionId === regionId)) throw new NotFound();
      const name = await this.repo.regionName(regionId);
      if (!name) throw new NotFound();
      subject = { kind: 'region', id: regionId, name };
    } else {
      const municipalityId = scope.kind === 'platform' ? requested.municipalityId : scope.kind === 'municipality' || scope.kind === 'unit' ? scope.municipalityId : undefined;
      if (!municipalityId) {
        if (scope.kind === 'platform') throw new ValidationFailed([{ path: 'municipalityId', code: 'municipality_required' }]);
        throw new NotFound();
      }
      if (requested.municipalityId && requested.municipalityId !== municipalityId) throw new NotFound();
      const p = participants.find((x) => x.municipalityId === municipalityId);
      if (!p) throw new NotFound();
      subject = { kind: 'municipality', id: municipalityId, name: p.name };
      if (scope.kind === 'unit') unitId = scope.unitId;
    }

    const project = await this.projects.get(wave.projectId);
    if (!project) throw new NotFound();
    const self = subject.kind === 'municipality' ? participants.find((p) => p.municipalityId === subject.id)! : null;
    const regionId = subject.kind === 'region' ? subject.id : self?.regionId ?? null;
    const ownKind: ReleaseKind = subject.kind === 'region' ? 'region' : 'municipality';
    const own = await this.repo.find(waveId, ownKind, subject.id);
    const benchmarkKeys: [ReleaseKind, string][] =
      subject.kind === 'region' ? [['outside_region', subject.id]] : [...(regionId ? [['region_rest', subject.id] as [ReleaseKind, string]] : []), ['outside_region', regionId ?? subject.id]];
    const benchmarks = own ? (await Promise.all(benchmarkKeys.map(([kind, id]) => this.repo.find(waveId, kind, id)))).filter((b) => b !== undefined) : [];
    const previousWave = await this.waves.previousInProject(waveId);
    const previous = own && previousWave ? await this.repo.find(previousWave.id, ownKind, subject.id) : undefined;

    const body = (raw: string) => (unitId ? JSON.stringify(onlyUnit(JSON.parse(raw) as ReleaseBody, unitId)) : raw);
    // The bodies are stored JSON: they are spliced into the envelope as they are (no parse and re-serialise).
    const envelope = {
      waveId,
      waveLabel: wave.label,
      subject,
      unitId,
      status: own ? 'released' : 'not_released',
      releasedAt: own ? own.createdAt.toISOString() : null,
      early: own?.early ?? false,
      k: own?.k ?? project.kMin,
    } satisfies Omit<ReleaseView, 'own' | 'benchmarks' | 'previous'>;
    const head = JSON.stringify(envelope).slice(0, -1);
    // The change view needs the previous wave's head counts and means only.
    const prevBody = (raw: string): string => {
      const b = JSON.parse(body(raw)) as ReleaseBody;
      return JSON.stringify({ ...b, answers: {}, info: [], sections: [], scales: [], levels: [] } satisfies ReleaseBody);
    };
    const prev = previous && previousWave ? `{"waveId":${JSON.stringify(previousWave.id)},"waveLabel":${JSON.stringify(previousWave.label)},"own":${prevBody(previous.body)}}` : 'null';
    return `${head},"own":${own ? body(own.body) : 'null'},"benchmarks":[${benchmarks.map((b) => b.body).join(',')}],"previous":${prev}}`;
  }
}

/** The items of the technology heat-map: use of and confidence with each technology and system, and local systems. */
export const isTechnology = (itemId: string) => /^dk:(use|conf)_/.test(itemId) || itemId.startsWith('local:');

function countOf(body: ReleaseBody): number {
  return body.respondents.shown ? body.respondents.n : 0;
}

function optionValues(instrument: Instrument, itemId: string): string[] {
  const a = answerableItems(instrument).find((x) => x.id === itemId);
  return a && (a.item.type === 'single' || a.item.type === 'multi') ? a.item.options.map((o) => o.value) : [];
}

function optionLabels(instrument: Instrument, itemId: string): Record<string, LocalizedText> {
  const a = answerableItems(instrument).find((x) => x.id === itemId);
  return a && (a.item.type === 'single' || a.item.type === 'multi') ? Object.fromEntries(a.item.options.map((o) => [o.value, o.label])) : {};
}

/** A unit leader's copy: the unit breakdowns keep only their unit's row; the other groupings go. */
function onlyUnit(body: ReleaseBody, unitId: string): ReleaseBody {
  const unit = body.groupings.unit;
  const answers: ReleaseBody['answers'] = {};
  for (const [id, a] of Object.entries(body.answers)) {
    const b = a.byGroup.unit;
    const cells = b?.cells[unitId];
    const byGroup: ReleasedAnswer['byGroup'] = {};
    if (b !== undefined) byGroup.unit = b && cells ? { ...b, rows: b.rows.filter((r) => r.id === unitId), cells: { [unitId]: cells }, merged: {} } : null;
    answers[id] = { ...a, byGroup };
  }
  const means: ReleaseBody['means'] = {};
  for (const [scale, m] of Object.entries(body.means)) {
    const cell = m.byGroup.unit?.[unitId];
    means[scale] = { total: m.total, byGroup: cell ? { unit: { [unitId]: cell } } : {} };
  }
  return { ...body, groupings: unit ? { unit: { groups: unit.groups.filter((g) => g.id === unitId), rest: null } } : {}, answers, means };
}

/** Texts for the views, from the forms as they were when the release was built. */
function describe(forms: Instrument[], meta: AnswerMeta[]): Pick<ReleaseBody, 'info' | 'sections' | 'scales' | 'levels' | 'levelDescriptions' | 'levelCutPoints'> {
  const items = new Map<string, { sectionId: string; text: LocalizedText; labels: Record<string, LocalizedText> }>();
  const sections = new Map<string, LocalizedText>();
  const scales = new Map<string, { id: string; kind: string; label: LocalizedText; form: string }>();
  for (const f of forms) {
    for (const s of f.sections) if (!sections.has(s.id)) sections.set(s.id, s.title);
    for (const s of f.scales) if (!scales.has(s.id)) scales.set(s.id, { id: s.id, kind: s.kind, label: s.label, form: f.form });
    for (const a of answerableItems(f)) {
      if (items.has(a.id)) continue;
      const labels: Record<string, LocalizedText> = {};
      if (a.item.type === 'single' || a.item.type === 'multi') for (const o of a.item.options) labels[o.value] = o.label;
      if (a.scale) {
        for (const p of a.scale.points) labels[String(p.value)] = p.label;
        if (a.scale.notApplicable) labels.na = a.scale.notApplicable;
      }
      items.set(a.id, { sectionId: a.sectionId, text: a.text, labels });
    }
  }
  const levels = forms[0]?.levels.labels ?? [];
  const info: AnswerInfo[] = meta.map((m) => {
    if (m.kind === 'level') {
      const scale = scales.get(m.source);
      return { id: m.id, kind: m.kind, source: m.source, sectionId: 'scales', categories: m.categories, text: scale?.label ?? same(m.source), labels: Object.fromEntries(levels.map((l, i) => [String(i), l])) };
    }
    if (m.kind === 'form') {
      return { id: m.id, kind: m.kind, source: m.source, sectionId: 'form', categories: m.categories, text: same('form'), labels: Object.fromEntries(m.categories.map((c, i) => [c, forms[i]?.title ?? same(c)])) };
    }
    const item = items.get(m.source);
    const labels = m.kind === 'option' ? { chosen: item?.labels[m.id.slice(m.source.length + 1)] ?? same(m.id) } : (item?.labels ?? {});
    return { id: m.id, kind: m.kind, source: m.source, sectionId: item?.sectionId ?? LOCAL_SECTION_ID, categories: m.categories, text: item?.text ?? same(m.id), labels };
  });
  const levelDescriptions = forms[0]?.levels.descriptions ?? [];
  const levelCutPoints = forms[0]?.levels.cutPoints ?? [];
  return { info, sections: [...sections].map(([id, title]) => ({ id, title })), scales: [...scales.values()], levels, levelDescriptions, levelCutPoints };
}

const same = (s: string): LocalizedText => ({ nb: s, nn: s, en: s });

