/**
 * Every question's answers for the whole municipality (or region), by section: runs of questions with the
 * same answers (statements on one scale, the options of a multiple-choice question) as one table, with
 * "not relevant", "no answer" and "not asked" as columns of their own. Percentages are of those asked, and
 * only where the count and that base are both shown. Any question can be broken down by a grouping below.
 */
import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerInfo, ReleaseBody, ReleaseView } from '../../../contracts/release.js';
import { SelectField } from '../../components/SelectField.js';
import { StackedDistribution } from '../../components/charts/index.js';
import { useLanguage } from '../../i18n/index.js';
import { distributionOf } from './distribution.js';
import { MISSING, NOT_ASKED, NOT_RELEVANT, askedBase, breakdownGroupings, orderedInfo, totalLine } from './release-model.js';
import { GroupingSelect, RestNote } from './ReleaseParts.js';
import { ScrollTable } from '../../components/ScrollTable.js';
import { useReleaseText } from './useReleaseText.js';
import { CountText } from './Withheld.js';

const ITEM_KINDS = new Set(['single', 'likert', 'option']);

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

export function ItemsTab({ view, body, grouping, setGrouping }: { view: ReleaseView; body: ReleaseBody; grouping: string; setGrouping: (g: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const items = orderedInfo(body).filter((i) => ITEM_KINDS.has(i.kind));
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('results.items.heading')}
      </Heading>
      <Paragraph>{t('results.items.intro', { k: view.k })}</Paragraph>
      {items.some((i) => breakdownGroupings(body, [i.id]).length > 0) && (
        <Breakdown view={view} body={body} items={items.filter((i) => breakdownGroupings(body, [i.id]).length > 0)} grouping={grouping} setGrouping={setGrouping} />
      )}
      {body.sections.map((section) => {
        const inSection = items.filter((i) => i.sectionId === section.id);
        if (inSection.length === 0) return null;
        return (
          <section key={section.id} className="stack" aria-labelledby={`items-${section.id}`}>
            <Heading level={3} data-size="xs" id={`items-${section.id}`}>
              {section.title[language]}
            </Heading>
            {runs(inSection).map((run) => (
              <ItemMatrix key={run[0]!.id} view={view} body={body} run={run} sectionTitle={section.title[language]} />
            ))}
          </section>
        );
      })}
    </div>
  );
}

function ItemMatrix({ view, body, run, sectionTitle }: { view: ReleaseView; body: ReleaseBody; run: AnswerInfo[]; sectionTitle: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const text = useReleaseText(body);
  const first = run[0]!;
  const k = view.k;
  const isOption = first.kind === 'option';
  const values = first.categories.filter((c) => c !== MISSING && c !== NOT_ASKED);
  const lines = run.map((info) => ({ info, line: totalLine(body.answers[info.id]!, info) }));
  const withOther = lines.some(({ line }) => line.other);
  const caption = isOption
    ? `${first.text[language]} ${t('results.items.multiNote')}`
    : run.length === 1
      ? first.text[language]
      : t('results.items.runCaption', { section: sectionTitle });
  // One question alone: its text is the caption, and its row is the municipality's (or region's).
  const single = !isOption && run.length === 1;
  const header = (c: string) => (isOption && c === 'chosen' ? t('results.categories.chosen') : text.category(first, c));
  return (
    <ScrollTable caption={caption} className="results-table item-table" size="sm">
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell scope="col">{isOption ? t('results.items.option') : single ? t('results.participation.population') : t('results.items.question')}</Table.HeaderCell>
          {values.map((c) => (
            <Table.HeaderCell key={c} scope="col" className={`num${c === NOT_RELEVANT ? ' col--outside' : ''}`}>
              {header(c)}
            </Table.HeaderCell>
          ))}
          <Table.HeaderCell scope="col" className="num col--outside">
            {text.category(first, MISSING)}
          </Table.HeaderCell>
          {withOther && (
            <Table.HeaderCell scope="col" className="num col--outside">
              {t('results.items.hiddenTogether')}
            </Table.HeaderCell>
          )}
          <Table.HeaderCell scope="col" className="num col--base">
            {t('results.items.asked')}
          </Table.HeaderCell>
          <Table.HeaderCell scope="col" className="num col--outside">
            {text.category(first, NOT_ASKED)}
          </Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {lines.map(({ info, line }) => {
          const asked = askedBase(line, info);
          const figure = (c: string) => line.parts.find((p) => p.id === c)?.figure;
          return (
            <Table.Row key={info.id}>
              <Table.HeaderCell scope="row">{isOption ? (info.labels.chosen?.[language] ?? info.id) : single ? view.subject.name : info.text[language]}</Table.HeaderCell>
              {[...values, MISSING].map((c) => (
                <Table.Cell key={c} className="num">
                  <CountText figure={figure(c)} base={asked} k={k} />
                </Table.Cell>
              ))}
              {withOther && <Table.Cell className="num">{line.other ? <CountText figure={line.other.n} k={k} /> : '–'}</Table.Cell>}
              <Table.Cell className="num col--base">
                <CountText figure={asked} k={k} />
              </Table.Cell>
              <Table.Cell className="num">
                <CountText figure={figure(NOT_ASKED)} k={k} />
              </Table.Cell>
            </Table.Row>
          );
        })}
      </Table.Body>
    </ScrollTable>
  );
}

/** One question by a grouping, as a chart and a table, with what "others together" holds and why. */
function Breakdown({ view, body, items, grouping, setGrouping }: { view: ReleaseView; body: ReleaseBody; items: AnswerInfo[]; grouping: string; setGrouping: (g: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const text = useReleaseText(body);
  const [itemId, setItemId] = useState(items[0]?.id ?? '');
  const info = items.find((i) => i.id === itemId);
  const label = (i: AnswerInfo) => (i.kind === 'option' ? `${i.text[language]} – ${i.labels.chosen?.[language] ?? ''}` : i.text[language]);
  // Only the groupings the release breaks this question down by.
  const choices = info ? breakdownGroupings(body, [info.id]) : [];
  const by = choices.includes(grouping) ? grouping : (choices[0] ?? grouping);
  const distribution = info ? distributionOf(view, body, info, by, text, { benchmarks: false }) : null;
  const breakdown = info ? body.answers[info.id]?.byGroup[by] : undefined;
  return (
    <section className="stack breakdown" aria-labelledby="items-breakdown">
      <Heading level={3} data-size="xs" id="items-breakdown">
        {t('results.items.breakdownHeading')}
      </Heading>
      <Paragraph data-size="sm">{t('results.items.breakdownIntro')}</Paragraph>
      <div className="filters">
        <SelectField id="items-question" width="auto" label={t('results.items.question')} value={itemId} onChange={setItemId} options={items.map((i) => ({ value: i.id, label: label(i) }))} />
      </div>
      <GroupingSelect id="items-grouping" groupings={choices} value={by} onChange={setGrouping} text={text} />
      {info && distribution && (
        <>
          <StackedDistribution
            caption={t('results.items.breakdownCaption', { question: label(info), grouping: text.groupingInText(by) })}
            base={distribution.base}
            k={view.k}
            categories={distribution.categories}
            groups={distribution.groups}
            scale={info.kind === 'likert' || info.kind === 'level' ? 'ordered' : 'unordered'}
            note={distribution.noBreakdown ? t('results.noBreakdown') : undefined}
          />
          <RestNote grouping={by} text={text} breakdown={breakdown ?? null} k={view.k} />
        </>
      )}
    </section>
  );
}
