// Which message a refused receipt code gets: a wrong code, too many tries, no connection, anything else.
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../i18n/index.js', () => ({ currentLanguage: () => 'nb' }));
const { ApiError, NetworkError } = await import('../../api.js');
const { receiptFailure } = await import('./receiptErrors.js');

describe('receiptFailure', () => {
  it('tells a wrong code, too many tries and a lost connection apart', () => {
    expect(receiptFailure(new ApiError(404, { type: 'urn:digikompass:problem:receipt_not_found', detail: 'Fant ikke' }))).toEqual({ kind: 'notFound' });
    expect(receiptFailure(new ApiError(429, { detail: 'Vent' }))).toEqual({ kind: 'tooMany' });
    expect(receiptFailure(new NetworkError())).toEqual({ kind: 'network' });
  });

  it('passes on the server message for anything else', () => {
    expect(receiptFailure(new ApiError(400, { detail: 'Koden er for lang.' }))).toEqual({ kind: 'other', detail: 'Koden er for lang.' });
    expect(receiptFailure(new Error('boom'))).toEqual({ kind: 'other', detail: '' });
  });
});
