/**
 * Questionnaire versions: loaded from instruments/*.yaml|json into the database at start (new versions
 * are added; an unused version whose file changed is replaced; a used version whose file changed stops
 * the start with a clear error), and read back parsed, cached in memory (a used version never changes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Instrument } from '../../contracts/instrument.js';
import type { InstrumentVersion } from '../../contracts/api.js';
import { parseInstrumentText } from '../../domain/instrument-text.js';
import { sha256Hex } from '../adapters/secrets.js';
import { NotFound } from '../errors.js';
import type { InstrumentRepository } from '../repositories/instrument.repository.js';

/** JSON with object keys sorted, so the hash depends on content only. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(instrument: Instrument): string {
  return sha256Hex(canonicalJson(instrument));
}

/** instruments/ at the repository's root. */
export const DEFAULT_INSTRUMENTS_DIR = fileURLToPath(new URL('../../../instruments', import.meta.url));

export class InstrumentFileError extends Error {}

export class InstrumentService {
  private readonly cache = new Map<string, Instrument>();

  constructor(private readonly repo: InstrumentRepository) {}

  async get(id: string, version: string): Promise<Instrument> {
    const key = `${id}@${version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const stored = await this.repo.get(id, version);
    if (!stored) throw new NotFound();
    const instrument = Instrument.parse(stored.definition);
    // Only versions in use are immutable; others may still be replaced from their file.
    if (stored.inUse) this.cache.set(key, instrument);
    return instrument;
  }

  async list(): Promise<InstrumentVersion[]> {
    const rows = await this.repo.list();
    return rows.map((r) => {
      const def = Instrument.parse(r.definition);
      return { id: r.id, version: r.version, form: r.form, title: def.title, inUse: r.inUse };
    });
  }

  /** Stores one parsed instrument: added, unchanged, replaced (unused) or refused (used and changed). */
  async store(instrument: Instrument, source: string): Promise<'added' | 'unchanged' | 'replaced'> {
    const hash = contentHash(instrument);
    const existing = await this.repo.get(instrument.id, instrument.version);
    const row = { id: instrument.id, version: instrument.version, form: instrument.form, definition: instrument, contentHash: hash };
    if (!existing) {
      await this.repo.insert(row);
      return 'added';
    }
    if (existing.contentHash === hash) return 'unchanged';
    if (existing.inUse) {
      throw new InstrumentFileError(
        `${source}: ${instrument.id}@${instrument.version} differs from the stored version, which a wave already uses. ` +
          'A used questionnaire version is immutable: restore the file, or give the changed questionnaire a new version number.',
      );
    }
    await this.repo.replace(row);
    this.cache.delete(`${instrument.id}@${instrument.version}`);
    return 'replaced';
  }

  /** Loads every .yaml/.yml/.json file in `dir`; invalid files stop the start with their errors. */
  async loadDirectory(dir: string): Promise<{ file: string; result: 'added' | 'unchanged' | 'replaced' }[]> {
    const files = readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/i.test(f))
      .sort();
    const out: { file: string; result: 'added' | 'unchanged' | 'replaced' }[] = [];
    for (const file of files) {
      const parsed = parseInstrumentText(readFileSync(join(dir, file), 'utf8'), file);
      if (!parsed.ok) {
        throw new InstrumentFileError(`${join(dir, file)} is not a valid instrument:\n${parsed.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
      }
      out.push({ file, result: await this.store(parsed.instrument, join(dir, file)) });
    }
    return out;
  }
}
