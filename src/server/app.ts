/**
 * buildApp(deps): the Fastify application — security headers (strict CSP), cookies, zod contracts
 * (validation, serialization, OpenAPI at /api/openapi.json and docs at /api/docs), one error handler
 * that answers application/problem+json in the caller's language, the /api/v1 routes, and the built
 * web (dist/web) with an index.html fallback.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Problem } from '../contracts/api.js';
import type { Language } from '../contracts/instrument.js';
import { AppError, type FieldIssue } from './errors.js';
import { isMessageCode, languageOf, translate, type MessageCode } from './i18n.js';
import { accountRoutes } from './routes/accounts.routes.js';
import { exportRoutes } from './routes/export.routes.js';
import { importRoutes } from './routes/import.routes.js';
import { localItemRoutes } from './routes/local-items.routes.js';
import { municipalityAttributeRoutes } from './routes/municipality-attributes.routes.js';
import { organisationRoutes } from './routes/organisation.routes.js';
import { projectRoutes } from './routes/projects.routes.js';
import { releaseRoutes } from './routes/release.routes.js';
import { reportRoutes } from './routes/report.routes.js';
import { resultsRoutes } from './routes/results.routes.js';
import { installPermissions, type App, type RouteCatalogEntry, type RouteDeps } from './routes/route-context.js';
import { sessionRoutes } from './routes/session.routes.js';
import { receiptRoutes } from './routes/receipts.routes.js';
import { researchAccessRoutes } from './routes/research-access.routes.js';
import { researchRoutes } from './routes/research.routes.js';
import { surveyRoutes } from './routes/survey.routes.js';
import { waveRoutes } from './routes/waves.routes.js';
import type { Services } from './services/index.js';

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface AppDeps {
  services: Services;
  /** Session cookie `Secure` flag. */
  cookieSecure: boolean;
  /** The built web; null or a missing directory → a plain page saying how to build it. */
  webRoot?: string | null;
  logger?: boolean;
  trustProxy?: boolean;
  /** Largest request body in bytes. */
  bodyLimit?: number;
}

/** The Content-Security-Policy of the app: scripts and styles from our own origin only. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  manifestSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

// ---- problem details

const statusTitle = (status: number): MessageCode => {
  const code = `title_${status}`;
  return isMessageCode(code) ? code : status >= 500 ? 'title_500' : 'title_400';
};

function problem(lang: Language, status: number, code: MessageCode, params: Record<string, string | number> = {}, issues: FieldIssue[] = []): Problem {
  const out: Problem = {
    type: `urn:digikompass:problem:${code}`,
    title: translate(lang, statusTitle(status)),
    status,
    detail: translate(lang, code, params),
  };
  if (issues.length > 0) {
    out.errors = issues.map((i) => ({
      path: i.path,
      message: isMessageCode(i.code) ? translate(lang, i.code, i.params) : (i.fallback ?? translate(lang, 'invalid_input')),
    }));
  }
  return out;
}

/** English messages written in src/contracts, translated by their text. */
const CONTRACT_MESSAGES: Record<string, MessageCode> = {
  'closes after it opens': 'closes_after_opens',
  'SSB code has four digits': 'ssb_code_format',
  'at least 12 characters': 'password_length',
  'date as YYYY-MM-DD': 'date_format',
  'item id must look like "dk:name" or "local:<municipality>:name"': 'item_id_format',
  'local item key: lower-case letters, digits and _': 'local_item_key_format',
};

interface ZodIssueParams {
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  values?: unknown[];
  keys?: string[];
}

/** One zod issue (as fastify-type-provider-zod hands it over) → a field issue with a message code. */
function zodFieldIssue(v: { keyword: string; instancePath: string; message?: string; params?: unknown }): FieldIssue {
  const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  const p = (v.params ?? {}) as ZodIssueParams;
  const message = v.message ?? '';
  const known = CONTRACT_MESSAGES[message];
  const base = { path, fallback: message };
  if (known) return { ...base, code: known };
  const num = (x: number | bigint | undefined) => (x === undefined ? '' : Number(x));
  switch (v.keyword) {
    case 'invalid_type':
      return { ...base, code: /received undefined/.test(message) ? 'required' : 'invalid_type' };
    case 'too_small':
      return {
        ...base,
        code: p.origin === 'string' ? 'too_short_string' : p.origin === 'array' || p.origin === 'set' ? 'too_few_items' : 'too_small_number',
        params: { minimum: num(p.minimum) },
      };
    case 'too_big':
      return {
        ...base,
        code: p.origin === 'string' ? 'too_long_string' : p.origin === 'array' || p.origin === 'set' ? 'too_many_items' : 'too_big_number',
        params: { maximum: num(p.maximum) },
      };
    case 'invalid_format':
      return {
        ...base,
        code: p.format === 'email' ? 'invalid_email' : p.format === 'uuid' ? 'invalid_uuid' : p.format === 'datetime' ? 'invalid_datetime' : 'invalid_format',
      };
    case 'invalid_value':
      return { ...base, code: 'invalid_value', params: { values: (p.values ?? []).map(String).join(', ') } };
    case 'unrecognized_keys':
      return { ...base, code: 'unrecognized_keys', params: { keys: (p.keys ?? []).join(', ') } };
    case 'invalid_key':
      return { ...base, code: 'invalid_key' };
    default:
      return { ...base, code: 'invalid_input' };
  }
}

function sendProblem(reply: FastifyReply, p: Problem, headers: Record<string, string> = {}): FastifyReply {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply.code(p.status).header('cache-control', 'no-store').type('application/problem+json; charset=utf-8').send(p);
}

function errorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const lang = languageOf(req);
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.status === 429 && typeof error.params.seconds === 'number') headers['retry-after'] = String(error.params.seconds);
    return sendProblem(reply, problem(lang, error.status, error.code, error.params, error.fieldIssues), headers);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    // An id in the path that is not even an id names nothing: not found.
    if (error.validationContext === 'params') return sendProblem(reply, problem(lang, 404, 'not_found'));
    return sendProblem(reply, problem(lang, 400, 'validation', {}, error.validation.map(zodFieldIssue)));
  }
  const status = error.statusCode ?? 500;
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (status === 400 && error instanceof SyntaxError)) {
    return sendProblem(reply, problem(lang, 400, 'malformed_body'));
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return sendProblem(reply, problem(lang, 413, 'payload_too_large'));
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) return sendProblem(reply, problem(lang, 415, 'unsupported_media_type'));
  if (status === 405) return sendProblem(reply, problem(lang, 405, 'method_not_allowed'));
  if (status >= 400 && status < 500) return sendProblem(reply, problem(lang, status, 'bad_request'));
  req.log.error({ err: error }, 'request failed');
  return sendProblem(reply, problem(lang, 500, 'internal'));
}

/** Survey tokens are capabilities: keep them out of the request log. */
function logSafeUrl(url: string): string {
  return url.replace(/^(\/api\/v1\/survey\/|\/s\/)[^/?#]+/, '$1…');
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.logger
      ? {
          level: 'info',
          // No addresses, no user agents: only what the request asked for.
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: logSafeUrl(req.url) }),
          },
        }
      : false,
    bodyLimit: deps.bodyLimit ?? 1024 * 1024,
    trustProxy: deps.trustProxy ?? false,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // Survey links are opened from other sites' pages and mails: no referrer leaves with the token.
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(fastifyCookie);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Digikompass API',
        version: '1',
        description: 'Survey of digital competence in municipal health and care services. Errors are application/problem+json (RFC 9457).',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dk_session' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    // Swagger UI sets inline styles; allow them on its own pages only.
    transformStaticCSP: (header: string) => header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const routeDeps: RouteDeps = { services: deps.services, cookieSecure: deps.cookieSecure };
  const catalog: RouteCatalogEntry[] = [];
  app.decorate('routeCatalog', catalog);
  await app.register(
    async (api) => {
      installPermissions(api, deps.services.auth, catalog, deps.services.researchTokens);
      surveyRoutes(api, routeDeps);
      receiptRoutes(api, routeDeps);
      sessionRoutes(api, routeDeps);
      organisationRoutes(api, routeDeps);
      municipalityAttributeRoutes(api, routeDeps);
      accountRoutes(api, routeDeps);
      projectRoutes(api, routeDeps);
      waveRoutes(api, routeDeps);
      localItemRoutes(api, routeDeps);
      resultsRoutes(api, routeDeps);
      releaseRoutes(api, routeDeps);
      reportRoutes(api, routeDeps);
      exportRoutes(api, routeDeps);
      importRoutes(api, routeDeps);
      researchAccessRoutes(api, routeDeps);
      researchRoutes(api, routeDeps);
    },
    { prefix: '/api/v1' },
  );

  const webRoot = deps.webRoot === undefined ? DEFAULT_WEB_ROOT : deps.webRoot;
  const hasWeb = webRoot !== null && existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: true,
      index: 'index.html',
      setHeaders: (res, path) => {
        // Vite names built assets by content hash: they never change. Everything else is checked each time.
        res.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((req, reply) => {
    const lang = languageOf(req);
    const path = req.url.split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/')) return sendProblem(reply, problem(lang, 404, 'route_not_found'));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendProblem(reply, problem(lang, 404, 'not_found'));
    // A missing file with an extension is a 404; any other path is a page of the web app.
    if (/\.[a-z0-9]+$/i.test(path)) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    if (!hasWeb) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The Digikompass web app is not built yet. Run `npm run build:web` (or `npm start`, which builds it) and reload.\n');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
