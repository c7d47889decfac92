/**
 * Syntax files that load an export's data.csv with its labels: SPSS/PSPP (.sps), Stata (.do) and R
 * (base R, no packages). Pure: they are made from the codebook alone, in the language the researcher
 * chose. Each tool's limits are respected here (SPSS: variable labels 255 bytes, value labels 120 bytes;
 * Stata: variable labels 80 characters), and texts are quoted so that no label can break the syntax.
 * The SPSS syntax is run in PSPP and the R script in R by src/server/routes/export.routes.db.test.ts.
 */
import type { Language, LocalizedText } from '../contracts/instrument.js';
import type { Codebook, MissingKind, Variable } from './codebook.js';

export const DATA_FILE = 'data.csv';

/** Bytes of one character (code point) in UTF-8. */
const utf8Size = (ch: string) => {
  const cp = ch.codePointAt(0)!;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
};
export const utf8Length = (text: string) => {
  let n = 0;
  for (const ch of text) n += utf8Size(ch);
  return n;
};

/** `text` cut to at most `max` UTF-8 bytes without splitting a character. */
export function cutBytes(text: string, max: number): string {
  if (utf8Length(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = utf8Size(ch);
    if (bytes + size > max - 3) break; // room for "…"
    out += ch;
    bytes += size;
  }
  return `${out}…`;
}

const cutChars = (text: string, max: number) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);
/** Labels are one line in every tool. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

function header(codebook: Codebook, comment: string, language: Language, title: LocalizedText): string[] {
  const forms = codebook.instruments.map((i) => `${i.id} ${i.version}`).join(', ');
  return [
    `${comment} ${flat(title[language])}`,
    `${comment} Digikompass codebook version ${codebook.codebookVersion}, scoring version ${codebook.scoringVersion}; questionnaires: ${forms}.`,
    `${comment} Labels: ${language}. Missing codes: see codebook.html (not answered, not shown, not applicable).`,
  ];
}

const numericVars = (cb: Codebook) => cb.variables.filter((v) => v.type === 'numeric');
const withMissing = (cb: Codebook) => cb.variables.filter((v) => v.missing.length > 0);

/** Measurement level, for SPSS: codes are nominal, Likert points ordinal, numbers and scores scale. */
function level(v: Variable): 'NOMINAL' | 'ORDINAL' | 'SCALE' {
  if (v.type !== 'numeric') return 'NOMINAL';
  if (v.source.kind === 'item' && v.source.answer === 'likert') return 'ORDINAL';
  if (v.source.kind === 'score' || (v.source.kind === 'item' && v.source.answer === 'number')) return 'SCALE';
  if (v.source.kind === 'meta' && (v.source.field === 'active_minutes' || v.source.field === 'consent_version' || v.source.field === 'scoring_version')) return 'SCALE';
  return 'NOMINAL';
}

// ---- SPSS / PSPP

const spssString = (text: string, maxBytes: number) => `'${cutBytes(flat(text), maxBytes).replace(/'/g, "''")}'`;

function spssInputFormat(v: Variable): string {
  if (v.type === 'string') return `A${v.width ?? 255}`;
  if (v.type === 'date') return 'SDATE10';
  // Always .0 when reading: Fw.d would put d implied decimals into a value written without a point.
  return 'F16.0';
}

export function spssSyntax(codebook: Codebook, language: Language, title: LocalizedText): string {
  const v = codebook.variables;
  const lines = [
    '* Encoding: UTF-8.',
    ...header(codebook, '*', language, title).map((l) => (l.endsWith('.') ? l : `${l}.`)),
    '* Run it from the folder that holds data.csv: in SPSS use INSERT FILE=\'<folder>/digikompass.sps\' CD=YES,',
    '* or put CD \'<folder>\'. first; in PSPP start it in that folder (pspp digikompass.sps).',
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE='${DATA_FILE}'`,
    "  /ENCODING='UTF-8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    '  /FIRSTCASE=2',
    "  /DELIMITERS=','",
    "  /QUALIFIER='\"'",
    '  /VARIABLES=',
    ...v.map((x) => `    ${x.name} ${spssInputFormat(x)}`),
    '.',
    'VARIABLE LABELS',
    ...v.map((x, i) => `  ${i === 0 ? '' : '/'}${x.name} ${spssString(x.label[language], 255)}`),
    '.',
  ];
  const labelled = v.filter((x) => x.type === 'numeric' && (x.valueLabels.length > 0 || x.missing.length > 0));
  if (labelled.length > 0) {
    lines.push('VALUE LABELS');
    labelled.forEach((x, i) => {
      lines.push(`  ${i === 0 ? '' : '/'}${x.name}`);
      for (const l of [...x.valueLabels, ...x.missing]) lines.push(`    ${l.value} ${spssString(l.label[language], 120)}`);
    });
    lines.push('.');
  }
  const missing = withMissing(codebook);
  if (missing.length > 0) {
    lines.push('MISSING VALUES');
    missing.forEach((x, i) => lines.push(`  ${i === 0 ? '' : '/'}${x.name} (${x.missing.map((m) => m.value).join(', ')})`));
    lines.push('.');
  }
  lines.push('FORMATS');
  numericVars(codebook).forEach((x, i) => lines.push(`  ${i === 0 ? '' : '/'}${x.name} (F${x.decimals ? 8 + x.decimals : 8}.${x.decimals ?? 0})`));
  lines.push('.');
  for (const lvl of ['NOMINAL', 'ORDINAL', 'SCALE'] as const) {
    const names = v.filter((x) => x.type !== 'string' && x.type !== 'date' && level(x) === lvl).map((x) => x.name);
    if (names.length > 0) lines.push(`VARIABLE LEVEL ${wrap(names, '  ').trimStart()} (${lvl}).`);
  }
  lines.push('EXECUTE.', '');
  return lines.join('\n');
}

/** Names, several per line, each line after the first indented. */
function wrap(names: readonly string[], indent: string, perLine = 8): string {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += perLine) out.push(names.slice(i, i + perLine).join(' '));
  return out.map((l, i) => (i === 0 ? l : `${indent}${l}`)).join('\n');
}

// ---- Stata

/** Stata's extended missing values for our kinds of missing. */
export const STATA_MISSING: Record<MissingKind, string> = { not_answered: '.a', not_shown: '.b', not_applicable: '.c' };

/**
 * A Stata string in plain double quotes. Characters that Stata would read as quotes or macros (" ` $)
 * are written as their typographic look-alikes, so no label can run code or end the string early.
 */
const stataString = (text: string, maxChars?: number) => {
  const safe = flat(text).replace(/"/g, '”').replace(/`/g, '‘').replace(/\$/g, '＄').replace(/\\/g, '/');
  return `"${maxChars ? cutChars(safe, maxChars) : safe}"`;
};

/** Column numbers as a Stata numlist: 1 2 5/9. */
function numlist(indices: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < indices.length; i++) {
    const start = indices[i]!;
    let end = start;
    while (indices[i + 1] === end + 1) end = indices[++i]!;
    out.push(end === start ? `${start}` : `${start}/${end}`);
  }
  return out.join(' ');
}

export function stataSyntax(codebook: Codebook, language: Language, title: LocalizedText): string {
  const v = codebook.variables;
  const columns = (pick: (x: Variable) => boolean) => numlist(v.flatMap((x, i) => (pick(x) ? [i + 1] : [])));
  const lines = [
    ...header(codebook, '*', language, title),
    '* Run it from the folder that holds data.csv (cd "<folder>"), then: do digikompass.do',
    'version 16',
    'clear',
    `import delimited using "${DATA_FILE}", clear varnames(1) delimiters(",") bindquotes(strict) encoding("utf-8") case(preserve) ///`,
    `  stringcols(${columns((x) => x.type !== 'numeric')}) numericcols(${columns((x) => x.type === 'numeric')})`,
  ];
  for (const x of v) lines.push(`label variable ${x.name} ${stataString(x.label[language], 80)}`);
  for (const x of v.filter((y) => y.type === 'numeric' && (y.valueLabels.length > 0 || y.missing.length > 0))) {
    const pairs = [
      ...x.valueLabels.map((l) => `${l.value} ${stataString(l.label[language])}`),
      ...x.missing.map((m) => `${STATA_MISSING[m.kind]} ${stataString(m.label[language])}`),
    ];
    lines.push(`label define ${x.name} ${pairs.join(' ')}, replace`, `label values ${x.name} ${x.name}`);
  }
  // One mvdecode per set of codes (most variables share −9/−8/−7; some have codes moved out of their range).
  const groups = new Map<string, Variable[]>();
  for (const x of withMissing(codebook)) {
    const rule = x.missing.map((m) => `${m.value}=${STATA_MISSING[m.kind]}`).join(' \\ ');
    groups.set(rule, [...(groups.get(rule) ?? []), x]);
  }
  for (const [rule, vars] of groups) {
    for (let i = 0; i < vars.length; i += 20) lines.push(`mvdecode ${vars.slice(i, i + 20).map((x) => x.name).join(' ')}, mv(${rule})`);
  }
  for (const x of v.filter((y) => y.type === 'date')) {
    lines.push(
      `generate double dk_date = date(${x.name}, "YMD")`,
      'format dk_date %td',
      `order dk_date, after(${x.name})`,
      `drop ${x.name}`,
      `rename dk_date ${x.name}`,
      `label variable ${x.name} ${stataString(x.label[language], 80)}`,
    );
  }
  lines.push('compress', '');
  return lines.join('\n');
}

// ---- R

const rString = (text: string) => `"${flat(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const rNamed = (pairs: readonly { value: number; label: LocalizedText }[], language: Language) =>
  `c(${pairs.map((p) => `${rString(p.label[language])} = ${p.value}`).join(', ')})`;

function rColClass(v: Variable): string {
  return v.type === 'numeric' ? 'numeric' : 'character';
}

export function rScript(codebook: Codebook, language: Language, title: LocalizedText): string {
  const v = codebook.variables;
  const lines = [
    ...header(codebook, '#', language, title),
    '# Base R only. Run it from the folder that holds data.csv, or set dk_folder first:',
    '#   dk_folder <- "<folder>"; source(file.path(dk_folder, "digikompass.R"), encoding = "UTF-8")',
    '# The data frame is `dk`. Each column has attr "label" (variable label) and, where coded, attr "labels"',
    '# (value labels, named numbers, as the haven package uses them); dk_factor(x) turns one into a factor.',
    '# Missing codes become NA; set dk_keep_codes <- TRUE first to keep them (listed in attr "na_values").',
    'if (!exists("dk_folder")) dk_folder <- "."',
    'if (!exists("dk_keep_codes")) dk_keep_codes <- FALSE',
    '',
    'dk <- utils::read.csv(',
    `  file.path(dk_folder, "${DATA_FILE}"), fileEncoding = "UTF-8", encoding = "UTF-8",`,
    '  na.strings = "", check.names = FALSE, stringsAsFactors = FALSE,',
    '  colClasses = c(',
    ...v.map((x, i) => `    ${x.name} = "${rColClass(x)}"${i === v.length - 1 ? '' : ','}`),
    '  )',
    ')',
    ...v.filter((x) => x.type === 'date').map((x) => `dk[["${x.name}"]] <- as.Date(dk[["${x.name}"]])`),
    '',
    'dk_set <- function(x, label, labels = NULL, missing = NULL) {',
    '  if (!is.null(missing)) {',
    '    if (dk_keep_codes) {',
    '      labels <- c(labels, missing)',
    '      attr(x, "na_values") <- unname(missing)',
    '    } else {',
    '      x[x %in% missing] <- NA',
    '    }',
    '  }',
    '  attr(x, "label") <- label',
    '  if (length(labels) > 0) attr(x, "labels") <- labels',
    '  x',
    '}',
    'dk_factor <- function(x) {',
    '  labels <- attr(x, "labels")',
    '  factor(x, levels = unname(labels), labels = names(labels))',
    '}',
    '',
  ];
  for (const x of v) {
    const args = [`dk[["${x.name}"]]`, rString(x.label[language])];
    if (x.valueLabels.length > 0 || x.missing.length > 0) args.push(x.valueLabels.length > 0 ? rNamed(x.valueLabels, language) : 'NULL');
    if (x.missing.length > 0) args.push(rNamed(x.missing, language));
    lines.push(`dk[["${x.name}"]] <- dk_set(${args.join(', ')})`);
  }
  lines.push(
    '',
    '# Scales: items (reverse-keyed ones marked) and the score variable, e.g. for psych::alpha(dk[dk_scales$<id>$items], keys = ...).',
    'dk_scales <- list(',
    ...codebook.scales.map(
      (s, i) =>
        `  "${s.id}" = list(label = ${rString(s.label[language])}, score = "${s.variable}", ` +
        `items = c(${s.items.map((it) => `"${it.variable}"`).join(', ')}), reverse = c(${s.items.map((it) => (it.reverse ? 'TRUE' : 'FALSE')).join(', ')}))` +
        (i === codebook.scales.length - 1 ? '' : ','),
    ),
    ')',
    'rm(dk_set)',
    '',
  );
  return lines.join('\n');
}
