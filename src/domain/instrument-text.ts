/**
 * Reading an instrument file's text (YAML or JSON). Kept apart from instrument.ts so that the browser,
 * which gets instruments as JSON from the API, never bundles the YAML parser.
 */
import { parse as parseYaml } from 'yaml';
import { parseInstrument, type ParseInstrumentResult } from './instrument.js';

/** Parses an instrument file's text: JSON when the name ends in .json, otherwise YAML (duplicate keys are errors). */
export function parseInstrumentText(text: string, fileName = 'instrument.yaml'): ParseInstrumentResult {
  let data: unknown;
  try {
    data = /\.json$/i.test(fileName) ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true, prettyErrors: true });
  } catch (e) {
    return { ok: false, errors: [{ path: '(file)', message: e instanceof Error ? e.message : String(e) }] };
  }
  return parseInstrument(data);
}
