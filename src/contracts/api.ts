/**
 * The HTTP API's request and response shapes (/api/v1). Routes validate with these schemas, the web
 * imports their types, and the OpenAPI document (/api/openapi.json) is generated from them.
 * One name for one thing: the same words are used for columns, fields, variables and UI keys.
 */
import { z } from 'zod';
import { Answers, Instrument, Language, LocalizedText } from './instrument.js';

export const Uuid = z.uuid();
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');
export const IsoDateTime = z.iso.datetime({ offset: true });

/** Errors are application/problem+json (RFC 9457); `detail` is in the caller's language. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  /** Field-level errors: path (e.g. "answers.dk:age") → message in the caller's language. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

// ---------------------------------------------------------------- respondent (no account)

/** What a survey link opens: everything the form needs, nothing about other respondents. */
export const SurveyInfo = z.object({
  linkToken: z.string(),
  wave: z.object({ id: Uuid, label: z.string(), status: z.enum(['scheduled', 'open', 'closed']), closesAt: IsoDateTime }),
  municipality: z.object({ id: Uuid, name: z.string(), defaultLanguage: Language }),
  /** Set when the link belongs to one unit; otherwise the form asks for the unit from `units`. */
  unit: z.object({ id: Uuid, name: z.string() }).nullable(),
  units: z.array(z.object({ id: Uuid, name: z.string() })),
  sharedDevice: z.boolean(),
  consent: z.object({ version: z.number().int(), information: LocalizedText, consent: LocalizedText }),
  instrument: Instrument,
});
export type SurveyInfo = z.infer<typeof SurveyInfo>;

export const StartDraftBody = z.object({ consentVersion: z.number().int(), language: Language });
export const DraftCreated = z.object({
  draftId: Uuid,
  /** Secret that authorises later saves; kept by the browser (never on a shared device after finishing). */
  draftToken: z.string(),
  /** Shared-device links only: a short code to resume on this or another device. */
  resumeCode: z.string().nullable(),
});
export type DraftCreated = z.infer<typeof DraftCreated>;

export const SaveDraftBody = z.object({
  draftToken: z.string().min(16),
  answers: Answers,
  language: Language,
  unitId: Uuid.nullable(),
  /** Where the respondent is, so that resuming opens the same section. */
  sectionIndex: z.number().int().min(0),
});
export const DraftSaved = z.object({ savedAt: IsoDateTime });

export const ResumeBody = z.object({ resumeCode: z.string().min(4).max(20) });
export const DraftState = z.object({
  draftId: Uuid,
  draftToken: z.string(),
  answers: Answers,
  language: Language,
  unitId: Uuid.nullable(),
  sectionIndex: z.number().int(),
  consentVersion: z.number().int(),
});
export type DraftState = z.infer<typeof DraftState>;

export const SubmitBody = z.object({
  /** Random key made once per filled-in form by the browser; a retried submit with the same key makes no second response. */
  idempotencyKey: z.string().min(16).max(100),
  consentVersion: z.number().int(),
  language: Language,
  unitId: Uuid.nullable(),
  answers: Answers,
  draftId: Uuid.optional(),
  draftToken: z.string().optional(),
});
export type SubmitBody = z.infer<typeof SubmitBody>;
export const SubmitResult = z.object({
  /** Shown once to the respondent, grouped for reading (XXXX-XXXX-XXXX-XXXX-XXXX); stored only as a hash. */
  receiptCode: z.string(),
  submittedOn: IsoDate,
});
export type SubmitResult = z.infer<typeof SubmitResult>;

export const DeclineBody = z.object({ language: Language });

// ---------------------------------------------------------------- accounts and sessions

export const Role = z.enum(['platform_admin', 'municipality_leader']);
export type Role = z.infer<typeof Role>;

export const LoginBody = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });
export const SessionInfo = z.object({
  account: z.object({
    id: Uuid,
    email: z.string(),
    displayName: z.string(),
    role: Role,
    municipalityId: Uuid.nullable(),
  }),
  /** Send as the x-csrf-token header on every write. */
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

// ---------------------------------------------------------------- administration

export const Region = z.object({ id: Uuid, code: z.string(), name: z.string() });
export type Region = z.infer<typeof Region>;
export const CreateRegionBody = z.object({ code: z.string().min(1).max(40), name: z.string().min(1).max(200) });

export const Municipality = z.object({
  id: Uuid,
  ssbCode: z.string(),
  name: z.string(),
  defaultLanguage: Language,
  regionId: Uuid.nullable(),
});
export type Municipality = z.infer<typeof Municipality>;
export const CreateMunicipalityBody = z.object({
  ssbCode: z.string().regex(/^\d{4}$/, 'SSB code has four digits'),
  name: z.string().min(1).max(200),
  defaultLanguage: Language,
  regionId: Uuid.nullable(),
});

export const Unit = z.object({ id: Uuid, municipalityId: Uuid, name: z.string(), staffCount: z.number().int().min(0) });
export type Unit = z.infer<typeof Unit>;
export const CreateUnitBody = z.object({ name: z.string().min(1).max(200), staffCount: z.number().int().min(0).max(100000) });
export const UpdateUnitBody = CreateUnitBody.partial();

export const Account = z.object({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  role: Role,
  municipalityId: Uuid.nullable(),
});
export type Account = z.infer<typeof Account>;
export const CreateAccountBody = z.object({
  email: z.email().max(200),
  displayName: z.string().min(1).max(200),
  role: Role,
  municipalityId: Uuid.nullable(),
  password: z.string().min(12, 'at least 12 characters').max(200),
});

export const Project = z.object({ id: Uuid, name: z.string(), kMin: z.number().int(), endDate: IsoDate });
export type Project = z.infer<typeof Project>;
export const CreateProjectBody = z.object({
  name: z.string().min(1).max(200),
  /** The smallest group shown in results; never below 3. */
  kMin: z.number().int().min(3).max(100).default(5),
  /** When the linking material is destroyed and the data become anonymous. */
  endDate: IsoDate,
  /** Version 1 of the information and consent texts; a plain default text when left out. */
  consent: z.object({ information: LocalizedText, consent: LocalizedText }).optional(),
});

export const InstrumentVersion = z.object({ id: z.string(), version: z.string(), form: z.string(), title: LocalizedText, inUse: z.boolean() });
export type InstrumentVersion = z.infer<typeof InstrumentVersion>;

export const Wave = z.object({
  id: Uuid,
  projectId: Uuid,
  label: z.string(),
  instrumentId: z.string(),
  instrumentVersion: z.string(),
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
  status: z.enum(['scheduled', 'open', 'closed']),
});
export type Wave = z.infer<typeof Wave>;
export const CreateWaveBody = z
  .object({
    projectId: Uuid,
    label: z.string().min(1).max(40),
    instrumentId: z.string(),
    instrumentVersion: z.string(),
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
  })
  .refine((w) => Date.parse(w.closesAt) > Date.parse(w.opensAt), { path: ['closesAt'], message: 'closes after it opens' });

export const SurveyLink = z.object({
  id: Uuid,
  waveId: Uuid,
  municipalityId: Uuid,
  unitId: Uuid.nullable(),
  sharedDevice: z.boolean(),
  token: z.string(),
  /** Set when the link serves another form of the questionnaire than the wave's (e.g. the short form). */
  instrumentId: z.string().nullable(),
  instrumentVersion: z.string().nullable(),
  /** Absolute URL to give respondents. */
  url: z.string(),
});
export type SurveyLink = z.infer<typeof SurveyLink>;
export const CreateSurveyLinkBody = z.object({
  municipalityId: Uuid,
  unitId: Uuid.nullable(),
  sharedDevice: z.boolean(),
  /** Both or neither: another form of the wave's questionnaire for this link (e.g. the short form). */
  instrumentId: z.string().max(100).nullable().optional(),
  instrumentVersion: z.string().max(40).nullable().optional(),
});

// ---------------------------------------------------------------- results (leaders)

/** A figure that could not be shown, with the reason as a code the web translates. */
export const Suppressed = z.object({ suppressed: z.literal(true), reason: z.enum(['below_k', 'complementary']) });

export const Participation = z.object({
  waveId: Uuid,
  municipalityId: Uuid,
  responses: z.number().int(),
  staff: z.number().int(),
  units: z.array(z.object({ unitId: Uuid.nullable(), name: z.string().nullable(), responses: z.number().int(), staff: z.number().int() })),
});
export type Participation = z.infer<typeof Participation>;

export const ScaleFigure = z.union([
  z.object({
    suppressed: z.literal(false),
    n: z.number().int(),
    mean: z.number(),
    /** Counts per proficiency level (lowest first); only for scales of kind area and aspect (hasLevels() in src/domain/scoring.ts). */
    levels: z.array(z.number().int()).optional(),
  }),
  Suppressed,
]);
export type ScaleFigure = z.infer<typeof ScaleFigure>;

export const ScaleResults = z.object({
  waveId: Uuid,
  municipalityId: Uuid,
  kMin: z.number().int(),
  /** Scales and level labels of the wave's instrument, in the file's order. */
  scales: z.array(z.object({ id: z.string(), label: LocalizedText, kind: z.string() })),
  levelLabels: z.array(LocalizedText),
  groups: z.array(
    z.object({
      /** null for the whole municipality. */
      unitId: Uuid.nullable(),
      name: z.string().nullable(),
      responses: z.union([z.number().int(), Suppressed]),
      scores: z.record(z.string(), ScaleFigure),
    }),
  ),
});
export type ScaleResults = z.infer<typeof ScaleResults>;

/** A count that may be shown, or why it is hidden. */
export const CountFigure = z.union([z.number().int(), Suppressed]);
export type CountFigure = z.infer<typeof CountFigure>;

/** Answer distributions of the choice items for a whole municipality (no units), grouped by the instrument's sections. */
export const ItemResults = z.object({
  waveId: Uuid,
  municipalityId: Uuid,
  kMin: z.number().int(),
  sections: z.array(
    z.object({
      id: z.string(),
      title: LocalizedText,
      items: z.array(
        z.object({
          id: z.string(),
          text: LocalizedText,
          type: z.enum(['single', 'multi']),
          /** Respondents who were shown the item and answered it. */
          n: CountFigure,
          /** In the instrument's order. Multi choice: counts may add up to more than n. */
          options: z.array(z.object({ value: z.string(), label: LocalizedText, count: CountFigure })),
        }),
      ),
    }),
  ),
});
export type ItemResults = z.infer<typeof ItemResults>;
