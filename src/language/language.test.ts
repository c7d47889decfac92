/**
 * Language checks over every instrument file (instruments/*.yaml: every { nb, nn, en } text) and the
 * web app's nb / nn UI strings (src/web/i18n/{nb,nn}.json, when they exist):
 *  - spelling: nb texts against hunspell nb_NO, nn texts against nn_NO, with allow-list.json;
 *  - deny-lists: no bokmål-only forms in nn texts, no nynorsk-only forms in nb texts;
 *  - no nn text over three words identical to its nb text;
 *  - plain language: item texts at most 25 words (those over 20 are printed).
 * Without the hunspell dictionaries the spelling part is skipped with a printed reason — except with
 * CI set, where missing dictionaries fail the run (.ci/run installs hunspell and hunspell-no).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { allEntries, generatedTexts, instrumentFiles, instrumentTexts, localizedTexts, repoRoot, uiMessages } from './collect';
import {
  BOKMAL_ONLY, NYNORSK_ONLY, PLAIN_LANGUAGE_LIMIT, PLAIN_LANGUAGE_TARGET,
  denyHits, isCopiedNynorsk, stripMarkup, wordCount, words,
} from './rules';
import { checkTexts, dictionaryStatus, findUnknownWords, hunspellUnknown, type AllowEntry } from './spelling';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const dictionaries = dictionaryStatus();
const skipSpelling = !dictionaries.ok && !ci;
if (skipSpelling && !dictionaries.ok) {
  console.log(`ℹ Spell-check (hunspell nb_NO / nn_NO) skipped: ${dictionaries.reason}. With CI=true this fails instead.`);
}
const requireDictionaries = () => {
  if (!dictionaries.ok) throw new Error(`CI requires the hunspell dictionaries: ${dictionaries.reason}`);
};

const allow = (JSON.parse(readFileSync(join(repoRoot, 'src', 'language', 'allow-list.json'), 'utf8')) as { entries: AllowEntry[] }).entries;
const files = instrumentFiles();
const entries = allEntries();
const ui = uiMessages();

describe('language rules (pure)', () => {
  it('strips placeholders, HTML and URLs before checking', () => {
    expect(words('Hei {{name}}, <strong>du</strong> har %d svar på https://example.org/a-b')).toEqual(['Hei', 'du', 'har', 'svar', 'på']);
    expect(stripMarkup('$t(common.yes) og {{count}}')).not.toMatch(/common|count/);
  });

  it('keeps hyphenated words whole and drops the hyphen of a shared compound and tokens with digits', () => {
    expect(words('helse- og omsorg, e-post og IKT-kompetanse i T0 og 12–15')).toEqual(['helse', 'og', 'omsorg', 'e-post', 'og', 'IKT-kompetanse', 'i', 'og']);
  });

  it('flags bokmål forms in nynorsk and nynorsk forms in bokmål', () => {
    expect(denyHits('nn', 'Jeg vet ikke hvordan eg skal gjere det')).toEqual(expect.arrayContaining(['jeg', 'vet', 'ikke', 'hvordan']));
    expect(denyHits('nn', 'Eg veit ikkje korleis eg skal gjere det, men vi får hjelp hos leiaren også.')).toEqual([]);
    expect(denyHits('nb', 'Eg veit ikkje korleis')).toEqual(expect.arrayContaining(['eg', 'ikkje', 'korleis']));
    expect(denyHits('nb', 'Jeg vet ikke hvordan jeg skal gjøre det, men vi får hjelp hjem også.')).toEqual([]);
  });

  it('keeps the deny-lists apart: no form is on both', () => {
    expect(BOKMAL_ONLY.filter((w) => NYNORSK_ONLY.includes(w))).toEqual([]);
  });

  it('treats an nn text of more than three words equal to the nb text as a copy', () => {
    expect(isCopiedNynorsk('Digital kompetanse i helse', 'Digital kompetanse i helse')).toBe(true);
    expect(isCopiedNynorsk('Etikk og personvern', 'Etikk og personvern')).toBe(false);
    expect(isCopiedNynorsk('Hvor ofte bruker du dette?', 'Kor ofte brukar du dette?')).toBe(false);
  });

  it('collects every { nb, nn, en } object with a readable path', () => {
    const texts = localizedTexts(
      { sections: [{ id: 'a', title: { nb: 'x', nn: 'y', en: 'z' }, items: [{ id: 'dk:q', text: { nb: 'b', nn: 'n', en: 'e' } }] }] },
      'f.yaml',
    );
    expect(texts.map((t) => [t.path, t.isItemText])).toEqual([['sections[a].title', false], ['sections[a].items[dk:q].text', true]]);
  });
});

describe('language checks on the instruments and UI strings', () => {
  it('has instrument files to check, and the texts written in code', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(entries.some((e) => e.source === 'src/domain/local-items.ts' && e.lang === 'nn' && e.text === 'Lokale system')).toBe(true);
    console.log(`ℹ Language checks: ${files.length} instrument file(s), UI strings: ${ui.nb ? ui.nb.source : 'no nb.json yet'}, ${ui.nn ? ui.nn.source : 'no nn.json yet'}; ${entries.length} nb/nn texts.`);
  });

  it.skipIf(skipSpelling)('hunspell flags bokmål in nynorsk and nynorsk in bokmål (self-test of the checker)', () => {
    requireDictionaries();
    expect(checkTexts('nn', ['Jeg vet ikke hvordan det virker.'])).toEqual(expect.arrayContaining(['Jeg', 'ikke', 'hvordan']));
    expect(checkTexts('nb', ['Eg veit ikkje korleis det verkar.'])).toEqual(expect.arrayContaining(['Eg', 'ikkje', 'korleis']));
    expect(checkTexts('nn', ['Eg veit ikkje korleis det verkar.'])).toEqual([]);
    expect(checkTexts('nb', ['Jeg vet ikke hvordan det virker.'])).toEqual([]);
    // a hyphenated word is checked part by part, the allow-list applies to the parts
    expect(checkTexts('nb', ['Send en e-post.'])).toEqual(['e-post']);
    expect(checkTexts('nb', ['Send en e-post.'], [{ word: 'e', reason: 'prefix' }])).toEqual([]);
  });

  it.skipIf(skipSpelling)('every nb text is bokmål and every nn text nynorsk by the hunspell dictionaries', () => {
    requireDictionaries();
    const unknown = findUnknownWords(entries, allow);
    const report = unknown.map((u) => `${u.source} ${u.path} [${u.lang}] «${u.word}» in: ${u.text}`).join('\n');
    expect(unknown, `Unknown words (fix the text, or add a product name or domain term to src/language/allow-list.json with a reason):\n${report}`).toEqual([]);
  });

  it.skipIf(skipSpelling)('the allow-list is short: every entry has a reason and is unknown to its dictionaries', () => {
    requireDictionaries();
    for (const e of allow) expect(e.reason.trim().length, `allow-list entry ${e.word} needs a reason`).toBeGreaterThan(5);
    const redundant: string[] = [];
    for (const lang of ['nb', 'nn'] as const) {
      const mine = allow.filter((e) => (e.langs ?? ['nb', 'nn']).includes(lang)).map((e) => e.word);
      const unknown = hunspellUnknown(lang, mine);
      for (const w of mine) if (!unknown.has(w)) redundant.push(`${w} (${lang})`);
    }
    expect(redundant, 'allow-list entries the dictionary already knows (remove them or narrow langs)').toEqual([]);
  });

  it('no bokmål-only forms in nn texts and no nynorsk-only forms in nb texts', () => {
    const hits = entries
      .map((e) => ({ e, hits: denyHits(e.lang, e.text) }))
      .filter((x) => x.hits.length > 0)
      .map(({ e, hits }) => `${e.source} ${e.path} [${e.lang}] ${hits.join(', ')} in: ${e.text}`);
    expect(hits, hits.join('\n')).toEqual([]);
  });

  it('no nn text over three words is identical to its nb text', () => {
    const copies: string[] = [];
    for (const t of [...files.flatMap((file) => instrumentTexts(file)), ...generatedTexts()]) if (isCopiedNynorsk(t.nb, t.nn)) copies.push(`${t.source} ${t.path}: ${t.nn}`);
    if (ui.nb && ui.nn) {
      for (const [key, nn] of ui.nn.messages) {
        const nb = ui.nb.messages.get(key);
        if (nb !== undefined && isCopiedNynorsk(nb, nn)) copies.push(`${ui.nn.source} ${key}: ${nn}`);
      }
    }
    expect(copies, `nn texts that are copies of the nb text:\n${copies.join('\n')}`).toEqual([]);
  });

  it(`item texts are plain: at most ${PLAIN_LANGUAGE_LIMIT} words (prints those over ${PLAIN_LANGUAGE_TARGET})`, () => {
    const over: string[] = [];
    const tooLong: string[] = [];
    for (const file of files) {
      for (const t of instrumentTexts(file)) {
        if (!t.isItemText) continue;
        for (const lang of ['nb', 'nn', 'en'] as const) {
          const n = wordCount(t[lang]);
          if (n > PLAIN_LANGUAGE_TARGET) over.push(`${t.source} ${t.path} [${lang}] ${n} words: ${t[lang]}`);
          if (n > PLAIN_LANGUAGE_LIMIT) tooLong.push(`${t.source} ${t.path} [${lang}] ${n} words`);
        }
      }
    }
    if (over.length) console.log(`ℹ Item texts over ${PLAIN_LANGUAGE_TARGET} words:\n${over.join('\n')}`);
    expect(tooLong, tooLong.join('\n')).toEqual([]);
  });

  it('an item id means one wording: the same id has the same text, type, options and scale in every instrument file', () => {
    // A short form reuses the full form's ids, and a later version keeps an id only for an unchanged item:
    // a changed text (in any language) needs a new id, never a silent edit (docs/instrument.md).
    type Row = { id: string; text: unknown };
    type Item = Row & { type: string; options?: unknown; scale?: string; min?: number; max?: number; rows?: Row[] };
    type Doc = { id: string; version: string; sections: { items: Item[] }[] };
    const meaning = new Map<string, { signature: string; where: string }>();
    const conflicts: string[] = [];
    const record = (id: string, signature: unknown, where: string) => {
      const sig = JSON.stringify(signature);
      const seen = meaning.get(id);
      if (!seen) meaning.set(id, { signature: sig, where });
      else if (seen.signature !== sig) conflicts.push(`${id}: ${seen.where} ≠ ${where}`);
    };
    for (const file of files) {
      const doc = parse(readFileSync(file, 'utf8')) as Doc;
      const where = `${doc.id} ${doc.version}`;
      for (const section of doc.sections) {
        for (const item of section.items) {
          if (item.type === 'grid') {
            for (const row of item.rows ?? []) record(row.id, { text: row.text, scale: item.scale }, where);
          } else {
            record(item.id, { text: item.text, type: item.type, options: item.options, scale: item.scale, min: item.min, max: item.max }, where);
          }
        }
      }
    }
    expect(conflicts, `item ids whose wording differs between files (give the changed item a new id):\n${conflicts.join('\n')}`).toEqual([]);
  });
});
