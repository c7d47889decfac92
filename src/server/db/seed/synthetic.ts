/**
 * Synthetic answers made from any instrument, so a bigger questionnaire works unchanged: each person
 * has a latent competence (with municipality, unit and profession effects), each scale a correlated
 * facet of it; Likert answers fall around it with item difficulty and noise (reverse-keyed items turned
 * around, "not relevant" now and then); single choices lean on it; multiple choices, numbers and the
 * rare free text are plausible. Hidden answers are dropped with pruneHidden(), as on a real submit.
 */
import { NOT_APPLICABLE, type Answers, type Instrument, type Language } from '../../../contracts/instrument.js';
import { pruneHidden, resolveVisibility } from '../../../domain/conditions.js';
import { answerableItems, readingLoad } from '../../../domain/instrument.js';
import type { Rng } from './random.js';

/** Profession codes used in our instruments (several spellings), with share of staff and competence effect. */
const PROFESSIONS: Record<string, { share: number; effect: number }> = {
  hfa: { share: 0.35, effect: 0 },
  healthworker: { share: 0.35, effect: 0 },
  nurse: { share: 0.25, effect: 0.25 },
  vernepleier: { share: 0.08, effect: 0.15 },
  socialeducator: { share: 0.08, effect: 0.15 },
  therapist: { share: 0.04, effect: 0.2 },
  leader: { share: 0.06, effect: 0.4 },
  manager: { share: 0.06, effect: 0.4 },
  assistant: { share: 0.14, effect: -0.35 },
  other: { share: 0.08, effect: -0.05 },
};

const FREE_TEXT: Record<Language, string[]> = {
  nb: [
    'Mer opplæring i journalsystemet på mobil hadde vært fint.',
    'Det hjelper mye å ha en superbruker på vakt.',
    'Vi trenger mer tid til å øve før nytt utstyr tas i bruk.',
    'Kurset med simulering var nyttig.',
    'Det er vanskelig å vite hvem som har ansvar når alarmen ikke virker.',
  ],
  nn: [
    'Meir opplæring i journalsystemet på mobil hadde vore fint.',
    'Det hjelper mykje å ha ein superbrukar på vakt.',
    'Vi treng meir tid til å øve før nytt utstyr blir teke i bruk.',
    'Kurset med simulering var nyttig.',
    'Det er vanskeleg å vite kven som har ansvaret når alarmen ikkje verkar.',
  ],
  en: [
    'More training in the patient record on mobile would help.',
    'Having a super-user on shift helps a lot.',
    'We need more time to practise before new equipment is used.',
    'The simulation course was useful.',
    'It is hard to know who is responsible when the alarm does not work.',
  ],
};

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export interface Respondent {
  /** Latent competence before the profession effect (municipality + unit + person). */
  theta: number;
  language: Language;
  /** Answers this person gave before and gives again unchanged (a linked person's background: profession, age band, …). */
  background?: Answers;
}

/** What the generator knows about an instrument, computed once. */
export interface InstrumentModel {
  instrument: Instrument;
  professionItem: string | null;
  /** Item → scale it belongs to (first listing) and whether it is reverse-keyed. */
  scaleOf: Map<string, { scale: string; reverse: boolean }>;
  /** Fixed per item: how hard it is to agree with (higher = easier). */
  easiness: Map<string, number>;
}

export function modelOf(instrument: Instrument, rng: Rng): InstrumentModel {
  const scaleOf = new Map<string, { scale: string; reverse: boolean }>();
  for (const scale of instrument.scales) {
    for (const ref of scale.items) {
      const known = scaleOf.get(ref.item);
      if (!known) scaleOf.set(ref.item, { scale: scale.id, reverse: ref.reverse });
      else if (ref.reverse) known.reverse = true;
    }
  }
  const easiness = new Map<string, number>();
  let professionItem: string | null = null;
  for (const a of answerableItems(instrument)) {
    easiness.set(a.id, rng.normal(0.3, 0.4));
    if (professionItem === null && a.kind === 'single' && /profession/.test(a.id)) professionItem = a.id;
  }
  return { instrument, professionItem, scaleOf, easiness };
}

/** One person's answers (already pruned of hidden items). */
export function syntheticAnswers(model: InstrumentModel, person: Respondent, rng: Rng): Answers {
  const answers: Answers = {};
  const items = answerableItems(model.instrument);
  const facets = new Map<string, number>();
  const facet = (scale: string | undefined, theta: number) => {
    const key = scale ?? '';
    let v = facets.get(key);
    if (v === undefined) facets.set(key, (v = theta + rng.normal(0, 0.35)));
    return v;
  };

  // Profession first: it moves the competence of everything after it.
  let theta = person.theta;
  if (model.professionItem) {
    const item = items.find((a) => a.id === model.professionItem)!.item;
    if (item.type === 'single') {
      const known = item.options.find((o) => o.value === person.background?.[item.id]);
      const choice = known ?? rng.weighted(item.options, (o) => PROFESSIONS[o.value]?.share ?? 0.04);
      answers[item.id] = choice.value;
      theta += PROFESSIONS[choice.value]?.effect ?? 0;
    }
  }

  // Now and then someone stops answering part-way (and submits what they have).
  const sectionIds = model.instrument.sections.map((s) => s.id);
  const stopAt = rng.chance(0.04) ? rng.int(1, Math.max(1, sectionIds.length - 1)) : sectionIds.length;
  const answeredSections = new Set(sectionIds.slice(0, stopAt));

  for (const a of items) {
    if (a.id === model.professionItem || a.kind === 'unit') continue;
    if (person.background && Object.hasOwn(person.background, a.id)) {
      answers[a.id] = person.background[a.id]!;
      continue;
    }
    if (!answeredSections.has(a.sectionId) || rng.chance(0.03)) continue;
    const item = a.item;
    switch (a.kind) {
      case 'likert': {
        const scale = a.scale;
        if (!scale) break;
        if (scale.notApplicable && rng.chance(0.05)) {
          answers[a.id] = NOT_APPLICABLE;
          break;
        }
        const keyed = model.scaleOf.get(a.id);
        const z = facet(keyed?.scale, theta) + (model.easiness.get(a.id) ?? 0) + rng.normal(0, 0.6);
        let index = Math.min(scale.points.length - 1, Math.floor(sigmoid(z) * scale.points.length));
        if (keyed?.reverse) index = scale.points.length - 1 - index;
        answers[a.id] = scale.points[index]!.value;
        break;
      }
      case 'single': {
        if (item.type !== 'single') break;
        // Options read as an ordered list: competence leans towards the later ones, weakly.
        const z = 0.6 * theta + (model.easiness.get(a.id) ?? 0) + rng.normal(0, 1.1);
        const index = Math.min(item.options.length - 1, Math.floor(sigmoid(z) * item.options.length));
        answers[a.id] = item.options[index]!.value;
        break;
      }
      case 'multi': {
        if (item.type !== 'multi') break;
        const exclusive = item.options.filter((o) => o.exclusive);
        if (exclusive.length > 0 && rng.chance(0.12 - 0.04 * Math.tanh(theta))) {
          answers[a.id] = [rng.pick(exclusive).value];
          break;
        }
        const p = 0.18 + 0.2 * sigmoid(theta);
        let chosen = item.options.filter((o) => !o.exclusive && rng.chance(p)).map((o) => o.value);
        if (item.maxSelected !== undefined && chosen.length > item.maxSelected) chosen = chosen.slice(0, item.maxSelected);
        if (chosen.length > 0) answers[a.id] = chosen;
        break;
      }
      case 'number': {
        if (item.type !== 'number') break;
        const value = item.min + (item.max - item.min) * rng.next() ** 2.5;
        answers[a.id] = item.integer ? Math.round(value) : Math.round(value * 10) / 10;
        break;
      }
      case 'text': {
        if (item.type !== 'text' || !rng.chance(0.04)) break;
        answers[a.id] = rng.pick(FREE_TEXT[person.language]).slice(0, item.maxLength);
        break;
      }
    }
  }
  return pruneHidden(model.instrument, answers);
}

/**
 * The pace of a typical respondent, as opposed to estimateMinutes()' deliberately slow planning figures
 * (200 words a minute, 4 s an answer): silent reading of plain non-fiction runs at about 238 words a
 * minute (Brysbaert, 2019, a meta-analysis of 190 studies), a Likert answer takes a few seconds, and a
 * page change (tap, load, find one's place) a few more.
 */
const WORDS_PER_MINUTE = 238;
const SECONDS_PER_ANSWER = 3.5;
const SECONDS_PER_PAGE = 3;

/** A person's speed as a log factor: most within ±30 %, a few twice as slow or fast. */
export function personalLogSpeed(rng: Rng): number {
  return rng.normal(0, 0.3);
}

/**
 * Active answering time of one synthetic person, in seconds: what they were shown (sections, items and
 * grid rows their answers made visible, up to where they stopped) read and answered at the typical pace
 * above, times a personal speed (log-normal: most within ±30 %, a few twice as slow or fast). So the time
 * depends on the form and on how much of it a person saw and answered. `logSpeed` is the person's own
 * log speed factor when it is known (the same person in a later wave); otherwise it is drawn from `rng`.
 */
export function syntheticActiveSeconds(instrument: Instrument, answers: Answers, language: Language, rng: Rng, logSpeed = personalLogSpeed(rng)): number {
  const shown = resolveVisibility(instrument, answers);
  // Someone who stopped part-way never saw the sections after their last answer.
  const answeredIn = (s: Instrument['sections'][number]) =>
    s.items.some((i) => i.id in shown.answers || (i.type === 'grid' && i.rows.some((r) => r.id in shown.answers)));
  const last = instrument.sections.findLastIndex(answeredIn);
  const seen: Instrument = {
    ...instrument,
    sections: instrument.sections
      .filter((s, index) => index <= last && shown.sections.has(s.id))
      .map((s) => ({
        ...s,
        items: s.items
          .filter((i) => shown.items.has(i.id))
          .map((i) => (i.type === 'grid' ? { ...i, rows: i.rows.filter((r) => shown.items.has(r.id)) } : i)),
      })),
  };
  const { words, answers: items } = readingLoad(seen, language);
  const seconds = (words / WORDS_PER_MINUTE) * 60 + items * SECONDS_PER_ANSWER + seen.sections.length * SECONDS_PER_PAGE;
  return Math.min(86_400, Math.round(seconds * Math.exp(logSpeed)));
}
