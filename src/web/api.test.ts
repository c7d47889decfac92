// The fetch wrapper: JSON both ways, the headers it sends, and the two kinds of failure.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('./i18n/index.js', () => ({ currentLanguage: () => 'nn' }));
const { ApiError, NetworkError, api, setCsrfToken } = await import('./api.js');

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => {
  vi.stubGlobal('fetch', fetchMock);
  setCsrfToken(null);
});
afterEach(() => {
  fetchMock.mockReset();
  vi.unstubAllGlobals();
});

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const headersOf = (call: number) => new Headers(fetchMock.mock.calls[call]![1]!.headers);

describe('api', () => {
  it('sends JSON with the language, and the CSRF token on writes only', async () => {
    setCsrfToken('csrf-1');
    fetchMock.mockResolvedValueOnce(json(200, { ok: 1 })).mockResolvedValueOnce(json(201, { id: 'x' }));
    await expect(api.get('/waves')).resolves.toEqual({ ok: 1 });
    await expect(api.post('/regions', { code: 'a' })).resolves.toEqual({ id: 'x' });

    expect(fetchMock.mock.calls[0]![0]).toBe('/api/v1/waves');
    expect(headersOf(0).get('accept-language')).toBe('nn');
    expect(headersOf(0).get('x-csrf-token')).toBeNull();
    expect(headersOf(1).get('x-csrf-token')).toBe('csrf-1');
    expect(headersOf(1).get('content-type')).toBe('application/json');
    expect(fetchMock.mock.calls[1]![1]!.body).toBe('{"code":"a"}');
    expect(fetchMock.mock.calls[1]![1]!.credentials).toBe('same-origin');
  });

  it('returns nothing for 204', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(api.delete('/session')).resolves.toBeUndefined();
  });

  it('turns problem+json into an ApiError with status, detail and field errors', async () => {
    fetchMock.mockResolvedValueOnce(
      json(400, { type: 'about:blank', title: 'Bad', status: 400, detail: 'Sjekk felta.', errors: [{ path: 'ssbCode', message: 'Fire siffer.' }] }, 'application/problem+json'),
    );
    const error = await api.post('/municipalities', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, detail: 'Sjekk felta.', fieldErrors: [{ path: 'ssbCode', message: 'Fire siffer.' }] });
  });

  it('turns a failed connection, and a gateway without our server behind it, into a NetworkError', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(api.get('/waves')).rejects.toBeInstanceOf(NetworkError);
    fetchMock.mockResolvedValueOnce(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    await expect(api.get('/waves')).rejects.toBeInstanceOf(NetworkError);
  });

  it('keeps a 503 from our own server (problem+json) as an ApiError', async () => {
    fetchMock.mockResolvedValueOnce(json(503, { type: 'about:blank', title: 'Busy', status: 503, detail: 'Prøv igjen.' }, 'application/problem+json'));
    await expect(api.get('/waves')).rejects.toBeInstanceOf(ApiError);
  });
});
