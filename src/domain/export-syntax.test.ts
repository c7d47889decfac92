import { describe, expect, it } from 'vitest';
import { buildCodebook } from './codebook.js';
import { codebookHtml, codebookJson, readmeText } from './export-documents.js';
import { cutBytes, rScript, spssSyntax, stataSyntax, utf8Length } from './export-syntax.js';
import { buildInstrument, text } from './test-instrument.js';

/** A label that tries to break out of every tool's strings. */
const NASTY = 'O\'Brien sa "hei" `ls` $HOME \\ slutt';
const instrument = buildInstrument({
  sections: [{
    id: 's',
    title: text('S'),
    items: [
      { id: 't:role', type: 'single', text: text(NASTY), options: [{ value: 'a', label: text('Æ <b>') }, { value: 'b', label: text('ø') }] },
      { id: 't:long', type: 'number', text: text('x'.repeat(300)), min: 0, max: 5 },
      { id: 't:note', type: 'text', text: text('Note'), maxLength: 30 },
    ],
  }],
});
const codebook = buildCodebook({ instruments: [instrument], waves: [{ label: 'T0' }] });
const title = text('Digikompass: test');
const facts = { projectName: 'P <1>', waves: ['T0'], createdOn: '2026-03-16', language: 'nn' as const };

describe('export syntax', () => {
  it('cuts by UTF-8 bytes without splitting a character', () => {
    expect(utf8Length('æøå')).toBe(6);
    expect(cutBytes('æøåæøå', 8)).toBe('æø…'); // 2 + 2 + 3 (…) ≤ 8; one more character would pass 8
    expect(utf8Length(cutBytes('x'.repeat(300), 255))).toBeLessThanOrEqual(255);
    expect(cutBytes('short', 255)).toBe('short');
  });

  it('SPSS: doubles apostrophes, cuts long labels to 255 bytes, reads numbers as F16.0 and sets display formats after', () => {
    const sps = spssSyntax(codebook, 'nn', title);
    expect(sps).toContain(`  /role 'O''Brien sa "hei" \`ls\` $HOME \\ slutt'`);
    // "long" is a Stata type: the item is named t_long.
    const long = sps.split('\n').find((l) => l.startsWith('  /t_long '))!;
    expect(utf8Length(long.slice('  /t_long '.length + 1, -1))).toBeLessThanOrEqual(255);
    expect(sps).toMatch(/^ {4}role F16\.0$/m);
    expect(sps).toMatch(/^ {4}note A150$/m);
    expect(sps).toMatch(/^ {2}\/role \(F8\.0\)$/m);
    expect(sps).toMatch(/^MISSING VALUES\n {2}role \(-9, -8\)$/m);
  });

  it('Stata: no quote, backtick or dollar survives in a label; variable labels at most 80 characters', () => {
    const doFile = stataSyntax(codebook, 'nn', title);
    const role = doFile.split('\n').find((l) => l.startsWith('label variable role '))!;
    expect(role).toBe('label variable role "O\'Brien sa ”hei” ‘ls‘ ＄HOME / slutt"');
    const long = doFile.split('\n').find((l) => l.startsWith('label variable t_long '))!;
    expect([...long.slice('label variable t_long "'.length, -1)]).toHaveLength(80);
    // Columns by number: ids, names and the date are read as text, the rest as numbers.
    expect(doFile).toContain('stringcols(1/2 6/9 13 19) numericcols(3/5 10/12 14/18)');
  });

  it('R: escapes quotes and backslashes, and lists value labels and missing codes', () => {
    const r = rScript(codebook, 'nn', title);
    expect(r).toContain('dk[["role"]] <- dk_set(dk[["role"]], "O\'Brien sa \\"hei\\" `ls` $HOME \\\\ slutt", c("Æ <b>" = 1, "ø" = 2), c("Ikkje svart på" = -9, "Ikkje vist" = -8))');
    expect(r).toContain('note = "character"');
  });

  it('HTML: language attribute, escaped text, one row per variable with header cells', () => {
    const html = codebookHtml(codebook, facts);
    expect(html).toContain('<html lang="nn">');
    expect(html).toContain('P &lt;1&gt;');
    expect(html).toContain('1 = Æ &lt;b&gt;');
    expect(html.match(/<tr><th scope="row"><code>/g)).toHaveLength(codebook.variables.length + codebook.scales.length);
    expect(html).not.toContain('<b>');
  });

  it('JSON and README: the codebook with the export’s facts; row counts and a note when the files differ', () => {
    const json = JSON.parse(codebookJson(codebook, facts));
    expect(json).toMatchObject({ format: 'digikompass-codebook', project: 'P <1>', waves: [{ code: 1, label: 'T0' }] });
    expect(json.missingCodes.map((m: { value: number }) => m.value)).toEqual([-9, -8, -7]);
    expect(readmeText(codebook, { ...facts, rows: { csv: 12, xlsx: 12 } })).toContain('12 rader');
    expect(readmeText(codebook, { ...facts, rows: { csv: 12, xlsx: 11 } })).toContain('ulikt tal på rader');
    expect(readmeText(codebook, { ...facts, language: 'en', rows: { csv: 1, xlsx: 1 } })).toContain('Missing values');
  });
});
