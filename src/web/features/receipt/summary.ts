/**
 * A respondent's own answers as they read them back on the receipt page: the sections and questions
 * they were shown (the same visibility rules as the form, src/domain/conditions.ts), each with the
 * chosen option's label in the chosen language, or null when the question was skipped. Pure.
 */
import type { AnswerValue, Answers, Instrument, Item, Language } from '../../../contracts/instrument.js';
import { NOT_APPLICABLE } from '../../../contracts/instrument.js';
import { isAnswered, resolveVisibility } from '../../../domain/conditions.js';

export interface SummaryEntry {
  id: string;
  text: string;
  /** The answer as words (several for multiple choice), or null when not answered. */
  answer: string[] | null;
  /** A grid's statements, each with its own answer. */
  rows?: SummaryEntry[];
}

export interface SummarySection {
  id: string;
  title: string;
  entries: SummaryEntry[];
}

export function answerSummary(
  instrument: Instrument,
  answers: Answers,
  language: Language,
  formatNumber: (value: number) => string,
): SummarySection[] {
  const shown = resolveVisibility(instrument, answers);
  const scaleLabel = (scaleId: string, value: AnswerValue): string => {
    const scale = instrument.likertScales.find((s) => s.id === scaleId);
    if (value === NOT_APPLICABLE && scale?.notApplicable) return scale.notApplicable[language];
    return scale?.points.find((p) => p.value === value)?.label[language] ?? String(value);
  };
  const words = (item: Item, value: AnswerValue | undefined): string[] | null => {
    if (!isAnswered(value)) return null;
    switch (item.type) {
      case 'single':
        return [item.options.find((o) => o.value === value)?.label[language] ?? String(value)];
      case 'multi': {
        const chosen = Array.isArray(value) ? value : [String(value)];
        // In the form's order, not the order they were ticked.
        return item.options.filter((o) => chosen.includes(o.value)).map((o) => o.label[language]);
      }
      case 'likert':
        return [scaleLabel(item.scale, value)];
      case 'number':
        return [typeof value === 'number' ? `${formatNumber(value)}${item.unit ? ` ${item.unit[language]}` : ''}` : String(value)];
      default:
        return [String(value)];
    }
  };

  return instrument.sections
    .filter((section) => shown.sections.has(section.id))
    .map((section) => ({
      id: section.id,
      title: section.title[language],
      entries: section.items
        // The unit is not an answer (it is stored apart), and hidden questions were never asked.
        .filter((item) => item.type !== 'unit' && shown.items.has(item.id))
        .map((item): SummaryEntry => {
          if (item.type !== 'grid') return { id: item.id, text: item.text[language], answer: words(item, answers[item.id]) };
          const rows = item.rows
            .filter((row) => shown.items.has(row.id))
            .map((row) => {
              const value = answers[row.id];
              return { id: row.id, text: row.text[language], answer: isAnswered(value) ? [scaleLabel(item.scale, value)] : null };
            });
          return { id: item.id, text: item.text[language], answer: null, rows };
        })
        .filter((entry) => !entry.rows || entry.rows.length > 0),
    }))
    .filter((section) => section.entries.length > 0);
}
