/**
 * Results for leaders (their own municipality) and platform admins (any municipality): choose a wave,
 * follow participation while it runs (refreshed every 30 s), and once it has closed read each scale's
 * mean (and, for areas and aspects, the distribution over the levels) for the municipality and its units,
 * then the answer counts of the choice items for the whole municipality. A hidden figure is shown as a
 * tag with the reason, never as a number or a blank.
 */
import { Alert, Button, Heading, Paragraph, Spinner, Table, Tag } from '@digdir/designsystemet-react';
import { SelectField } from '../../components/SelectField.js';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountFigure, FormScaleResults, ItemResult, ItemResults, Participation, ScaleFigure, ScaleResults, Wave } from '../../../contracts/api.js';
import { hasLevels } from '../../../domain/scoring.js';
import { ApiError } from '../../api.js';
import { useApi } from '../../components/useApi.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useFormat, useLanguage } from '../../i18n/index.js';
import { formKey, scaleKindKeys, suppressedKeys, waveStatusKeys } from '../../i18n/keys.js';
import { useSession } from '../auth/session.js';
import { CompletionTimeSection } from './CompletionTime.js';
import { fetchItemResults, fetchMunicipalities, fetchParticipation, fetchResults, fetchWaves } from './results.api.js';
import './results.css';

const REFRESH_MS = 30_000;

/** The wave a leader most likely wants: the open one, else the latest. */
function defaultWave(waves: Wave[]): Wave | undefined {
  const latest = [...waves].sort((a, b) => b.opensAt.localeCompare(a.opensAt));
  return latest.find((w) => w.status === 'open') ?? latest[0];
}

export function ResultsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { session } = useSession();
  const isAdmin = session?.account.role === 'platform_admin';
  useDocumentTitle(t('results.title'));

  const waves = useApi('waves', fetchWaves);
  const municipalities = useApi('municipalities', fetchMunicipalities);
  const [waveId, setWaveId] = useState('');
  const [municipalityId, setMunicipalityId] = useState('');

  useEffect(() => {
    if (waves.state === 'ready' && !waveId) setWaveId(defaultWave(waves.data)?.id ?? '');
  }, [waves, waveId]);
  useEffect(() => {
    if (municipalities.state !== 'ready' || municipalityId) return;
    const own = session?.account.municipalityId;
    setMunicipalityId(own ?? municipalities.data[0]?.id ?? '');
  }, [municipalities, municipalityId, session]);

  const wave = waves.data?.find((w) => w.id === waveId);
  const municipality = municipalities.data?.find((m) => m.id === municipalityId);
  const scope = isAdmin ? municipalityId || null : null;

  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t('results.title')}
      </Heading>
      {waves.state === 'failed' && <LoadFailed />}
      {waves.state === 'ready' && waves.data.length === 0 && <Paragraph>{t('results.noWaves')}</Paragraph>}
      <div className="filters">
        {isAdmin && municipalities.data && (
          <SelectField
            id="results-municipality"
            width="auto"
            label={t('results.municipality')}
            value={municipalityId}
            onChange={setMunicipalityId}
            options={municipalities.data.map((m) => ({ value: m.id, label: m.name }))}
          />
        )}
        {waves.data && waves.data.length > 0 && (
          <SelectField
            id="results-wave"
            width="auto"
            label={t('results.wave')}
            value={waveId}
            onChange={setWaveId}
            options={waves.data.map((w) => ({ value: w.id, label: `${w.label} (${t(waveStatusKeys[w.status])})` }))}
          />
        )}
      </div>
      {wave && (
        <Paragraph data-size="sm">
          {t('results.wavePeriod', { opens: format.date(wave.opensAt), closes: format.date(wave.closesAt) })}
        </Paragraph>
      )}
      {wave && (!isAdmin || scope) && (
        <>
          <ParticipationSection key={`${wave.id}-${scope ?? ''}`} wave={wave} municipalityId={scope} municipalityName={municipality?.name} />
          {wave.status === 'closed' ? (
            <>
              <ScaleResultsSection key={`r-${wave.id}-${scope ?? ''}`} wave={wave} municipalityId={scope} municipalityName={municipality?.name} />
              <ItemResultsSection key={`i-${wave.id}-${scope ?? ''}`} wave={wave} municipalityId={scope} />
            </>
          ) : (
            <section aria-labelledby="scales-heading" className="stack">
              <Heading level={2} data-size="sm" id="scales-heading">
                {t('results.scales.heading')}
              </Heading>
              <Paragraph>{t('results.scales.afterClose', { date: format.date(wave.closesAt) })}</Paragraph>
            </section>
          )}
        </>
      )}
    </div>
  );
}

function LoadFailed() {
  const { t } = useTranslation();
  return (
    <Alert data-color="warning">
      <Paragraph>{t('results.loadFailed')}</Paragraph>
    </Alert>
  );
}

function ParticipationSection({ wave, municipalityId, municipalityName }: { wave: Wave; municipalityId: string | null; municipalityName?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const participation = useApi<Participation>(`${wave.id}-${municipalityId ?? ''}`, () => fetchParticipation(wave.id, municipalityId));
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [announce, setAnnounce] = useState('');
  const { reload } = participation;

  useEffect(() => {
    if (participation.state === 'ready') setUpdatedAt(new Date());
  }, [participation.state, participation.data]);

  // Refresh while the page is open and visible.
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const refresh = async () => {
    await reload();
    setAnnounce(t('results.participation.refreshed', { time: format.time(new Date()) }));
  };

  const rate = (responses: number, staff: number) => (staff > 0 ? format.percent(responses / staff) : t('results.participation.noStaff'));
  const data = participation.data;
  return (
    <section aria-labelledby="participation-heading" className="stack">
      <div className="section-head">
        <Heading level={2} data-size="sm" id="participation-heading">
          {wave.status === 'closed' ? t('results.participation.headingClosed') : t('results.participation.heading')}
        </Heading>
        <Button variant="secondary" data-size="sm" onClick={() => void refresh()} loading={participation.state === 'loading' && !!data}>
          {t('results.participation.refresh')}
        </Button>
      </div>
      <Paragraph data-size="sm" role="status" className="muted">
        {announce}
      </Paragraph>
      {participation.state === 'failed' && <LoadFailed />}
      {!data && participation.state === 'loading' && <Spinner aria-label={t('common.loading')} />}
      {data && updatedAt && (
        <Paragraph data-size="sm" className="muted">
          {t('results.participation.updated', { time: format.time(updatedAt) })}
        </Paragraph>
      )}
      {data && (
        <div className="table-scroll" role="region" aria-labelledby="participation-caption" tabIndex={0}>
          <Table zebra border data-size="sm" className="results-table">
            <caption id="participation-caption" className="ds-sr-only">
              {t('results.participation.caption', { wave: wave.label, municipality: municipalityName ?? '' })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('results.participation.unit')}</Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">
                  {t('results.participation.responses')}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">
                  {t('results.participation.staff')}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" className="num">
                  {t('results.participation.rate')}
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {data.units.map((unit) => (
                <Table.Row key={unit.unitId ?? 'none'}>
                  <Table.HeaderCell scope="row">{unit.name ?? t('results.unitNotGiven')}</Table.HeaderCell>
                  <Table.Cell className="num">{format.number(unit.responses)}</Table.Cell>
                  <Table.Cell className="num">{format.number(unit.staff)}</Table.Cell>
                  <Table.Cell className="num">{rate(unit.responses, unit.staff)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
            <Table.Foot>
              <Table.Row>
                <Table.HeaderCell scope="row">{t('results.participation.total')}</Table.HeaderCell>
                <Table.Cell className="num">{format.number(data.responses)}</Table.Cell>
                <Table.Cell className="num">{format.number(data.staff)}</Table.Cell>
                <Table.Cell className="num">{rate(data.responses, data.staff)}</Table.Cell>
              </Table.Row>
            </Table.Foot>
          </Table>
        </div>
      )}
      {data && <CompletionTimeSection forms={data.completionTime.forms} k={data.completionTime.kMin} />}
    </section>
  );
}

function ScaleResultsSection({ wave, municipalityId, municipalityName }: { wave: Wave; municipalityId: string | null; municipalityName?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const results = useApi<ScaleResults>(`${wave.id}-${municipalityId ?? ''}`, () => fetchResults(wave.id, municipalityId));
  const data = results.data;
  return (
    <section aria-labelledby="scales-heading" className="stack">
      <Heading level={2} data-size="sm" id="scales-heading">
        {t('results.scales.heading')}
      </Heading>
      {results.state === 'failed' &&
        (results.error instanceof ApiError && results.error.status === 409 ? (
          <Paragraph>{t('results.scales.afterClose', { date: format.date(wave.closesAt) })}</Paragraph>
        ) : (
          <LoadFailed />
        ))}
      {!data && results.state === 'loading' && <Spinner aria-label={t('common.loading')} />}
      {data && (
        <>
          <Paragraph>{t('results.scales.intro', { k: data.kMin })}</Paragraph>
          {data.otherForms.length > 0 && <Paragraph data-size="sm">{t('results.scales.formLabel', { form: t(formKey(data.form)) })}</Paragraph>}
          <FormScales results={data} kMin={data.kMin} idPrefix="own" municipalityName={municipalityName} />
          {data.otherForms.map((form, index) => (
            <section key={`${form.instrumentId}@${form.instrumentVersion}`} aria-labelledby={`other-form-${index}-heading`} className="stack other-form">
              <Heading level={3} data-size="sm" id={`other-form-${index}-heading`}>
                {t('results.scales.otherForm', { form: t(formKey(form.form)) })}
              </Heading>
              <Paragraph>{t('results.scales.otherFormIntro', { k: data.kMin })}</Paragraph>
              <FormScales results={form} kMin={data.kMin} idPrefix={`other-${index}`} municipalityName={municipalityName} headingLevel={4} />
            </section>
          ))}
        </>
      )}
    </section>
  );
}

/** The order of the scale groups; a kind not listed here is shown with 'other'. */
const SCALE_KINDS = ['area', 'aspect', 'trust', 'other'] as const;
const kindGroup = (kind: string) => SCALE_KINDS.find((k) => k === kind) ?? 'other';

/** The scales of one form, grouped by kind, with the level legend before the first group that has levels. */
function FormScales({
  results,
  kMin,
  idPrefix,
  municipalityName,
  headingLevel = 3,
}: {
  results: FormScaleResults;
  kMin: number;
  /** Keeps element ids unique when several forms are shown. */
  idPrefix: string;
  municipalityName?: string;
  headingLevel?: 3 | 4;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  let legendShown = false;
  return (
    <>
      {SCALE_KINDS.map((kind) => {
        const scales = results.scales.filter((s) => kindGroup(s.kind) === kind);
        if (scales.length === 0) return null;
        const legend = !legendShown && scales.some((s) => hasLevels(s.kind)) && results.levelDescriptions.length > 0;
        if (legend) legendShown = true;
        const headingId = `${idPrefix}-scales-${kind}-heading`;
        return (
          <section key={kind} aria-labelledby={headingId} className="stack">
            <Heading level={headingLevel} data-size="xs" id={headingId}>
              {t(scaleKindKeys[kind])}
            </Heading>
            {legend && <LevelLegend results={results} id={`${idPrefix}-levels`} headingLevel={headingLevel === 3 ? 4 : 5} />}
            {scales.map((scale) => (
              <ScaleTable
                key={scale.id}
                results={results}
                kMin={kMin}
                captionId={`${idPrefix}-scale-${scale.id}-caption`}
                scaleId={scale.id}
                label={scale.label[language]}
                withLevels={hasLevels(scale.kind)}
                municipalityName={municipalityName}
                headingLevel={headingLevel === 3 ? 4 : 5}
              />
            ))}
          </section>
        );
      })}
    </>
  );
}

/** What each proficiency level means, with its score range: the instrument's own descriptions. */
function LevelLegend({ results, id, headingLevel }: { results: FormScaleResults; id: string; headingLevel: 4 | 5 }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const cuts = results.levelCutPoints;
  const score = (value: number) => format.number(value, Number.isInteger(value) ? 0 : 1);
  return (
    <section className="level-legend" aria-labelledby={`${id}-heading`}>
      <Heading level={headingLevel} data-size="2xs" id={`${id}-heading`}>
        {t('results.levels.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('results.levels.intro')}</Paragraph>
      <dl className="level-legend__list">
        {results.levelLabels.map((label, index) => (
          <div key={index} className="level-legend__item">
            <dt>
              <span className="level-legend__label">{label[language]}</span>{' '}
              <span className="level-legend__range">
                {t('results.levels.range', { from: score(index === 0 ? 0 : cuts[index - 1]!), to: score(cuts[index] ?? 100) })}
              </span>
            </dt>
            <dd>{results.levelDescriptions[index]?.[language]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function ScaleTable({
  results,
  kMin,
  captionId,
  scaleId,
  label,
  withLevels,
  municipalityName,
  headingLevel,
}: {
  results: FormScaleResults;
  kMin: number;
  captionId: string;
  scaleId: string;
  label: string;
  withLevels: boolean;
  municipalityName?: string;
  headingLevel: 4 | 5;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  // Trust, worries and confidence are reported by their mean only.
  const levels = withLevels ? results.levelLabels.map((l) => l[language]) : [];
  const caption = withLevels ? t('results.scales.caption', { k: kMin }) : t('results.scales.captionMean', { k: kMin });
  // The whole municipality first, then the units in the order given.
  const groups = [...results.groups].sort((a, b) => Number(a.unitId !== null) - Number(b.unitId !== null));
  return (
    <section className="scale-block" aria-labelledby={captionId}>
      {/* The title and the k note stay above the scrolling box so that they wrap on a phone. */}
      <Heading level={headingLevel} data-size="2xs" id={captionId}>
        {label}
      </Heading>
      <Paragraph data-size="sm" className="muted">
        {caption}
      </Paragraph>
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table border data-size="sm" className="results-table scale-table">
        <caption className="ds-sr-only">
          {label}. {caption}
        </caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t('results.scales.group')}</Table.HeaderCell>
            <Table.HeaderCell scope="col" className="num">
              {t('results.scales.responses')}
            </Table.HeaderCell>
            <Table.HeaderCell scope="col" className="num">
              {t('results.scales.mean')}
            </Table.HeaderCell>
            {levels.map((level) => (
              <Table.HeaderCell scope="col" key={level}>
                {level}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {groups.map((group) => {
            const figure: ScaleFigure | undefined = group.scores[scaleId];
            const name = group.unitId === null ? t('results.scales.wholeMunicipality', { municipality: municipalityName ?? '' }) : (group.name ?? t('results.unitNotGiven'));
            return (
              <Table.Row key={group.unitId ?? 'all'} className={group.unitId === null ? 'row--total' : undefined}>
                <Table.HeaderCell scope="row">{name}</Table.HeaderCell>
                <Table.Cell className="num">
                  {typeof group.responses === 'number' ? format.number(group.responses) : <SuppressedTag reason={group.responses.reason} k={kMin} />}
                </Table.Cell>
                {!figure || figure.suppressed ? (
                  <Table.Cell colSpan={1 + levels.length}>
                    <SuppressedTag reason={figure?.suppressed ? figure.reason : 'below_k'} k={kMin} />
                  </Table.Cell>
                ) : (
                  <>
                    <Table.Cell className="num">{format.number(figure.mean, 1)}</Table.Cell>
                    {levels.map((level, index) => (
                      <Table.Cell key={level}>
                        <LevelShare count={figure.levels?.[index] ?? 0} total={figure.n} />
                      </Table.Cell>
                    ))}
                  </>
                )}
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
      </div>
    </section>
  );
}

function SuppressedTag({ reason, k }: { reason: 'below_k' | 'complementary'; k: number }) {
  const { t } = useTranslation();
  return (
    <Tag data-color="neutral" data-size="sm" className="suppressed">
      {t(suppressedKeys[reason], { k })}
    </Tag>
  );
}

/** A count with its share as text, and a bar that repeats the share for the eye (hidden from screen readers). */
function LevelShare({ count, total }: { count: number; total: number }) {
  const format = useFormat();
  const share = total > 0 ? count / total : 0;
  return (
    <span className="level-share">
      <span className="level-share__text">
        {format.number(count)} ({format.percent(share)})
      </span>
      <span className="level-share__bar" aria-hidden="true">
        <span
          className="level-share__fill"
          // The width is set through the CSSOM (allowed by a strict style-src), not a style attribute.
          ref={(element) => element?.style.setProperty('--share', String(share))}
        />
      </span>
    </span>
  );
}

/**
 * Runs of two or more single-answer items with the same options (how often each technology is used, how
 * confident one is with each local system) become one table, items × options; every other item gets a
 * table of its own.
 */
function groupItems(items: ItemResult[]): ItemResult[][] {
  const sameOptions = (a: ItemResult, b: ItemResult) =>
    a.type !== 'multi' && a.type === b.type && a.options.map((o) => o.value).join('|') === b.options.map((o) => o.value).join('|');
  const groups: ItemResult[][] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && sameOptions(last[0]!, item)) last.push(item);
    else groups.push([item]);
  }
  return groups;
}

function ItemResultsSection({ wave, municipalityId }: { wave: Wave; municipalityId: string | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const results = useApi<ItemResults>(`items-${wave.id}-${municipalityId ?? ''}`, () => fetchItemResults(wave.id, municipalityId));
  const data = results.data;
  return (
    <section aria-labelledby="items-heading" className="stack">
      <Heading level={2} data-size="sm" id="items-heading">
        {t('results.items.heading')}
      </Heading>
      {results.state === 'failed' && !(results.error instanceof ApiError && results.error.status === 409) && <LoadFailed />}
      {!data && results.state === 'loading' && <Spinner aria-label={t('common.loading')} />}
      {data && (
        <>
          <Paragraph>{t('results.items.intro', { k: data.kMin })}</Paragraph>
          {data.sections.map((section) => (
            <section key={section.id} aria-labelledby={`items-${section.id}-heading`} className="stack">
              <Heading level={3} data-size="xs" id={`items-${section.id}-heading`}>
                {section.title[language]}
              </Heading>
              {groupItems(section.items).map((group) =>
                group.length > 1 ? (
                  <ItemMatrix key={group[0]!.id} items={group} k={data.kMin} />
                ) : (
                  <ItemTable key={group[0]!.id} item={group[0]!} k={data.kMin} />
                ),
              )}
            </section>
          ))}
          {data.local.length > 0 && (
            <section aria-labelledby="items-local-heading" className="stack local-items">
              <Heading level={3} data-size="xs" id="items-local-heading">
                {t('results.items.local.heading')}
              </Heading>
              <Paragraph>{t('results.items.local.intro', { k: data.kMin })}</Paragraph>
              {groupItems(data.local).map((group) => (
                <ItemMatrix
                  key={group[0]!.id}
                  items={group}
                  k={data.kMin}
                  caption={group[0]!.type === 'likert' ? t('results.items.local.confidence') : t('results.items.local.use')}
                />
              ))}
            </section>
          )}
        </>
      )}
    </section>
  );
}

/** A count with its share of those who answered, or the reason it is hidden. */
function CountCell({ count, base, k }: { count: CountFigure; base: CountFigure; k: number }) {
  const format = useFormat();
  if (typeof count !== 'number') return <SuppressedTag reason={count.reason} k={k} />;
  return (
    <>
      {format.number(count)}
      {typeof base === 'number' && base > 0 ? ` (${format.percent(count / base)})` : ''}
    </>
  );
}

function ItemTable({ item, k }: { item: ItemResult; k: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const captionId = `item-${item.id.replace(/[^a-z0-9_-]/gi, '-')}-caption`;
  return (
    <div className="table-scroll item-block" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table border data-size="sm" className="results-table item-table">
        <caption id={captionId}>
          {item.text[language]}
          {item.type === 'multi' && <span className="item-note">{t('results.items.multiNote')}</span>}
        </caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t('results.items.answer')}</Table.HeaderCell>
            <Table.HeaderCell scope="col" className="num">
              {t('results.items.count')}
            </Table.HeaderCell>
            <Table.HeaderCell scope="col" className="num">
              {t('results.items.share')}
            </Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {item.options.map((option) => (
            <Table.Row key={option.value}>
              <Table.HeaderCell scope="row">{option.label[language]}</Table.HeaderCell>
              {typeof option.count === 'number' ? (
                <>
                  <Table.Cell className="num">{format.number(option.count)}</Table.Cell>
                  <Table.Cell className="num">{typeof item.n === 'number' && item.n > 0 ? format.percent(option.count / item.n) : '–'}</Table.Cell>
                </>
              ) : (
                <Table.Cell colSpan={2}>
                  <SuppressedTag reason={option.count.reason} k={k} />
                </Table.Cell>
              )}
            </Table.Row>
          ))}
        </Table.Body>
        <Table.Foot>
          <Table.Row className="row--total">
            <Table.HeaderCell scope="row">{t('results.items.answered')}</Table.HeaderCell>
            <Table.Cell className="num" colSpan={2}>
              {typeof item.n === 'number' ? format.number(item.n) : <SuppressedTag reason={item.n.reason} k={k} />}
            </Table.Cell>
          </Table.Row>
        </Table.Foot>
      </Table>
    </div>
  );
}

/** Items with the same options as rows (e.g. one per technology), options as columns. */
function ItemMatrix({ items, k, caption }: { items: ItemResult[]; k: number; caption?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const first = items[0]!;
  const captionId = `item-${first.id.replace(/[^a-z0-9_-]/gi, '-')}-matrix`;
  return (
    <div className="table-scroll item-block" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table border data-size="sm" className="results-table item-table">
        <caption id={captionId}>{caption ?? t('results.items.matrixCaption')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t('results.items.question')}</Table.HeaderCell>
            {first.options.map((option) => (
              <Table.HeaderCell scope="col" className="num" key={option.value}>
                {option.label[language]}
              </Table.HeaderCell>
            ))}
            <Table.HeaderCell scope="col" className="num">
              {t('results.items.answered')}
            </Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {items.map((item) => (
            <Table.Row key={item.id}>
              <Table.HeaderCell scope="row">{item.text[language]}</Table.HeaderCell>
              {typeof item.n === 'number' ? (
                item.options.map((option) => (
                  <Table.Cell className="num" key={option.value}>
                    <CountCell count={option.count} base={item.n} k={k} />
                  </Table.Cell>
                ))
              ) : (
                <Table.Cell colSpan={item.options.length}>
                  <SuppressedTag reason={item.n.reason} k={k} />
                </Table.Cell>
              )}
              <Table.Cell className="num">{typeof item.n === 'number' ? format.number(item.n) : '–'}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
