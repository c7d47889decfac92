/**
 * The research export as a download with progress: the ZIP is streamed by the server (no length known
 * in advance), so the page reads it with fetch and a ReadableStream, reporting bytes as they arrive,
 * and hands the finished file to the browser's download.
 */
import type { Language } from '../../../contracts/instrument.js';
import type { Problem } from '../../../contracts/api.js';
import { ApiError, NetworkError, seg } from '../../api.js';
import { currentLanguage } from '../../i18n/index.js';

export interface ExportRequest {
  projectId: string;
  /** Empty: every wave of the project. */
  waveId: string;
  language: Language;
}

export interface ExportProgress {
  bytes: number;
  /** Responses in the export (from the server's x-export-rows header). */
  rows: number;
}

export interface ExportedFile extends ExportProgress {
  blob: Blob;
  filename: string;
}

export async function downloadExport(request: ExportRequest, onProgress: (p: ExportProgress) => void, signal: AbortSignal): Promise<ExportedFile> {
  const query = new URLSearchParams({ language: request.language, ...(request.waveId ? { waveId: request.waveId } : {}) });
  let response: Response;
  try {
    response = await fetch(`/api/v1/projects/${seg(request.projectId)}/export?${query}`, {
      headers: { accept: 'application/zip, application/problem+json', 'accept-language': currentLanguage() },
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  if (!response.ok || !response.body) {
    const problem = (await response.json().catch(() => ({}))) as Partial<Problem>;
    throw new ApiError(response.status, problem);
  }
  const rows = Number(response.headers.get('x-export-rows') ?? 0);
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'digikompass-export.zip';
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      bytes += value.byteLength;
      onProgress({ bytes, rows });
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    // The server cuts the connection when the export fails halfway: the file would be broken.
    throw new NetworkError(error);
  }
  return { blob: new Blob(parts, { type: 'application/zip' }), filename, bytes, rows };
}

/** Lets the browser save a finished file under its name. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
