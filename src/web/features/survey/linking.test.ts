// The linking step's pure parts: what a submit sends, the code questions' choices, the device token's shape,
// and that the web's texts cover every code component of src/domain/linking.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkingBody } from '../../../contracts/api.js';
import { normalizeComponent, SGIC_COMPONENTS, SGIC_UNKNOWN_KEY } from '../../../domain/linking.js';
import nb from '../../i18n/nb.json';
import { linkingCodeKeys } from '../../i18n/keys.js';
import { base64url, newDeviceToken } from './deviceToken.js';
import { componentOptions, linkingBody, NO_LINKING, readLinkingChoices } from './linkingChoices.js';

const own = { shared: false, earlierWave: true, deviceToken: () => 'tok_'.padEnd(43, 'x') };
const labels = { month: (m: number) => `month ${m}`, orMore: (n: number) => `${n}+ (or more)` };

describe('linkingBody', () => {
  it('sends nothing when nothing was chosen', () => {
    expect(linkingBody(NO_LINKING, own)).toBeUndefined();
  });

  it('sends the confirmed receipt code, or a readable typed one the server could not check, and only with an earlier wave', () => {
    const typed = { ...NO_LINKING, earlierReceipt: 'abcd efgh jkmn pqrs tvwx' };
    expect(linkingBody(typed, own)).toEqual({ earlierReceiptCode: 'ABCD-EFGH-JKMN-PQRS-TVWX' });
    expect(linkingBody({ ...typed, earlierReceiptFound: '1111-2222-3333-4444-5555' }, own)).toEqual({ earlierReceiptCode: '1111-2222-3333-4444-5555' });
    expect(linkingBody({ ...NO_LINKING, earlierReceipt: 'not a code' }, own)).toBeUndefined();
    expect(linkingBody(typed, { ...own, earlierWave: false })).toBeUndefined();
  });

  it('sends the device token only when chosen and never for a shared device', () => {
    let made = 0;
    const context = { ...own, deviceToken: () => `${++made}`.padEnd(43, 'A') };
    expect(linkingBody({ ...NO_LINKING, device: true }, { ...context, shared: true })).toBeUndefined();
    expect(made).toBe(0);
    expect(linkingBody({ ...NO_LINKING, device: false }, context)).toBeUndefined();
    expect(linkingBody({ ...NO_LINKING, device: true }, context)?.deviceToken).toBe('1'.padEnd(43, 'A'));
  });

  it('sends the answered code questions only, by component id, and fits the contract', () => {
    const choices = { ...NO_LINKING, device: true, code: { motherInitial: 'Å', birthDay: '7', olderSiblings: '', nickname: 'Kari' } };
    const body = linkingBody(choices, own)!;
    expect(body.code).toEqual({ motherInitial: 'Å', birthDay: '7' });
    expect(LinkingBody.safeParse(body).success).toBe(true);
  });
});

describe('readLinkingChoices', () => {
  it('keeps what has the right shape from a saved copy and drops the rest', () => {
    expect(readLinkingChoices(undefined)).toEqual(NO_LINKING);
    expect(readLinkingChoices({ earlierReceipt: 5, device: 'yes', code: { birthDay: '3', other: 'x', fatherInitial: 7 } })).toEqual({
      ...NO_LINKING,
      code: { birthDay: '3' },
    });
  });
});

describe('componentOptions', () => {
  it('offers only values the domain normaliser accepts, each as a distinct value', () => {
    for (const def of SGIC_COMPONENTS) {
      const options = componentOptions(def, labels);
      expect(options.length).toBeGreaterThan(1);
      for (const option of options) expect(normalizeComponent(def, option.value), `${def.id}: ${option.value}`).not.toBeNull();
      expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
    }
  });

  it('names months and the top of a count', () => {
    const month = SGIC_COMPONENTS.find((c) => c.input.kind === 'month')!;
    expect(componentOptions(month, labels)[11]).toEqual({ value: '12', label: 'month 12' });
    const count = SGIC_COMPONENTS.find((c) => c.input.kind === 'count')!;
    expect(componentOptions(count, labels).at(-1)?.label).toMatch(/or more/);
  });
});

describe('texts of the code questions', () => {
  it('exist for every component, under the keys the domain names', () => {
    const flat = (path: string) => path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], nb);
    expect(Object.keys(linkingCodeKeys).sort()).toEqual(SGIC_COMPONENTS.map((c) => c.id).sort());
    for (const def of SGIC_COMPONENTS) {
      const keys = linkingCodeKeys[def.id as keyof typeof linkingCodeKeys];
      expect(keys).toEqual({ question: def.questionKey, help: def.helpKey });
      expect(typeof flat(def.questionKey)).toBe('string');
      expect(typeof flat(def.helpKey)).toBe('string');
    }
    expect(typeof flat(SGIC_UNKNOWN_KEY)).toBe('string');
  });
});

describe('device token', () => {
  it('is base64url without padding', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect(base64url(new Uint8Array([1]))).toBe('AQ');
  });

  it('is 32 random bytes: 43 characters the contract accepts', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const token = newDeviceToken(bytes);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(LinkingBody.safeParse({ deviceToken: token }).success).toBe(true);
      }),
    );
    expect(newDeviceToken()).not.toBe(newDeviceToken());
    expect(() => newDeviceToken(new Uint8Array(16))).toThrow(RangeError);
  });
});
