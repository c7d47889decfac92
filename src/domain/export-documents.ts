/**
 * The human-readable parts of an export bundle: codebook.html (an accessible table in the chosen
 * language), codebook.json (the whole codebook, all three languages) and README.txt (what is in the
 * bundle and how to open it). Pure: made from the codebook and a few facts about the export.
 */
import type { Language, LocalizedText } from '../contracts/instrument.js';
import type { Codebook, MissingKind, Variable } from './codebook.js';
import { CODEBOOK_TEXTS, codeLabels, missingCodes } from './codebook.js';

export interface ExportFacts {
  projectName: string;
  /** Every wave in the export, in code order (1, 2, …). */
  waves: readonly string[];
  /** The day the export was made (YYYY-MM-DD). */
  createdOn: string;
  language: Language;
}

/** Fixed texts of the documents (spell-checked with the questionnaires, src/language). */
export const DOCUMENT_TEXTS = {
  title: { nb: 'Kodebok', nn: 'Kodebok', en: 'Codebook' },
  intro: {
    nb: 'Variablene i datafilene, i samme rekkefølge som kolonnene.',
    nn: 'Variablane i datafilene, i same rekkjefølgje som kolonnane.',
    en: 'The variables of the data files, in column order.',
  },
  project: { nb: 'Prosjekt', nn: 'Prosjekt', en: 'Project' },
  waves: { nb: 'Runder', nn: 'Rundar', en: 'Waves' },
  created: { nb: 'Laget', nn: 'Laga', en: 'Created' },
  versions: { nb: 'Versjon av kodeboken og skåringen', nn: 'Versjon av kodeboka og skåringa', en: 'Codebook version and scoring version' },
  questionnaires: { nb: 'Spørreskjema', nn: 'Spørjeskjema', en: 'Questionnaires' },
  missingHeading: { nb: 'Manglende verdier', nn: 'Manglande verdiar', en: 'Missing values' },
  missingIntro: {
    nb: 'Tallvariabler bruker disse kodene. Tekstvariabler er tomme når det ikke er noe svar. Når gyldige verdier går ned til −7, brukes −99, −98 og −97 i stedet.',
    nn: 'Variablar med tal brukar desse kodane. Variablar med tekst er tomme når det ikkje er noko svar. Når gyldige verdiar går ned til −7, blir −99, −98 og −97 brukte i staden.',
    en: 'Numeric variables use these codes. Text variables are empty when there is no answer. When valid values reach down to −7, −99, −98 and −97 are used instead.',
  },
  missingMeaning: {
    not_answered: {
      nb: 'Spørsmålet ble vist, men ikke besvart. For skårer: for få svar til å regne ut skåren.',
      nn: 'Spørsmålet vart vist, men ikkje svart på. For skårar: for få svar til å rekne ut skåren.',
      en: 'The question was shown but not answered. For scores: too few answers to compute the score.',
    },
    not_shown: {
      nb: 'Spørsmålet ble ikke vist for denne personen: skjult av et tidligere svar, eller ikke med i skjemaet personen svarte på.',
      nn: 'Spørsmålet vart ikkje vist for denne personen: skjult av eit tidlegare svar, eller ikkje med i skjemaet personen svarte på.',
      en: 'The question was not shown to this person: hidden by an earlier answer, or not in the form they answered.',
    },
    not_applicable: {
      nb: 'Personen svarte «ikke aktuelt» eller «vet ikke».',
      nn: 'Personen svarte «ikkje aktuelt» eller «veit ikkje».',
      en: 'The person answered “not applicable” or “don’t know”.',
    },
  },
  code: { nb: 'Kode', nn: 'Kode', en: 'Code' },
  meaning: { nb: 'Betydning', nn: 'Tyding', en: 'Meaning' },
  variablesHeading: { nb: 'Variabler', nn: 'Variablar', en: 'Variables' },
  name: { nb: 'Navn', nn: 'Namn', en: 'Name' },
  label: { nb: 'Etikett', nn: 'Etikett', en: 'Label' },
  type: { nb: 'Type', nn: 'Type', en: 'Type' },
  values: { nb: 'Verdier', nn: 'Verdiar', en: 'Values' },
  missing: { nb: 'Manglende', nn: 'Manglande', en: 'Missing' },
  scale: { nb: 'Skala', nn: 'Skala', en: 'Scale' },
  item: { nb: 'Spørsmål', nn: 'Spørsmål', en: 'Question' },
  types: {
    numeric: { nb: 'tall', nn: 'tal', en: 'numeric' },
    string: { nb: 'tekst', nn: 'tekst', en: 'text' },
    date: { nb: 'dato', nn: 'dato', en: 'date' },
  },
  reversed: { nb: 'snudd', nn: 'snudd', en: 'reversed' },
  scoresHeading: { nb: 'Skårer', nn: 'Skårar', en: 'Scores' },
  scoresIntro: {
    nb: 'En skår er gjennomsnittet av de besvarte spørsmålene som hører til den, regnet om til 0–100, med snudde spørsmål snudd. Datafilene har svarene slik de ble gitt, ikke snudd.',
    nn: 'Ein skår er gjennomsnittet av dei svara spørsmåla som høyrer til han, rekna om til 0–100, med snudde spørsmål snudde. Datafilene har svara slik dei vart gitt, ikkje snudde.',
    en: 'A score is the mean of the scale’s answered items, converted to 0–100, with reverse-keyed items reversed. The data hold the answers as given, not reversed.',
  },
  minShare: { nb: 'Minste andel besvart', nn: 'Minste del svart på', en: 'Minimum share answered' },
  items: { nb: 'Spørsmål', nn: 'Spørsmål', en: 'Items' },
} as const satisfies Record<string, LocalizedText | Record<string, LocalizedText>>;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const MISSING_KINDS: MissingKind[] = ['not_answered', 'not_shown', 'not_applicable'];
const percent = (share: number, language: Language) => `${Math.round(share * 100)} %`.replace('.', language === 'en' ? '.' : ',');

function valuesCell(v: Variable, language: Language): string {
  if (v.valueLabels.length === 0) return '';
  return `<ul>${codeLabels(v.valueLabels, language).map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;
}

/** A section of codebook.html: a heading, what it is about, and a table labelled by the heading. */
const tableSection = (id: string, heading: string, intro: string | null, headers: readonly string[], rows: readonly string[]) => `<h2 id="${id}">${heading}</h2>
${intro === null ? '' : `<p>${intro}</p>\n`}<table aria-labelledby="${id}">
<thead><tr>${headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;

export function codebookHtml(codebook: Codebook, facts: ExportFacts): string {
  const lang = facts.language;
  const T = DOCUMENT_TEXTS;
  const t = (text: LocalizedText) => escapeHtml(text[lang]);
  const missingRows = missingCodes(MISSING_KINDS, 1).map(
    (m) => `<tr><th scope="row">${m.value}</th><td>${escapeHtml(m.label[lang])}</td><td>${t(T.missingMeaning[m.kind])}</td></tr>`,
  );
  const rows = codebook.variables.map((v) => {
    const source = v.itemId ? `<br><code>${escapeHtml(v.itemId)}</code>` : '';
    const scales = v.scales.map((s) => `${escapeHtml(s.scale)}${s.reverse ? ` (${t(T.reversed)})` : ''}`).join(', ');
    const missing = codeLabels(v.missing, lang).map(escapeHtml).join('<br>');
    return (
      `<tr><th scope="row"><code>${escapeHtml(v.name)}</code></th><td>${escapeHtml(v.label[lang])}${source}</td>` +
      `<td>${t(T.types[v.type])}</td><td>${valuesCell(v, lang)}</td><td>${missing}</td><td>${scales}</td></tr>`
    );
  });
  const scaleRows = codebook.scales.map(
    (s) =>
      `<tr><th scope="row"><code>${escapeHtml(s.variable)}</code></th><td>${escapeHtml(s.label[lang])}</td>` +
      `<td>${s.items.map((i) => `<code>${escapeHtml(i.variable)}</code>${i.reverse ? ` (${t(T.reversed)})` : ''}`).join(', ')}</td>` +
      `<td>${percent(s.minAnsweredShare, lang)}</td></tr>`,
  );
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(T.title)} – ${escapeHtml(facts.projectName)}</title>
<style>
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 1.5rem; color: #1a1a1a; background: #fff; }
table { border-collapse: collapse; margin: 1rem 0 2rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #767676; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #eef1f5; }
ul { margin: 0; padding-left: 1.1rem; }
code { font-size: 0.95em; }
</style>
</head>
<body>
<main>
<h1>${t(T.title)}: ${escapeHtml(facts.projectName)}</h1>
<p>${t(T.intro)}</p>
<dl>
<dt>${t(T.project)}</dt><dd>${escapeHtml(facts.projectName)}</dd>
<dt>${t(T.waves)}</dt><dd>${facts.waves.map((w, i) => `${i + 1} = ${escapeHtml(w)}`).join(', ')}</dd>
<dt>${t(T.questionnaires)}</dt><dd>${codebook.instruments.map((i) => `${escapeHtml(i.title[lang])} (${escapeHtml(i.id)} ${escapeHtml(i.version)})`).join(', ')}</dd>
<dt>${t(T.versions)}</dt><dd>${codebook.codebookVersion}, ${codebook.scoringVersion}</dd>
<dt>${t(T.created)}</dt><dd>${escapeHtml(facts.createdOn)}</dd>
</dl>
${tableSection('missing', t(T.missingHeading), t(T.missingIntro), [t(T.code), t(T.label), t(T.meaning)], missingRows)}
${tableSection('variables', t(T.variablesHeading), null, [t(T.name), t(T.label), t(T.type), t(T.values), t(T.missing), t(T.scale)], rows)}
${tableSection('scores', t(T.scoresHeading), t(T.scoresIntro), [t(T.name), t(T.label), t(T.items), t(T.minShare)], scaleRows)}
</main>
</body>
</html>
`;
}

/** codebook.json: the codebook with the facts of the export; every label in nb, nn and en. */
export function codebookJson(codebook: Codebook, facts: ExportFacts): string {
  return `${JSON.stringify(
    {
      format: 'digikompass-codebook',
      ...codebook,
      project: facts.projectName,
      waves: facts.waves.map((label, i) => ({ code: i + 1, label })),
      createdOn: facts.createdOn,
      dataFile: 'data.csv',
      missingCodes: missingCodes(MISSING_KINDS, 1).map((m) => ({ ...m, meaning: DOCUMENT_TEXTS.missingMeaning[m.kind] })),
      notes: { scores: DOCUMENT_TEXTS.scoresIntro, missing: DOCUMENT_TEXTS.missingIntro, codes: { chosen: CODEBOOK_TEXTS.chosen } },
    },
    null,
    2,
  )}\n`;
}

export interface ReadmeFacts extends ExportFacts {
  rows: { csv: number; xlsx: number };
}

/** README.txt, written last so that it can give the row counts of both data files. */
export function readmeText(codebook: Codebook, f: ReadmeFacts): string {
  const missing = missingCodes(MISSING_KINDS, 1)
    .map((m) => `  ${m.value}  ${m.label[f.language]}: ${DOCUMENT_TEXTS.missingMeaning[m.kind][f.language]}`)
    .join('\n');
  const waves = f.waves.map((w, i) => `${i + 1} = ${w}`).join(', ');
  const differ = f.rows.csv !== f.rows.xlsx;
  const variables = codebook.variables.length;
  const texts: Record<Language, string> = {
    nb: `Digikompass – dataeksport
Prosjekt: ${f.projectName}
Runder: ${waves}
Laget: ${f.createdOn} · kodebokversjon ${codebook.codebookVersion} · skåringsversjon ${codebook.scoringVersion}

Filer
  data.csv          Ett svar per rad, ${f.rows.csv} rader og ${variables} variabler. UTF-8, komma som skilletegn, punktum som desimaltegn.
  data.xlsx         De samme dataene for Excel (${f.rows.xlsx} rader), med en fane som forklarer variablene.
  codebook.html     Kodeboken: navn, etikett, type, verdier, manglende verdier og skalaer.
  codebook.json     Den samme kodeboken maskinlesbart, med etiketter på bokmål, nynorsk og engelsk.
  digikompass.sps   SPSS/PSPP: leser data.csv med etiketter og manglende verdier.
  digikompass.do    Stata: leser data.csv med etiketter; kodene blir .a, .b og .c.
  digikompass.R     R (uten pakker): leser data.csv med etiketter; kodene blir NA.
${differ ? '\nMerk: svar ble sendt inn eller trukket tilbake mens eksporten pågikk, så data.csv og data.xlsx har ulikt antall rader.\n' : ''}
Manglende verdier
${missing}

Personvern
  response_id og person_id er pseudonymer som gjelder bare i dette prosjektet. person_id er lik for svarene til
  samme person i koblede runder. Svar som er trukket tilbake, er slettet og er ikke med. Fritekst er renset
  for navn, telefonnumre og lignende. Oppbevar filene som personopplysninger.

Slik åpner du filene: se docs/export.md i Digikompass, eller kort:
  SPSS: INSERT FILE='<mappe>/digikompass.sps' CD=YES.   PSPP: pspp digikompass.sps (i mappen).
  Stata: cd "<mappe>" og do digikompass.do.             R: setwd("<mappe>"); source("digikompass.R", encoding = "UTF-8")
`,
    nn: `Digikompass – dataeksport
Prosjekt: ${f.projectName}
Rundar: ${waves}
Laga: ${f.createdOn} · kodebokversjon ${codebook.codebookVersion} · skåringsversjon ${codebook.scoringVersion}

Filer
  data.csv          Eitt svar per rad, ${f.rows.csv} rader og ${variables} variablar. UTF-8, komma som skiljeteikn, punktum som desimalteikn.
  data.xlsx         Dei same dataa for Excel (${f.rows.xlsx} rader), med ei fane som forklarer variablane.
  codebook.html     Kodeboka: namn, etikett, type, verdiar, manglande verdiar og skalaer.
  codebook.json     Den same kodeboka maskinlesbar, med etikettar på bokmål, nynorsk og engelsk.
  digikompass.sps   SPSS/PSPP: les data.csv med etikettar og manglande verdiar.
  digikompass.do    Stata: les data.csv med etikettar; kodane blir .a, .b og .c.
  digikompass.R     R (utan pakkar): les data.csv med etikettar; kodane blir NA.
${differ ? '\nMerk: svar vart sende inn eller trekte tilbake medan eksporten gjekk, så data.csv og data.xlsx har ulikt tal på rader.\n' : ''}
Manglande verdiar
${missing}

Personvern
  response_id og person_id er pseudonym som berre gjeld i dette prosjektet. person_id er lik for svara til
  same person i kopla rundar. Svar som er trekte tilbake, er sletta og er ikkje med. Fritekst er reinsa
  for namn, telefonnummer og liknande. Oppbevar filene som personopplysningar.

Slik opnar du filene: sjå docs/export.md i Digikompass, eller kort:
  SPSS: INSERT FILE='<mappe>/digikompass.sps' CD=YES.   PSPP: pspp digikompass.sps (i mappa).
  Stata: cd "<mappe>" og do digikompass.do.             R: setwd("<mappe>"); source("digikompass.R", encoding = "UTF-8")
`,
    en: `Digikompass – data export
Project: ${f.projectName}
Waves: ${waves}
Created: ${f.createdOn} · codebook version ${codebook.codebookVersion} · scoring version ${codebook.scoringVersion}

Files
  data.csv          One response per row, ${f.rows.csv} rows and ${variables} variables. UTF-8, comma-separated, decimal point.
  data.xlsx         The same data for Excel (${f.rows.xlsx} rows), with a sheet explaining the variables.
  codebook.html     The codebook: name, label, type, values, missing values and scales.
  codebook.json     The same codebook, machine-readable, with labels in Bokmål, Nynorsk and English.
  digikompass.sps   SPSS/PSPP: reads data.csv with labels and missing values.
  digikompass.do    Stata: reads data.csv with labels; the codes become .a, .b and .c.
  digikompass.R     R (no packages): reads data.csv with labels; the codes become NA.
${differ ? '\nNote: responses were submitted or withdrawn while the export ran, so data.csv and data.xlsx have different row counts.\n' : ''}
Missing values
${missing}

Privacy
  response_id and person_id are pseudonyms valid in this project only. person_id is the same for one person's
  responses in linked waves. Withdrawn responses are deleted and not included. Free text is cleaned of
  names, phone numbers and the like. Keep these files as personal data.

How to open the files: see docs/export.md in Digikompass, or in short:
  SPSS: INSERT FILE='<folder>/digikompass.sps' CD=YES.   PSPP: pspp digikompass.sps (in the folder).
  Stata: cd "<folder>" then do digikompass.do.           R: setwd("<folder>"); source("digikompass.R", encoding = "UTF-8")
`,
  };
  return texts[f.language];
}
