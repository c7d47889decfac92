/**
 * A ZIP archive written entry by entry into a Node Readable (fflate's streaming Zip), for replies that
 * must never be built in memory. fflate has no backpressure of its own: writers call `drain()` between
 * chunks, which waits while the reader (the HTTP reply) is behind, and throws `ZipAborted` once the
 * reader has gone away (the client closed the connection), so the producer stops reading the database.
 */
import { Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export class ZipAborted extends Error {
  constructor() {
    super('the reader of the ZIP stream went away');
    this.name = 'ZipAborted';
  }
}

export interface ZipEntry {
  write(data: string | Uint8Array): void;
  end(): void;
}

export class ZipStream {
  readonly readable: Readable;
  /** Bytes handed to the reader so far. */
  bytes = 0;
  private readonly zip: Zip;
  private behind = false;
  private wake: (() => void) | null = null;

  constructor(private readonly mtime = new Date()) {
    this.readable = new Readable({
      highWaterMark: 1 << 20,
      read: () => {
        this.behind = false;
        this.resume();
      },
      destroy: (error, callback) => {
        this.resume();
        callback(error);
      },
    });
    this.zip = new Zip((error, chunk, final) => {
      if (this.readable.destroyed) return;
      if (error) {
        this.readable.destroy(error);
        return;
      }
      this.bytes += chunk.length;
      if (!this.readable.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) this.behind = true;
      if (final) this.readable.push(null);
    });
  }

  /** A new entry; `compress` false stores it as it is (for content that is compressed already, like XLSX). */
  entry(name: string, compress = true): ZipEntry {
    const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    file.mtime = this.mtime;
    this.zip.add(file);
    return {
      write: (data) => file.push(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, false),
      end: () => file.push(new Uint8Array(0), true),
    };
  }

  /** A whole small entry at once. */
  async add(name: string, content: string): Promise<void> {
    const e = this.entry(name);
    e.write(content);
    e.end();
    await this.drain();
  }

  /**
   * Waits until the reader has caught up; throws ZipAborted when it has gone away. Always lets the event
   * loop turn once: PGlite answers queries without any I/O, so a producer that only awaited promises
   * would never let timers, sockets or zlib callbacks run until the whole export was done.
   */
  async drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.behind && !this.readable.destroyed) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.readable.destroyed) throw new ZipAborted();
  }

  /** Writes the central directory: the archive is complete. */
  end(): void {
    this.zip.end();
  }

  /** Stops with an error: the reader sees the stream fail (the HTTP connection is cut, not completed). */
  fail(error: Error): void {
    this.zip.terminate();
    this.readable.destroy(error);
  }

  private resume(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
