/**
 * `npm run bench:linking [-- --smoke]`: how well T0 and T1 responses are linked, simulated on the demo
 * municipalities' staff (src/server/db/seed/demo.ts: 12 municipalities, their units and headcounts) with
 * staff turnover, non-response, double submissions and self-generated codes answered with the error rates
 * of the published studies. Prints recall (share of the people who answered both waves who are linked,
 * rightly) and precision (share of links that join one person's two responses) for the SGIC alone and for
 * the full offering, strongest first: receipt code → device token → SGIC (matchCodes on the rest).
 * Target: precision ≥ 99 %, recall ≥ 95 %. Seeded, so the figures are reproducible. Asserts nothing.
 * Every number that is an assumption rather than a finding says so; docs/linking.md discusses them.
 */
import { componentHashInput, matchCodes, SGIC_COMPONENTS, withoutLinked, type CodeRecord } from '../src/domain/linking.js';
import { DEMO_MUNICIPALITIES } from '../src/server/db/seed/demo.js';
import { createRng, type Rng } from '../src/server/db/seed/random.js';

const smoke = process.argv.includes('--smoke');
const RUNS = smoke ? 2 : 40;
const municipalities = smoke ? DEMO_MUNICIPALITIES.slice(0, 3) : DEMO_MUNICIPALITIES;

// ---- The population: what people would truly answer (our estimates; deliberately lumpy, so they flatter nothing)

type Weights = Record<string, number>;
/** First letters of first names of women born about 1930–1985 in Norway (our rough estimate from common names; Å counted as A). */
const MOTHER_INITIALS: Weights = { A: 13, B: 7, C: 1, D: 1, E: 8, F: 1, G: 7, H: 7, I: 6, J: 3, K: 9, L: 5, M: 8, N: 2, O: 1, P: 1, R: 5, S: 7, T: 6, U: 1, V: 2, W: 0.5, Y: 0.5, Ø: 0.5 };
/** Likewise for men (Jan, Knut, Ole, Tor, Arne, … dominate). */
const FATHER_INITIALS: Weights = { A: 8, B: 4, D: 1, E: 5, F: 1, G: 5, H: 6, I: 2, J: 10, K: 8, L: 4, M: 3, N: 3, O: 8, P: 5, R: 4, S: 6, T: 8, V: 2, Y: 0.5, Ø: 3 };
/** Birth places cluster on a few hospital towns (Drammen, Oslo, Skien, Notodden, Kongsberg, …): a weak component on purpose. */
const BIRTH_PLACE_INITIALS: Weights = { D: 18, O: 12, S: 10, N: 10, K: 8, B: 6, G: 6, H: 6, T: 5, A: 5, V: 4, F: 3, L: 3, R: 2, M: 2 };
/** Older siblings (0, 1, 2, …, 9 = "9 or more"): most people have 0–2. */
const OLDER_SIBLINGS: Weights = { 0: 36, 1: 32, 2: 18, 3: 8, 4: 3, 5: 1.5, 6: 0.7, 7: 0.4, 8: 0.2, 9: 0.2 };
/** Day of birth: days 29–31 exist in fewer months. */
const BIRTH_DAYS: Weights = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [String(i + 1), i < 28 ? 12 : i === 28 ? 11.25 : i === 29 ? 11 : 7]));
const MONTHS: Weights = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(i + 1), 1]));

interface ComponentModel {
  values: Weights;
  /** Numbers are misremembered as a neighbour (7 for 8), letters as any other letter. */
  ordered: boolean;
  /** Relative error weight (our assumption; the level comes from the error model below). */
  errorWeight: number;
  /** Chance of "I don't know" in one wave (our assumption). */
  unknown: number;
}

/**
 * Per component, in SGIC_COMPONENTS order. Why the weights: the own birth day is the most reliable item
 * (everyone knows it; what is left are slips), parents' initials are next (a parent known by a second name
 * or a nickname), then items that need counting or a choice of interpretation (half-siblings; hospital town
 * or home municipality). The relative weights are our reading, not a published figure.
 */
const MODEL: Record<string, ComponentModel> = {
  motherInitial: { values: MOTHER_INITIALS, ordered: false, errorWeight: 1, unknown: 0.005 },
  fatherInitial: { values: FATHER_INITIALS, ordered: false, errorWeight: 1, unknown: 0.02 },
  birthDay: { values: BIRTH_DAYS, ordered: true, errorWeight: 0.4, unknown: 0.002 },
  motherBirthMonth: { values: MONTHS, ordered: true, errorWeight: 1.3, unknown: 0.04 },
  olderSiblings: { values: OLDER_SIBLINGS, ordered: true, errorWeight: 1.3, unknown: 0.005 },
  birthPlaceInitial: { values: BIRTH_PLACE_INITIALS, ordered: false, errorWeight: 1, unknown: 0.01 },
};
const components = SGIC_COMPONENTS.map((c) => ({ def: c, ...MODEL[c.id]! }));
const meanWeight = components.reduce((s, c) => s + c.errorWeight, 0) / components.length;

// ---- Error models: how a person's T1 answers differ from their T0 answers

interface ErrorModel {
  label: string;
  /** Share of respondents whose T1 code is largely unrelated (careless, or another reading of every question). */
  inconsistent: number;
  /** Per component: chance that the T1 answer differs from the T0 answer. */
  error: number[];
}

/** P(a consistent respondent gives the same complete code in both waves) for an error scale s. */
const exactShare = (scale: number) => components.reduce((p, c) => p * (1 - scale * c.errorWeight) * (1 - c.unknown) ** 2, 1);

/** Scales the per-component rates (by their weights) until the share of identical codes hits `target`. */
function calibrated(label: string, inconsistent: number, target: number): ErrorModel {
  let lo = 0;
  let hi = 1 / Math.max(...components.map((c) => c.errorWeight));
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if ((1 - inconsistent) * exactShare(mid) > target) lo = mid;
    else hi = mid;
  }
  return { label, inconsistent, error: components.map((c) => lo * c.errorWeight) };
}

const ERROR_MODELS: ErrorModel[] = [
  // Yurek, Vasey & Havens 2008 (Evaluation Review 32(5)): hospital nurses, 51–67 % of codes matched over
  // 6, 12 and 18 months. We take the midpoint, 59 %, as the share of identical codes after a year, with
  // 10 % inconsistent respondents as fitted to Grube et al. below; the rest is spread over the components
  // by their weights. The pessimistic case: a paper code, a long interval.
  calibrated('A: nurses after 12–18 months (Yurek et al. 2008: 51–67 % identical)', 0.1, 0.59),
  // The same 59 % identical codes, but with half as many inconsistent respondents (adults may be steadier
  // than the adolescents Grube et al. studied; an assumption) and so more single slips: how much the
  // structure of the errors, not only their level, decides recall.
  calibrated('A′: as A, with 5 % inconsistent respondents (assumption)', 0.05, 0.59),
  // Galanti et al. 2007 (EU-DAP, Preventive Medicine 44(2)): 3 % of all code characters wrong at re-test.
  // Grube, Morgan & Kearney (Addictive Behaviors): 71 % identical and 88 % within one element after a month;
  // a 10 % share of inconsistent respondents plus ≈3 % per element reproduces both (0.9 × 0.967⁷ ≈ 0.71,
  // and 0.9 × P(≤ 1 of 7 wrong) ≈ 0.89). The optimistic case: short interval, careful reading.
  { label: 'B: short interval (Galanti et al. 2007: 3 % per element; Grube et al.: 71 %/88 %)', inconsistent: 0.1, error: components.map((c) => (0.03 * c.errorWeight) / meanWeight) },
];

// ---- Waves, turnover and the offering (assumptions, not findings)

/** Staff who leave between the waves, replaced by new staff in the same unit (municipal care: roughly 10–20 % a year). */
const TURNOVER = 0.15;
/** Response rate per unit: T0 as in the demo seed (mean 84 %); T1 a little lower. */
const rateT0 = (rng: Rng) => Math.min(0.95, Math.max(0.4, rng.normal(0.84, 0.1)));
const rateT1 = (rng: Rng) => Math.min(0.95, Math.max(0.4, rng.normal(0.75, 0.1)));
/** Chance that a response is sent twice (e.g. on the phone and again on the unit's tablet). */
const DOUBLE_SUBMIT = 0.005;

interface Offering {
  label: string;
  /** Of the people who answered both waves: share who enter their T0 receipt code at T1. */
  receipt: number;
  /** Of the rest: share whose own device still holds the opt-in token. */
  device: number;
}
const OFFERINGS: Offering[] = [
  { label: 'SGIC alone', receipt: 0, device: 0 },
  { label: 'receipt 30 %, device 25 %, then SGIC', receipt: 0.3, device: 0.25 },
  { label: 'receipt 40 %, device 25 %, then SGIC', receipt: 0.4, device: 0.25 },
  { label: 'receipt 50 %, device 25 %, then SGIC', receipt: 0.5, device: 0.25 },
];

// ---- Simulation

const draw = (rng: Rng, w: Weights) => rng.weighted(Object.keys(w), (k) => w[k]!);

function misremember(rng: Rng, c: (typeof components)[number], value: string): string {
  const keys = Object.keys(c.values);
  if (c.ordered) {
    const i = keys.indexOf(value);
    const j = i === 0 ? 1 : i === keys.length - 1 ? i - 1 : rng.chance(0.5) ? i - 1 : i + 1;
    return keys[j]!;
  }
  return rng.weighted(keys, (k) => (k === value ? 0 : c.values[k]!));
}

interface Person { id: string; code: string[] }
interface Response { id: string; person: string; components: (string | null)[] }

/** What a person enters: their true value, or "I don't know". */
const answer = (rng: Rng, code: readonly string[]) => code.map((v, i) => (rng.chance(components[i]!.unknown) ? null : v));

function t1Code(rng: Rng, p: Person, model: ErrorModel): string[] {
  const inconsistent = rng.chance(model.inconsistent);
  return p.code.map((v, i) => {
    const c = components[i]!;
    if (inconsistent) return rng.chance(0.5) ? draw(rng, c.values) : v;
    return rng.chance(model.error[i]!) ? misremember(rng, c, v) : v;
  });
}

/** Opaque per-component values, as the server's HMACs would be (no key is needed to compare them here). */
const opaque = (r: Response): CodeRecord => ({ id: r.id, components: r.components.map((v, i) => (v === null ? null : componentHashInput(SGIC_COMPONENTS[i]!, v))) });

interface Tally { bothWave: number; recalled: number; links: number; falseLinks: number; receipt: number; device: number; exact: number; oneOff: number; sgicLinks: number; sgicFalse: number }
const emptyTally = (): Tally => ({ bothWave: 0, recalled: 0, links: 0, falseLinks: 0, receipt: 0, device: 0, exact: 0, oneOff: 0, sgicLinks: 0, sgicFalse: 0 });
const add = (a: Tally, b: Tally) => { for (const k of Object.keys(a) as (keyof Tally)[]) a[k] += b[k]; };

function simulateMunicipality(rng: Rng, units: [string, number][], model: ErrorModel, offering: Offering): Tally {
  let next = 0;
  const newPerson = (): Person => ({ id: `p${next++}`, code: components.map((c) => draw(rng, c.values)) });
  const respond = (wave: Response[], p: Person, code: string[]) => {
    const components = answer(rng, code);
    wave.push({ id: `r${wave.length}-${p.id}`, person: p.id, components });
    if (rng.chance(DOUBLE_SUBMIT)) wave.push({ id: `r${wave.length}-${p.id}`, person: p.id, components });
  };

  const t0: Response[] = [];
  const t1: Response[] = [];
  for (const [, size] of units) {
    const staff = Array.from({ length: size }, newPerson);
    const r0 = rateT0(rng);
    for (const p of staff) if (rng.chance(r0)) respond(t0, p, p.code);
    const r1 = rateT1(rng);
    for (const p of staff.map((q) => (rng.chance(TURNOVER) ? newPerson() : q))) if (rng.chance(r1)) respond(t1, p, t1Code(rng, p, model));
  }

  // Strongest first: receipt, then device token — direct look-ups, right by construction.
  const tally = emptyTally();
  const firstT0 = new Map<string, Response>();
  for (const r of t0) if (!firstT0.has(r.person)) firstT0.set(r.person, r);
  const linkedIds: string[] = [];
  const seen = new Set<string>();
  const recalled = new Set<string>();
  for (const r of t1) {
    const earlier = firstT0.get(r.person);
    if (!earlier || seen.has(r.person)) continue;
    seen.add(r.person);
    const method = rng.chance(offering.receipt) ? 'receipt' : rng.chance(offering.device) ? 'device' : null;
    if (!method) continue;
    tally[method]++;
    linkedIds.push(earlier.id, r.id);
    recalled.add(r.person);
  }
  tally.bothWave = seen.size;

  // The rest by SGIC.
  const byId = new Map([...t0, ...t1].map((r) => [r.id, r]));
  const result = matchCodes(withoutLinked(t0, linkedIds).map(opaque), withoutLinked(t1, linkedIds).map(opaque));
  for (const p of result.pairs) {
    const right = byId.get(p.earlierId)!.person === byId.get(p.laterId)!.person;
    tally.sgicLinks++;
    if (!right) tally.sgicFalse++;
    else if (!recalled.has(byId.get(p.earlierId)!.person)) {
      recalled.add(byId.get(p.earlierId)!.person);
      tally[p.kind === 'exact' ? 'exact' : 'oneOff']++;
    }
  }
  tally.links = tally.receipt + tally.device + tally.sgicLinks;
  tally.falseLinks = tally.sgicFalse;
  tally.recalled = recalled.size;
  return tally;
}

// ---- Report

const pct = (a: number, b: number, digits = 1) => (b === 0 ? '–'.padStart(6 + digits) : `${((100 * a) / b).toFixed(digits).padStart(4 + digits)} %`);
const staffTotal = municipalities.reduce((s, m) => s + m.units.reduce((t, [, n]) => t + n, 0), 0);
const largest = [...municipalities].sort((a, b) => b.units.reduce((t, [, n]) => t + n, 0) - a.units.reduce((t, [, n]) => t + n, 0))[0]!;

console.log(
  `Linking simulation${smoke ? ' (smoke)' : ''}: ${municipalities.length} municipalities, ${staffTotal.toLocaleString('en')} staff, ${RUNS} runs each; ` +
    `turnover ${TURNOVER * 100} %, response ≈84 % (T0) and ≈75 % (T1) per unit, ${DOUBLE_SUBMIT * 100} % double submissions.`,
);
console.log(`SGIC components: ${components.map((c) => c.def.id).join(', ')}. Target: precision ≥ 99 %, recall ≥ 95 % among people who answered both waves.`);

for (const model of ERROR_MODELS) {
  const rates = components.map((c, i) => `${c.def.id} ${(100 * model.error[i]!).toFixed(1)} %`).join(', ');
  const identical = (1 - model.inconsistent) * components.reduce((p, c, i) => p * (1 - model.error[i]!) * (1 - c.unknown) ** 2, 1);
  console.log(`\nError model ${model.label}`);
  console.log(`  T1 differs from T0: ${rates}; "don't know" 0.2–4 %; ${model.inconsistent * 100} % inconsistent → ${(100 * identical).toFixed(0)} % identical codes`);
  console.log(`  ${'offering'.padEnd(38)} recall   precision  | linked by: receipt  device  SGIC exact  SGIC one-off | SGIC precision  false links/run  ${largest.name} precision`);
  for (const offering of OFFERINGS) {
    const total = emptyTally();
    const big = emptyTally();
    // The same seed for every offering and model: differences come from the method, not the draw.
    for (let run = 0; run < RUNS; run++) {
      for (const m of municipalities) {
        const t = simulateMunicipality(createRng(`digikompass-linking:${run}:${m.slug}`), m.units, model, offering);
        add(total, t);
        if (m === largest) add(big, t);
      }
    }
    const recall = total.recalled / total.bothWave;
    const precision = (total.links - total.falseLinks) / total.links;
    const meets = precision >= 0.99 && recall >= 0.95 ? '✓' : '✗';
    console.log(
      `  ${meets} ${offering.label.padEnd(36)} ${pct(total.recalled, total.bothWave)}  ${pct(total.links - total.falseLinks, total.links, 2)}  |` +
        `          ${pct(total.receipt, total.bothWave)} ${pct(total.device, total.bothWave)}  ${pct(total.exact, total.bothWave)}    ${pct(total.oneOff, total.bothWave)}    |` +
        `        ${pct(total.sgicLinks - total.sgicFalse, total.sgicLinks, 2)}       ${(total.falseLinks / RUNS).toFixed(1).padStart(5)}          ${pct(big.links - big.falseLinks, big.links, 2)}`,
    );
  }
}
