/**
 * One question, rendered from the instrument with Designsystemet's form components:
 * single → radios in a fieldset · multi → checkboxes (an exclusive option clears the others) ·
 * likert → radios, in a row on wide screens, with "not relevant" apart when the scale has it ·
 * grid → a table of radios on wide screens, one fieldset per statement on narrow ones ·
 * number → text field with a numeric keyboard · text → text field or text area with a counter ·
 * unit → radios (few units) or a select. Every question may be left unanswered.
 */
import {
  Button,
  Checkbox,
  Field,
  Fieldset,
  Label,
  Radio,
  Select,
  Table,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue, Answers, Instrument, Item, LikertScale, LocalizedText } from '../../../contracts/instrument.js';
import { NARROW_SCREEN, useMediaQuery } from '../../components/useMediaQuery.js';
import { useFormat, useLanguage } from '../../i18n/index.js';
import { fieldId, optionId } from './fieldIds.js';

export interface QuestionContext {
  instrument: Instrument;
  answers: Answers;
  setAnswer(itemId: string, value: AnswerValue | undefined): void;
  /** Field error texts by item id (grid rows by row id). */
  errors: Map<string, string>;
  numberText: Record<string, string>;
  setNumberText(itemId: string, text: string): void;
  /** Check a number field when the respondent leaves it. */
  onNumberBlur(itemId: string): void;
  visibleItems: Set<string>;
  units: { id: string; name: string }[];
  unitId: string | null;
  setUnitId(unitId: string | null): void;
}

type Localize = (text: LocalizedText) => string;
type ItemOf<T extends Item['type']> = Extract<Item, { type: T }>;

/** More units than this are offered in a select instead of radios. */
const MAX_UNIT_RADIOS = 8;

export function Question({ item, ctx }: { item: Item; ctx: QuestionContext }) {
  const language = useLanguage();
  const tr: Localize = (text) => text[language];
  switch (item.type) {
    case 'single':
      return (
        <ChoiceGroup
          id={fieldId(item.id)}
          itemId={item.id}
          legend={tr(item.text)}
          description={item.help && tr(item.help)}
          options={item.options.map((o) => ({ value: o.value, label: tr(o.label) }))}
          value={typeof ctx.answers[item.id] === 'string' ? (ctx.answers[item.id] as string) : undefined}
          onChange={(value) => ctx.setAnswer(item.id, value)}
          error={ctx.errors.get(item.id)}
        />
      );
    case 'likert': {
      const scale = scaleOf(ctx.instrument, item.scale);
      const current = ctx.answers[item.id];
      return (
        <ChoiceGroup
          id={fieldId(item.id)}
          itemId={item.id}
          legend={tr(item.text)}
          description={item.help && tr(item.help)}
          options={scaleOptions(scale, tr)}
          layout="scale"
          value={current === undefined ? undefined : String(current)}
          onChange={(value) => ctx.setAnswer(item.id, scaleValue(value))}
          error={ctx.errors.get(item.id)}
        />
      );
    }
    case 'grid':
      return <GridQuestion item={item} ctx={ctx} tr={tr} />;
    case 'multi':
      return <MultiQuestion item={item} ctx={ctx} tr={tr} />;
    case 'number':
      return <NumberQuestion item={item} ctx={ctx} tr={tr} />;
    case 'text':
      return <TextQuestion item={item} ctx={ctx} tr={tr} />;
    case 'unit':
      return <UnitQuestion itemId={item.id} legend={tr(item.text)} description={item.help && tr(item.help)} ctx={ctx} />;
  }
}

function scaleOf(instrument: Instrument, id: string): LikertScale {
  const scale = instrument.likertScales.find((s) => s.id === id);
  if (!scale) throw new Error(`instrument has no Likert scale "${id}"`);
  return scale;
}

interface Option {
  value: string;
  label: string;
  /** Shown apart from the scale (the "not relevant" answer). */
  apart?: boolean;
}

function scaleOptions(scale: LikertScale, tr: Localize): Option[] {
  const points: Option[] = scale.points.map((p) => ({ value: String(p.value), label: tr(p.label) }));
  return scale.notApplicable ? [...points, { value: 'na', label: tr(scale.notApplicable), apart: true }] : points;
}

/** A Likert answer is the point's number, or "na" for "not relevant". */
function scaleValue(value: string | undefined): AnswerValue | undefined {
  if (value === undefined || value === 'na') return value;
  return Number(value);
}

function ClearButton({ onClear, children }: { onClear: () => void; children: ReactNode }) {
  return (
    <Button variant="tertiary" data-size="sm" className="question__clear" onClick={onClear}>
      {children}
    </Button>
  );
}

/** Radios in a fieldset: single choice, Likert items, and each grid statement on narrow screens. */
function ChoiceGroup(props: {
  id: string;
  itemId: string;
  legend: string;
  description?: string;
  options: Option[];
  value: string | undefined;
  onChange(value: string | undefined): void;
  error?: string;
  layout?: 'list' | 'scale';
}) {
  const { t } = useTranslation();
  const { itemId, legend, description, options, value, onChange, error, layout = 'list' } = props;
  const clear = () => {
    onChange(undefined);
    document.getElementById(optionId(itemId, 0))?.focus();
  };
  return (
    <Fieldset className={`question question--${layout}`}>
      <Fieldset.Legend className="question__legend">{legend}</Fieldset.Legend>
      {description && <Fieldset.Description>{description}</Fieldset.Description>}
      <div className="question__options">
        {options.map((option, index) => (
          <Radio
            key={option.value}
            id={optionId(itemId, index)}
            name={props.id}
            value={option.value}
            label={option.label}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            className={option.apart ? 'question__option--apart' : undefined}
          />
        ))}
      </div>
      {error && <ValidationMessage>{error}</ValidationMessage>}
      {value !== undefined && <ClearButton onClear={clear}>{t('survey.question.clear')}</ClearButton>}
    </Fieldset>
  );
}

/**
 * Several statements on one scale. Wide screens: a table, each radio named by its statement and its
 * column. Narrow screens (≤ 640 px, also when zoomed): one fieldset per statement, as on paper forms
 * for phones. Only one of the two is rendered, so each statement is one radio group.
 */
function GridQuestion({ item, ctx, tr }: { item: ItemOf<'grid'>; ctx: QuestionContext; tr: Localize }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery(NARROW_SCREEN);
  const scale = scaleOf(ctx.instrument, item.scale);
  const options = scaleOptions(scale, tr);
  const rows = item.rows.filter((row) => ctx.visibleItems.has(row.id));
  const answered = rows.some((row) => ctx.answers[row.id] !== undefined);
  const clearAll = () => {
    rows.forEach((row) => ctx.setAnswer(row.id, undefined));
    const first = rows[0];
    if (first) document.getElementById(optionId(first.id, 0))?.focus();
  };
  const rowErrors = rows.flatMap((row) => {
    const message = ctx.errors.get(row.id);
    return message ? [message] : [];
  });

  if (narrow) {
    return (
      <Fieldset className="question question--grid-narrow">
        <Fieldset.Legend className="question__legend">{tr(item.text)}</Fieldset.Legend>
        {item.help && <Fieldset.Description>{tr(item.help)}</Fieldset.Description>}
        {rows.map((row) => (
          <ChoiceGroup
            key={row.id}
            id={fieldId(row.id)}
            itemId={row.id}
            legend={tr(row.text)}
            options={options}
            layout="list"
            value={ctx.answers[row.id] === undefined ? undefined : String(ctx.answers[row.id])}
            onChange={(value) => ctx.setAnswer(row.id, scaleValue(value))}
            error={ctx.errors.get(row.id)}
          />
        ))}
      </Fieldset>
    );
  }

  const headId = (index: number) => `${fieldId(item.id)}-col-${index}`;
  return (
    <Fieldset className="question question--grid">
      <Fieldset.Legend className="question__legend">{tr(item.text)}</Fieldset.Legend>
      {item.help && <Fieldset.Description>{tr(item.help)}</Fieldset.Description>}
      <Table className="grid-table" data-size="sm">
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>
              <span className="ds-sr-only">{t('survey.question.statement')}</span>
            </Table.HeaderCell>
            {options.map((option, index) => (
              <Table.HeaderCell key={option.value} id={headId(index)} className={option.apart ? 'grid-table__apart' : undefined}>
                {option.label}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {rows.map((row) => {
            const rowHead = `${fieldId(row.id)}-label`;
            const current = ctx.answers[row.id] === undefined ? undefined : String(ctx.answers[row.id]);
            return (
              <Table.Row key={row.id} aria-invalid={ctx.errors.has(row.id) || undefined}>
                <Table.HeaderCell scope="row" id={rowHead} className="grid-table__statement">
                  {tr(row.text)}
                </Table.HeaderCell>
                {options.map((option, index) => (
                  <Table.Cell key={option.value} className={option.apart ? 'grid-table__apart' : 'grid-table__cell'}>
                    <Radio
                      id={optionId(row.id, index)}
                      name={fieldId(row.id)}
                      value={option.value}
                      aria-labelledby={`${rowHead} ${headId(index)}`}
                      checked={current === option.value}
                      onChange={() => ctx.setAnswer(row.id, scaleValue(option.value))}
                    />
                  </Table.Cell>
                ))}
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
      {rowErrors.length > 0 && <ValidationMessage>{rowErrors.join(' ')}</ValidationMessage>}
      {answered && <ClearButton onClear={clearAll}>{t('survey.question.clearAll')}</ClearButton>}
    </Fieldset>
  );
}

function MultiQuestion({ item, ctx, tr }: { item: ItemOf<'multi'>; ctx: QuestionContext; tr: Localize }) {
  const { t } = useTranslation();
  const current = ctx.answers[item.id];
  const selected = Array.isArray(current) ? current : [];
  const exclusive = new Set(item.options.filter((o) => o.exclusive).map((o) => o.value));
  const toggle = (value: string, on: boolean) => {
    let next: string[];
    if (!on) next = selected.filter((v) => v !== value);
    else if (exclusive.has(value)) next = [value];
    else next = [...selected.filter((v) => !exclusive.has(v)), value];
    ctx.setAnswer(item.id, next.length > 0 ? next : undefined);
  };
  const error = ctx.errors.get(item.id);
  // The instrument's own help text comes first; our hint only when it says nothing.
  const hint = item.maxSelected ? t('survey.question.chooseUpTo', { count: item.maxSelected }) : t('survey.question.chooseAny');
  return (
    <Fieldset className="question question--list">
      <Fieldset.Legend className="question__legend">{tr(item.text)}</Fieldset.Legend>
      <Fieldset.Description>{item.help ? tr(item.help) : hint}</Fieldset.Description>
      <div className="question__options">
        {item.options.map((option, index) => (
          <Checkbox
            key={option.value}
            id={optionId(item.id, index)}
            name={fieldId(item.id)}
            value={option.value}
            label={tr(option.label)}
            checked={selected.includes(option.value)}
            onChange={(event) => toggle(option.value, event.target.checked)}
            className={option.exclusive ? 'question__option--apart' : undefined}
          />
        ))}
      </div>
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Fieldset>
  );
}

function NumberQuestion({ item, ctx, tr }: { item: ItemOf<'number'>; ctx: QuestionContext; tr: Localize }) {
  const { t } = useTranslation();
  const format = useFormat();
  const digits = item.integer ? 0 : 1;
  const range = t('survey.question.numberRange', { min: format.number(item.min, Number.isInteger(item.min) ? 0 : digits), max: format.number(item.max, Number.isInteger(item.max) ? 0 : digits) });
  const text = ctx.numberText[item.id] ?? '';
  return (
    <Textfield
      id={fieldId(item.id)}
      className="question question--number"
      label={tr(item.text)}
      description={item.help ? `${tr(item.help)} ${range}` : range}
      inputMode={item.integer ? 'numeric' : 'decimal'}
      size={Math.max(String(item.max).length, String(item.min).length) + 3}
      autoComplete="off"
      value={text}
      suffix={item.unit ? tr(item.unit) : undefined}
      onChange={(event) => ctx.setNumberText(item.id, event.target.value)}
      onBlur={() => ctx.onNumberBlur(item.id)}
      error={ctx.errors.get(item.id)}
    />
  );
}

function TextQuestion({ item, ctx, tr }: { item: ItemOf<'text'>; ctx: QuestionContext; tr: Localize }) {
  const { t } = useTranslation();
  const current = ctx.answers[item.id];
  const value = typeof current === 'string' ? current : '';
  const common = {
    id: fieldId(item.id),
    className: 'question question--text',
    label: tr(item.text),
    description: item.help ? tr(item.help) : undefined,
    maxLength: item.maxLength,
    counter: { limit: item.maxLength, under: t('survey.question.charactersLeft'), over: t('survey.question.charactersOver') },
    error: ctx.errors.get(item.id),
    value,
  };
  const change = (text: string) => ctx.setAnswer(item.id, text === '' ? undefined : text);
  return item.multiline ? (
    <Textfield {...common} multiline rows={5} onChange={(event) => change(event.target.value)} />
  ) : (
    <Textfield {...common} onChange={(event) => change(event.target.value)} />
  );
}

/** The respondent's unit (stored as the response's unit, not as an answer). */
function UnitQuestion(props: { itemId: string; legend: string; description?: string; ctx: QuestionContext }) {
  const { t } = useTranslation();
  const { itemId, legend, description, ctx } = props;
  const id = fieldId(itemId);
  if (ctx.units.length > MAX_UNIT_RADIOS) {
    return (
      <Field className="question question--unit">
        <Label htmlFor={id}>{legend}</Label>
        {description && <Field.Description>{description}</Field.Description>}
        <Select id={id} value={ctx.unitId ?? ''} onChange={(event) => ctx.setUnitId(event.target.value || null)}>
          <Select.Option value="">{t('survey.question.unitNotChosen')}</Select.Option>
          {ctx.units.map((unit) => (
            <Select.Option key={unit.id} value={unit.id}>
              {unit.name}
            </Select.Option>
          ))}
        </Select>
      </Field>
    );
  }
  return (
    <ChoiceGroup
      id={id}
      itemId={itemId}
      legend={legend}
      description={description}
      options={ctx.units.map((unit) => ({ value: unit.id, label: unit.name }))}
      value={ctx.unitId ?? undefined}
      onChange={(value) => ctx.setUnitId(value ?? null)}
    />
  );
}
