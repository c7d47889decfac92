/**
 * Configuration from environment variables, read once at start. See README "Configuration".
 */
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** postgres://… ; undefined → embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Where PGlite keeps its data and the generated secret lives; 'memory://' keeps everything in memory. */
  dataDir: string;
  secret: string | undefined;
  /** Base of survey links and QR codes; undefined → http://localhost:<port> once listening. */
  publicUrl: string | undefined;
  nodeEnv: string;
  /** undefined → demo on an empty database unless NODE_ENV=production. */
  seed: 'demo' | 'none' | undefined;
  /** undefined → Secure unless the public URL is plain http. */
  cookieSecure: boolean | undefined;
  /** Trust X-Forwarded-For from a reverse proxy (for per-address rate limits). */
  trustProxy: boolean;
  databasePoolSize: number;
  /** smtp://user:pass@host:587 (smtps:// for implicit TLS); undefined → mails go to the log and the dev outbox. */
  smtpUrl: string | undefined;
  /** The From of every mail. */
  mailFrom: string;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function boolFrom(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

function smtpUrlFrom(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^smtps?:\/\/[^/]+/.test(value)) throw new Error('SMTP_URL must look like smtp://user:password@host:587 (or smtps://…)');
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const seed = env.SEED;
  if (seed !== undefined && seed !== '' && seed !== 'demo' && seed !== 'none') throw new Error(`SEED must be "demo" or "none", got "${seed}"`);
  const dataDir = env.DATA_DIR && env.DATA_DIR !== '' ? env.DATA_DIR : './data';
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST && env.HOST !== '' ? env.HOST : '0.0.0.0',
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : undefined,
    dataDir: dataDir === 'memory://' ? dataDir : resolve(dataDir),
    secret: env.DIGIKOMPASS_SECRET,
    publicUrl: env.PUBLIC_URL && env.PUBLIC_URL !== '' ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined,
    nodeEnv: env.NODE_ENV ?? 'development',
    seed: seed === 'demo' || seed === 'none' ? seed : undefined,
    cookieSecure: boolFrom(env.COOKIE_SECURE, 'COOKIE_SECURE'),
    trustProxy: boolFrom(env.TRUST_PROXY, 'TRUST_PROXY') ?? false,
    databasePoolSize: intFrom(env.DATABASE_POOL_SIZE, 20, 'DATABASE_POOL_SIZE'),
    smtpUrl: smtpUrlFrom(env.SMTP_URL),
    mailFrom: env.MAIL_FROM && env.MAIL_FROM !== '' ? env.MAIL_FROM : 'Digikompass <no-reply@localhost>',
  };
}
