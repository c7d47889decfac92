/**
 * Made-up results for the chart demo (demo/index.html) and its browser test: a small municipality with
 * units of different sizes, hidden figures of both kinds, a long unit name and a "not relevant" answer.
 * Captions are given in each language, as the results views would give them.
 */
import type { Language } from '../../../../contracts/instrument.js';
import type { BarChartProps, ChangeChartProps, HeatmapTableProps, LineChartProps, StackedDistributionProps } from '../index.js';

const K = 5;
const below = { suppressed: true, reason: 'below_k' } as const;
const complementary = { suppressed: true, reason: 'complementary' } as const;

type Text = Record<Language, string>;
const pick = (language: Language) => (text: Text) => text[language];

const units = {
  all: { nb: 'Hele kommunen', nn: 'Heile kommunen', en: 'Whole municipality' },
  home: 'Hjemmetjenesten og praktisk bistand, sone nord',
  nursing: 'Gol sjukeheim',
  mental: 'Psykisk helse og rus',
  doctor: 'Legekontoret',
  care: 'Bufellesskapet',
};

export interface DemoFigures {
  heading: string;
  bar: BarChartProps;
  barCounts: BarChartProps;
  stacked: StackedDistributionProps;
  stackedItem: StackedDistributionProps;
  heatmap: HeatmapTableProps;
  line: LineChartProps;
  change: ChangeChartProps;
}

export function demoFigures(language: Language): DemoFigures {
  const l = pick(language);
  const all = l(units.all);
  return {
    heading: l({ nb: 'Diagram med eksempeldata', nn: 'Diagram med eksempeldata', en: 'Charts with example data' }),
    bar: {
      caption: l({ nb: 'Digital samhandling: gjennomsnitt per enhet', nn: 'Digital samhandling: gjennomsnitt per eining', en: 'Digital collaboration: mean by unit' }),
      base: 137,
      k: K,
      kind: 'score',
      references: [
        { id: 'region', label: l({ nb: 'Regionen', nn: 'Regionen', en: 'The region' }) },
        { id: 'national', label: l({ nb: 'Alle kommuner', nn: 'Alle kommunar', en: 'All municipalities' }) },
      ],
      data: [
        { id: 'all', label: all, value: 62.4, n: 137, ci: { low: 59.1, high: 65.7 }, references: { region: 60.1, national: 58.8 } },
        { id: 'home', label: units.home, value: 71.8, n: 46, ci: { low: 66.2, high: 77.4 }, references: { region: 63.5, national: 61.0 } },
        { id: 'nursing', label: units.nursing, value: 55.3, n: 52, ci: { low: 50.0, high: 60.6 }, references: { region: 57.9, national: 56.2 } },
        { id: 'mental', label: units.mental, value: 64.0, n: 31, ci: { low: 57.4, high: 70.6 }, references: { region: 66.3, national: 64.8 } },
        { id: 'doctor', label: units.doctor, value: below, n: below },
        { id: 'care', label: units.care, value: complementary, n: complementary },
      ],
    },
    barCounts: {
      caption: l({ nb: 'Ønsket opplæringsform (flere svar mulig)', nn: 'Ønskt opplæringsform (fleire svar mogleg)', en: 'Preferred training format (several answers allowed)' }),
      base: 137,
      k: K,
      kind: 'count',
      data: [
        { id: 'colleague', label: l({ nb: 'Opplæring fra en kollega', nn: 'Opplæring frå ein kollega', en: 'Training from a colleague' }), value: 88, n: 137 },
        { id: 'course', label: l({ nb: 'Kurs med instruktør', nn: 'Kurs med instruktør', en: 'Course with an instructor' }), value: 61, n: 137 },
        { id: 'video', label: l({ nb: 'Korte videoer', nn: 'Korte videoar', en: 'Short videos' }), value: 47, n: 137 },
        { id: 'other', label: l({ nb: 'Annet', nn: 'Anna', en: 'Other' }), value: below, n: 137 },
      ],
    },
    stacked: {
      caption: l({ nb: 'Digital samhandling: fordeling på nivå', nn: 'Digital samhandling: fordeling på nivå', en: 'Digital collaboration: distribution over levels' }),
      base: 137,
      k: K,
      categories: [
        { id: '1', label: l({ nb: 'Nybegynner', nn: 'Nybyrjar', en: 'Beginner' }) },
        { id: '2', label: l({ nb: 'Grunnleggende', nn: 'Grunnleggjande', en: 'Basic' }) },
        { id: '3', label: l({ nb: 'Selvstendig', nn: 'Sjølvstendig', en: 'Independent' }) },
        { id: '4', label: l({ nb: 'Avansert', nn: 'Avansert', en: 'Advanced' }) },
      ],
      groups: [
        { id: 'all', label: all, n: 137, counts: { 1: 14, 2: 41, 3: 58, 4: 24 } },
        { id: 'home', label: units.home, n: 46, counts: { 1: below, 2: 12, 3: 22, 4: complementary } },
        { id: 'nursing', label: units.nursing, n: 52, counts: { 1: 8, 2: 19, 3: 18, 4: 7 } },
        { id: 'doctor', label: units.doctor, n: below, counts: {} },
      ],
    },
    stackedItem: {
      caption: l({ nb: 'Hvor ofte bruker du e-resept?', nn: 'Kor ofte brukar du e-resept?', en: 'How often do you use e-prescriptions?' }),
      base: 137,
      k: K,
      note: l({ nb: 'Alle ansatte fikk spørsmålet.', nn: 'Alle tilsette fekk spørsmålet.', en: 'All staff were asked.' }),
      categories: [
        { id: 'never', label: l({ nb: 'Aldri', nn: 'Aldri', en: 'Never' }) },
        { id: 'monthly', label: l({ nb: 'Sjeldnere enn ukentlig', nn: 'Sjeldnare enn kvar veke', en: 'Less than weekly' }) },
        { id: 'weekly', label: l({ nb: 'Ukentlig', nn: 'Kvar veke', en: 'Weekly' }) },
        { id: 'daily', label: l({ nb: 'Daglig', nn: 'Dagleg', en: 'Daily' }) },
        { id: 'na', label: l({ nb: 'Ikke relevant', nn: 'Ikkje relevant', en: 'Not relevant' }), outside: true },
      ],
      groups: [{ id: 'all', label: all, n: 137, counts: { never: 19, monthly: 23, weekly: 31, daily: 40, na: 24 } }],
    },
    heatmap: {
      caption: l({ nb: 'Bruk av teknologi: andel som bruker den minst ukentlig', nn: 'Bruk av teknologi: del som brukar han minst kvar veke', en: 'Use of technology: share using it at least weekly' }),
      base: 137,
      k: K,
      kind: 'percent',
      rowHeader: l({ nb: 'Teknologi', nn: 'Teknologi', en: 'Technology' }),
      columns: [
        { id: 'all', label: all, n: 137 },
        { id: 'home', label: l({ nb: 'Hjemmetjenesten', nn: 'Heimetenesta', en: 'Home care' }), n: 46 },
        { id: 'nursing', label: units.nursing, n: 52 },
        { id: 'mental', label: units.mental, n: 31 },
      ],
      sections: [
        {
          id: 'standard',
          rows: [
            { id: 'epj', label: l({ nb: 'Pasientjournal (EPJ)', nn: 'Pasientjournal (EPJ)', en: 'Patient record (EHR)' }), cells: { all: { value: 94, n: 137 }, home: { value: 98, n: 46 }, nursing: { value: 92, n: 52 }, mental: { value: 90, n: 31 } } },
            { id: 'alarm', label: l({ nb: 'Digitalt tilsyn', nn: 'Digitalt tilsyn', en: 'Digital supervision' }), cells: { all: { value: 41, n: 137 }, home: { value: 63, n: 46 }, nursing: { value: 38, n: 52 }, mental: below } },
            { id: 'video', label: l({ nb: 'Videokonsultasjon', nn: 'Videokonsultasjon', en: 'Video consultation' }), cells: { all: { value: 17, n: 137 }, home: { value: 8, n: 46 }, nursing: complementary, mental: { value: 35, n: 31 } } },
          ],
        },
        {
          id: 'local',
          label: l({ nb: 'Lokale systemer', nn: 'Lokale system', en: 'Local systems' }),
          rows: [
            { id: 'roster', label: 'Turnusplan', cells: { all: { value: 72, n: 130 }, home: { value: 80, n: 44 }, nursing: { value: 69, n: 50 }, mental: { value: 61, n: 28 } } },
          ],
        },
      ],
    },
    line: {
      caption: l({ nb: 'Svarprosent dag for dag', nn: 'Svarprosent dag for dag', en: 'Response rate day by day' }),
      base: 137,
      k: K,
      target: 70,
      valueLabel: l({ nb: 'Svarprosent', nn: 'Svarprosent', en: 'Response rate' }),
      points: [4, 11, 19, 24, 27, null, 33, 41, 46, 50, 52, 53, 58, 61, 64].map((rate, i) => ({
        date: `2026-03-${String(2 + i).padStart(2, '0')}`,
        value: rate === null ? below : rate,
        n: rate === null ? below : Math.round((rate / 100) * 214),
      })),
    },
    change: {
      caption: l({ nb: 'Endring fra T0 til T1 per område', nn: 'Endring frå T0 til T1 per område', en: 'Change from T0 to T1 by area' }),
      base: 251,
      k: K,
      kind: 'score',
      waves: { t0: 'T0 (2025)', t1: 'T1 (2026)' },
      groups: [
        { id: 'basic', label: l({ nb: 'Grunnleggende ferdigheter', nn: 'Grunnleggjande ferdigheiter', en: 'Basic skills' }), t0: { value: 58.2, n: 114, ci: { low: 54.9, high: 61.5 } }, t1: { value: 63.9, n: 137, ci: { low: 61.0, high: 66.8 } } },
        { id: 'collab', label: l({ nb: 'Digital samhandling', nn: 'Digital samhandling', en: 'Digital collaboration' }), t0: { value: 60.1, n: 114, ci: { low: 56.5, high: 63.7 } }, t1: { value: 62.4, n: 137, ci: { low: 59.1, high: 65.7 } } },
        { id: 'welfare', label: l({ nb: 'Velferdsteknologi', nn: 'Velferdsteknologi', en: 'Welfare technology' }), t0: { value: 49.7, n: 114, ci: { low: 45.8, high: 53.6 } }, t1: { value: 47.2, n: 137, ci: { low: 43.9, high: 50.5 } } },
        { id: 'security', label: l({ nb: 'Informasjonssikkerhet (kortskjema)', nn: 'Informasjonstryggleik (kortskjema)', en: 'Information security (short form)' }), t0: below, t1: { value: 70.3, n: 12 } },
      ],
    },
  };
}
