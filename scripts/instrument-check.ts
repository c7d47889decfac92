/**
 * `npm run instrument:check FILE [FILE…]`: validates questionnaire files (YAML or JSON) with
 * parseInstrumentText() — schema and structural rules — and prints a summary with an estimated
 * completion time. Exit code 1 when any file has an error.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Instrument } from '../src/contracts/instrument.js';
import { answerableItems, estimateMinutes, type InstrumentError } from '../src/domain/instrument.js';
import { parseInstrumentText } from '../src/domain/instrument-text.js';

/** A file is named after what it holds, so the server and people find it: `<id>-<version>.yaml`. */
export function fileNameErrors(fileName: string, instrument: Instrument): InstrumentError[] {
  const expected = `${instrument.id}-${instrument.version}`;
  const actual = basename(fileName).replace(/\.(ya?ml|json)$/i, '');
  return actual === expected ? [] : [{ path: 'id', message: `the file should be named ${expected}.yaml (id-version)` }];
}

export function checkFile(file: string): { errors: InstrumentError[]; summary?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { errors: [{ path: '(file)', message: e instanceof Error ? e.message : String(e) }] };
  }
  const result = parseInstrumentText(text, file);
  if (!result.ok) return { errors: result.errors };
  const i = result.instrument;
  const errors = fileNameErrors(file, i);
  if (errors.length > 0) return { errors };

  const answerable = answerableItems(i);
  const conditional = answerable.filter((a) => a.showIf.length > 0).length;
  const minutes = (['nb', 'nn', 'en'] as const).map((lang) => `${lang} ${estimateMinutes(i, lang).toFixed(1)}`).join(', ');
  const lines = [
    `${i.id} ${i.version} (${i.form}): ${i.sections.length} sections, ${answerable.length} answerable items (${conditional} conditional), ${i.scales.length} scales`,
    ...i.scales.map((s) => `  scale ${s.id} (${s.kind}): ${s.items.length} items, ${s.items.filter((x) => x.reverse).length} reverse-keyed`),
    `  estimated minutes with every item shown: ${minutes}`,
  ];
  return { errors: [], summary: lines.join('\n') };
}

function main(files: string[]): number {
  if (files.length === 0) {
    console.error('usage: npm run instrument:check FILE [FILE…]');
    return 2;
  }
  let failed = false;
  for (const file of files) {
    const { errors, summary } = checkFile(file);
    if (errors.length > 0) {
      failed = true;
      for (const e of errors) console.error(`${file}: ${e.path}: ${e.message}`);
    } else {
      console.log(`${file}: OK\n${summary}`);
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  process.exitCode = main(process.argv.slice(2));
}
