// The receipt page's pure parts: reading a typed receipt code, the mailto:/sms: links, and the summary of one's own answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET } from '../../../domain/codes.js';
import { fixtureInstrument } from '../../../domain/test-instrument.js';
import { mailtoHref, readReceiptInput, receiptPageUrl, smsHref } from './receiptCode.js';
import { answerSummary } from './summary.js';

describe('readReceiptInput', () => {
  it('forgives spaces, dashes, lower case and the look-alikes I, L and O', () => {
    const canonical = { ok: true, code: '1A2B-3C4D-5E6F-7G8H-9J0K' };
    expect(readReceiptInput('1A2B-3C4D-5E6F-7G8H-9J0K')).toEqual(canonical);
    expect(readReceiptInput(' 1a2b 3c4d 5e6f 7g8h 9j0k ')).toEqual(canonical);
    expect(readReceiptInput('1a2b3c4d5e6f7g8h9j0k')).toEqual(canonical);
    expect(readReceiptInput('ia2b–3c4d–5e6f–7g8h–9joK')).toEqual(canonical);
  });

  it('says why a text cannot be a receipt code, without asking the server', () => {
    expect(readReceiptInput('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(readReceiptInput('1A2B-3C4D-5E6F-7G8H-9J0U')).toEqual({ ok: false, reason: 'characters' });
    expect(readReceiptInput('1A2B-3C4D-5E6F-7G8H-9J0K!')).toEqual({ ok: false, reason: 'characters' });
    expect(readReceiptInput('1A2B-3C4D-5E6F-7G8H')).toEqual({ ok: false, reason: 'length' });
    expect(readReceiptInput('1A2B-3C4D-5E6F-7G8H-9J0K-1')).toEqual({ ok: false, reason: 'length' });
  });

  it('reads back any receipt code however it is grouped or cased', () => {
    const char = fc.constantFrom(...CROCKFORD_ALPHABET);
    fc.assert(
      fc.property(fc.array(char, { minLength: 20, maxLength: 20 }), fc.array(fc.constantFrom('', ' ', '-'), { minLength: 20, maxLength: 20 }), fc.boolean(), (chars, gaps, lower) => {
        const code = chars.join('');
        const typed = chars.map((c, i) => c + gaps[i]).join('');
        const result = readReceiptInput(lower ? typed.toLowerCase() : typed);
        expect(result).toEqual({ ok: true, code: code.match(/.{4}/g)!.join('-') });
      }),
    );
  });
});

describe('links to send the code to oneself', () => {
  it('builds a mailto: link with no recipient, an encoded subject and CRLF line breaks', () => {
    const href = mailtoHref('Kvittering & kode', 'Kode: ABCD-EFGH\nSide: https://x.test/kvittering?a=1');
    expect(href).toBe('mailto:?subject=Kvittering%20%26%20kode&body=Kode%3A%20ABCD-EFGH%0D%0ASide%3A%20https%3A%2F%2Fx.test%2Fkvittering%3Fa%3D1');
    const url = new URL(href);
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe('');
    expect(url.searchParams.get('body')).toBe('Kode: ABCD-EFGH\r\nSide: https://x.test/kvittering?a=1');
  });

  it('builds an sms: link that iOS and Android both read, with the text encoded', () => {
    const href = smsHref('Svar på «T0»: ABCD-EFGH');
    expect(href.startsWith('sms:?&body=')).toBe(true);
    expect(decodeURIComponent(href.slice('sms:?&body='.length))).toBe('Svar på «T0»: ABCD-EFGH');
    expect(href).not.toMatch(/[\s«»]/);
  });

  it('points at the receipt page of this server', () => {
    expect(receiptPageUrl('https://digikompass.example')).toBe('https://digikompass.example/kvittering');
    expect(receiptPageUrl('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173/kvittering');
  });
});

describe('answerSummary', () => {
  const instrument = fixtureInstrument();
  const format = (n: number) => `#${n}`;

  it('names the chosen options, in the form order, and leaves out the unit and questions that were never shown', () => {
    const summary = answerSummary(instrument, { 't:single': 'b', 't:multi': ['y', 'x'], 't:num': 2, 't:r1': 4, 't:l1': 0 }, 'nb', format);
    expect(summary.map((s) => s.id)).toEqual(['first', 'second']); // third is shown only when t:num > 3
    const first = summary[0]!;
    expect(first.entries.map((e) => e.id)).toEqual(['t:single', 't:multi', 't:num']);
    expect(first.entries.map((e) => e.answer)).toEqual([['b'], ['x', 'y'], ['#2']]);
    const grid = summary[1]!.entries[0]!;
    // r3 is shown only when t:single is "a".
    expect(grid.rows?.map((r) => [r.id, r.answer])).toEqual([['t:r1', ['a4']], ['t:r2', null]]);
    expect(summary[1]!.entries[1]).toMatchObject({ id: 't:l1', answer: ['b0'] });
  });

  it('shows skipped questions as not answered, and "not relevant" by its label', () => {
    const summary = answerSummary(instrument, { 't:num': 5, 't:l2': 'na' }, 'nn', format);
    const entries = summary.flatMap((s) => s.entries);
    expect(entries.find((e) => e.id === 't:single')?.answer).toBeNull();
    expect(entries.find((e) => e.id === 't:multi')?.answer).toBeNull();
    expect(entries.find((e) => e.id === 't:l2')?.answer).toEqual(['not relevant']);
    // The grid in "third" has only a row shown when t:l2 ≥ 3: with "not relevant" it is not there at all.
    expect(entries.some((e) => e.id === 't:grid2')).toBe(false);
  });
});
