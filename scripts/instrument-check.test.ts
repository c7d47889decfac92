import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseInstrumentText } from '../src/domain/instrument-text.js';
import { checkFile } from './instrument-check.js';
import { instrumentJsonSchemaText, SCHEMA_FILE } from './instrument-schema.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const instrumentFiles = readdirSync(join(root, 'instruments')).filter((f) => /\.(ya?ml|json)$/.test(f));

describe('instruments/', () => {
  it('holds instruments', () => {
    expect(instrumentFiles).toContain('digikompass-demo-0.1.0.yaml');
  });

  it.each(instrumentFiles)('%s is valid and named id-version', (file) => {
    const { errors, summary } = checkFile(join(root, 'instruments', file));
    expect(errors).toEqual([]);
    expect(summary).toMatch(/answerable items/);
  });

  it('the demo takes about five minutes and has the agreed structure', () => {
    const r = parseInstrumentText(readFileSync(join(root, 'instruments', 'digikompass-demo-0.1.0.yaml'), 'utf8'), 'demo.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.instrument.id).toBe('digikompass-demo');
    expect(r.instrument.scales.map((s) => `${s.id}:${s.kind}`)).toEqual(['ict:area', 'practice:area', 'trust:trust']);
  });
});

describe('instrument-check', () => {
  it('reports errors with paths, and a wrong file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dk-instrument-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'id: x\nversion: 1\n');
    expect(checkFile(bad).errors.map((e) => e.path)).toContain('version');
    const misnamed = join(dir, 'other-9.9.9.yaml');
    writeFileSync(misnamed, readFileSync(join(root, 'instruments', 'digikompass-demo-0.1.0.yaml')));
    expect(checkFile(misnamed).errors).toEqual([{ path: 'id', message: 'the file should be named digikompass-demo-0.1.0.yaml (id-version)' }]);
    expect(checkFile(join(dir, 'missing.yaml')).errors[0]!.path).toBe('(file)');
  });
});

describe(SCHEMA_FILE, () => {
  it('is up to date with the contract (run: npx tsx scripts/gen-instrument-schema.ts)', () => {
    expect(readFileSync(join(root, SCHEMA_FILE), 'utf8')).toBe(instrumentJsonSchemaText());
  });

  it('describes the recursive condition', () => {
    const schema = JSON.parse(instrumentJsonSchemaText()) as { $defs: Record<string, unknown> };
    expect(Object.keys(schema.$defs)).toContain('Condition');
    expect(JSON.stringify(schema.$defs.Condition)).toContain('"$ref":"#/$defs/Condition"');
  });
});
