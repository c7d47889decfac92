/**
 * Training: the training received, what helped and the formats preferred (multiple choice: the share who
 * chose each option, of those who answered the question, with the comparison populations as markers, and
 * by the chosen grouping as a heat map), then the single-choice questions such as the time available for
 * learning, as distributions by group.
 */
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { AnswerInfo, ReleaseBody, ReleaseView } from '../../../contracts/release.js';
import { BarChart, HeatmapTable, StackedDistribution, isSuppressed, type BarDatum, type Figure, type HeatCell, type HeatmapColumn } from '../../components/charts/index.js';
import { useLanguage } from '../../i18n/index.js';
import { distributionOf } from './distribution.js';
import { type Line, askedBase, askedCategories, breakdownGroupings, orderedInfo, rowLine, shareIn, shownGroups, totalLine } from './release-model.js';
import { GroupingSelect, RestNote } from './ReleaseParts.js';
import { useReleaseText } from './useReleaseText.js';
import { WithheldMark } from './Withheld.js';

const TRAINING_SECTION = 'training';

/** The share who chose an option (0–100), of those asked the question, and how many were asked. */
function chosenShare(line: Line, info: AnswerInfo): { value: Figure; n: Figure } {
  const share = shareIn(line, ['chosen'], askedCategories(info));
  return isSuppressed(share) ? { value: share, n: share } : { value: share.share * 100, n: share.n };
}

export function TrainingTab({ view, body, grouping, setGrouping }: { view: ReleaseView; body: ReleaseBody; grouping: string; setGrouping: (g: string) => void }) {
  const { t } = useTranslation();
  const text = useReleaseText(body);
  const items = orderedInfo(body).filter((i) => i.sectionId === TRAINING_SECTION);
  const multi = [...new Set(items.filter((i) => i.kind === 'option').map((i) => i.source))];
  const single = items.filter((i) => i.kind === 'single' || i.kind === 'likert');
  // Only the groupings the release breaks these questions down by (a release holds the breakdowns its views need).
  const choices = breakdownGroupings(body, items.map((i) => i.id));
  const by = choices.includes(grouping) ? grouping : (choices[0] ?? null);
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('results.training.heading')}
      </Heading>
      <Paragraph>{t('results.training.intro')}</Paragraph>
      {by && <GroupingSelect id="training-grouping" groupings={choices} value={by} onChange={setGrouping} text={text} />}
      {by && <RestNote grouping={by} text={text} k={view.k} />}
      {items.length === 0 && <Paragraph>{t('results.training.none')}</Paragraph>}
      {multi.map((source) => (
        <MultiChoice key={source} view={view} body={body} options={items.filter((i) => i.source === source && i.kind === 'option')} grouping={by} />
      ))}
      {single.map((info) => (
        <SingleChoice key={info.id} view={view} body={body} info={info} grouping={by} />
      ))}
    </div>
  );
}

function MultiChoice({ view, body, options, grouping }: { view: ReleaseView; body: ReleaseBody; options: AnswerInfo[]; grouping: string | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const text = useReleaseText(body);
  const first = options[0]!;
  const question = first.text[language];
  const optionLabel = (i: AnswerInfo) => i.labels.chosen?.[language] ?? i.id;
  const references = view.benchmarks.map((b) => ({ id: b.kind, label: text.benchmark(b.kind) }));
  const data: BarDatum[] = options.map((info) => {
    const own = chosenShare(totalLine(body.answers[info.id]!, info), info);
    const refs: Record<string, Figure> = {};
    for (const b of view.benchmarks) {
      const a = b.answers[info.id];
      if (a) refs[b.kind] = chosenShare(totalLine(a, info), info).value;
    }
    return { id: info.id, label: optionLabel(info), value: own.value, n: own.n, references: refs };
  });
  const base = askedBase(totalLine(body.answers[first.id]!, first), first);
  const broken = grouping !== null && options.some((o) => body.answers[o.id]?.byGroup[grouping]);
  const columns: HeatmapColumn[] = [
    { id: 'total', label: view.subject.name, n: base },
    ...(grouping && broken ? shownGroups(body, grouping).map((g) => ({ id: g, label: text.group(grouping, g) })) : []),
  ];
  const rows = options.map((info) => {
    const answer = body.answers[info.id]!;
    const cells: Record<string, HeatCell> = {};
    const cell = (line: Line): HeatCell => {
      const s = chosenShare(line, info);
      return isSuppressed(s.value) ? s.value : isSuppressed(s.n) ? s.n : { value: s.value, n: s.n };
    };
    cells.total = cell(totalLine(answer, info));
    const breakdown = grouping ? answer.byGroup[grouping] : undefined;
    for (const c of columns.slice(1)) cells[c.id] = breakdown ? cell(rowLine(breakdown, c.id)) : { suppressed: true, reason: 'protected' };
    return { id: info.id, label: optionLabel(info), cells };
  });
  return (
    <section className="stack scale-block" aria-labelledby={`training-${first.source}`}>
      <Heading level={3} data-size="xs" id={`training-${first.source}`}>
        {question}
      </Heading>
      <BarChart caption={t('results.training.chosenCaption', { question })} base={base} k={view.k} kind="percent" data={data} references={references} valueLabel={t('results.training.chosen')} />
      {grouping && broken && <HeatmapTable
        caption={t('results.training.byGroupCaption', { question, grouping: text.groupingInText(grouping) })}
        base={base}
        k={view.k}
        rowHeader={t('results.items.option')}
        columns={columns}
        sections={[{ id: 'options', rows }]}
        kind="percent"
        hiddenCell={(cell) => <WithheldMark figure={cell} k={view.k} />}
      />}
    </section>
  );
}

function SingleChoice({ view, body, info, grouping }: { view: ReleaseView; body: ReleaseBody; info: AnswerInfo; grouping: string | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const text = useReleaseText(body);
  const d = distributionOf(view, body, info, grouping, text);
  return (
    <section className="stack scale-block" aria-labelledby={`training-${info.id.replace(/[^\w-]/g, '-')}`}>
      <Heading level={3} data-size="xs" id={`training-${info.id.replace(/[^\w-]/g, '-')}`}>
        {info.text[language]}
      </Heading>
      <StackedDistribution
        caption={grouping && body.answers[info.id]?.byGroup[grouping] !== undefined ? t('results.training.distributionCaption', { question: info.text[language], grouping: text.groupingInText(grouping) }) : info.text[language]}
        base={d.base}
        k={view.k}
        categories={d.categories}
        groups={d.groups}
        scale="unordered"
        note={d.noBreakdown ? t('results.noBreakdown') : undefined}
      />
    </section>
  );
}
