/**
 * The HTTP API's request and response shapes (/api/v1). Routes validate with these schemas, the web
 * imports their types, and the OpenAPI document (/api/openapi.json) is generated from them.
 * One name for one thing: the same words are used for columns, fields, variables and UI keys.
 */
import { z } from 'zod';
import { Answers, Instrument, Language, LocalizedText } from './instrument.js';
import { MunicipalityAttributesView } from './municipality-attributes.js';

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

/** A duration in seconds, at most a day: how long the respondent was actively answering. */
export const ActiveSeconds = z.number().int().min(0).max(86_400);

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
  linking: z.object({
    /** An earlier wave of the same project exists: the form offers to link this answer to the one given then. */
    earlierWave: z.object({ label: z.string() }).nullable(),
    /** The project's end date: until then answers are pseudonymous (linkable by codes only the respondent knows), after it anonymous. */
    projectEndDate: IsoDate,
  }),
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
  /** Active answering time so far, so that resuming on another device continues the sum. */
  activeSeconds: ActiveSeconds.optional(),
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
  activeSeconds: z.number().int(),
});
export type DraftState = z.infer<typeof DraftState>;

/** Self-generated code: answers to a few questions only the respondent knows, by component id. Stored only as keyed hashes. */
export const LinkingCode = z.record(z.string().max(40), z.string().max(20));
export const LinkingBody = z.object({
  /** The receipt code from the earlier wave (strongest link). */
  earlierReceiptCode: z.string().max(40).optional(),
  /** A random token kept on the respondent's own device by their choice (never on a shared-device link). */
  deviceToken: z.string().regex(/^[A-Za-z0-9_-]{22,100}$/).optional(),
  code: LinkingCode.optional(),
});
export type LinkingBody = z.infer<typeof LinkingBody>;
export const LinkMethod = z.enum(['receipt', 'device', 'code']);
export type LinkMethod = z.infer<typeof LinkMethod>;

export const SubmitBody = z.object({
  /** Random key made once per filled-in form by the browser; a retried submit with the same key makes no second response. */
  idempotencyKey: z.string().min(16).max(100),
  consentVersion: z.number().int(),
  language: Language,
  unitId: Uuid.nullable(),
  answers: Answers,
  draftId: Uuid.optional(),
  draftToken: z.string().optional(),
  /** Measured by the browser: seconds the page was visible and in use (gaps over 5 minutes left out). Stored as whole minutes. */
  activeSeconds: ActiveSeconds.optional(),
  /** How to link this answer to the same person's answer in an earlier or later wave; every part is optional. */
  linking: LinkingBody.optional(),
});
export type SubmitBody = z.infer<typeof SubmitBody>;

export const SubmitResult = z.object({
  /** Shown once to the respondent, grouped for reading (XXXX-XXXX-XXXX-XXXX-XXXX); stored only as a hash. */
  receiptCode: z.string(),
  submittedOn: IsoDate,
  /** Linked to an earlier answer at once (receipt or device); a self-generated code is matched later. */
  linkedBy: LinkMethod.nullable(),
});
export type SubmitResult = z.infer<typeof SubmitResult>;

export const DeclineBody = z.object({ language: Language });

/** Checks an earlier wave's receipt code before the respondent relies on it. */
export const EarlierReceiptBody = z.object({ receiptCode: z.string().min(4).max(40) });

// ---------------------------------------------------------------- receipts: see and withdraw own answers

export const ReceiptBody = z.object({ receiptCode: z.string().min(4).max(40) });
export const ReceiptSummary = z.object({
  wave: z.object({ label: z.string() }),
  municipality: z.object({ name: z.string() }),
  submittedOn: IsoDate,
  language: Language,
  instrument: Instrument,
  answers: Answers,
  /** Answers of the same person in other waves, linked to this one: withdrawing removes them too. */
  linkedResponses: z.number().int().min(0),
  /** After this date the answers are anonymous and can no longer be found or withdrawn. */
  projectEndDate: IsoDate,
});
export type ReceiptSummary = z.infer<typeof ReceiptSummary>;
export const Withdrawn = z.object({ deletedResponses: z.number().int().min(1) });
export type Withdrawn = z.infer<typeof Withdrawn>;

/** For the platform admin: per municipality, how many answers of a wave were linked to the earlier wave, by method. */
export const LinkingStats = z.object({
  earlierWave: z.object({ id: Uuid, label: z.string() }).nullable(),
  municipalities: z.array(
    z.object({
      municipalityId: Uuid,
      name: z.string(),
      responses: z.number().int(),
      linked: z.object({ receipt: z.number().int(), device: z.number().int(), code: z.number().int() }),
      unlinked: z.number().int(),
      /** Answers whose self-generated code another answer of the wave shares: left unlinked for the researcher to judge. */
      duplicates: z.number().int(),
    }),
  ),
});
export type LinkingStats = z.infer<typeof LinkingStats>;

// ---------------------------------------------------------------- accounts and sessions

/**
 * Who an account is (src/server/services/access.ts says what each may do):
 * platform admin; region coordinator (one region's network of municipalities); municipality leader (one
 * municipality, also its admin for unit leaders); unit leader (one unit); researcher (one or more projects).
 */
export const Role = z.enum(['platform_admin', 'region_coordinator', 'municipality_leader', 'unit_leader', 'researcher']);
export type Role = z.infer<typeof Role>;

/** Each role's binding: exactly the fields its role needs are set (a CHECK in the database). */
export const AccountBinding = z.object({
  /** Municipality leader; unit leader (the unit's municipality). */
  municipalityId: Uuid.nullable(),
  /** Unit leader. */
  unitId: Uuid.nullable(),
  /** Region coordinator. */
  regionId: Uuid.nullable(),
  /** Researcher. */
  projectIds: z.array(Uuid),
});
export type AccountBinding = z.infer<typeof AccountBinding>;

export const LoginBody = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });
/**
 * A session's stage: 'totp' — the password was right, the authenticator's code is due; 'enrol' — the role
 * needs two-factor login and the account has none yet; 'full' — logged in.
 */
export const SessionStage = z.enum(['totp', 'enrol', 'full']);
export type SessionStage = z.infer<typeof SessionStage>;
export const SessionInfo = z.object({
  account: AccountBinding.extend({
    id: Uuid,
    email: z.string(),
    displayName: z.string(),
    role: Role,
    language: Language,
  }),
  stage: SessionStage,
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
  /** Population, county, centrality and size class (contracts/municipality-attributes.ts). */
  attributes: MunicipalityAttributesView.optional(),
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

/** invited: the person has not set a password yet; active; disabled: cannot log in. */
export const AccountStatus = z.enum(['invited', 'active', 'disabled']);
export type AccountStatus = z.infer<typeof AccountStatus>;
export const Account = AccountBinding.extend({
  id: Uuid,
  email: z.string(),
  displayName: z.string(),
  role: Role,
  language: Language,
  status: AccountStatus,
  /** Two-factor login is set up. */
  twoFactor: z.boolean(),
});
export type Account = z.infer<typeof Account>;
/** An invitation: the person gets a one-time link by e-mail (in `language`) and sets their own password. */
export const InviteAccountBody = z.object({
  email: z.email().max(200),
  displayName: z.string().trim().min(1).max(200),
  role: Role,
  municipalityId: Uuid.nullable().default(null),
  unitId: Uuid.nullable().default(null),
  regionId: Uuid.nullable().default(null),
  projectIds: z.array(Uuid).max(50).default([]),
  language: Language,
});
/** Turn an account off (its sessions end) or on again. */
export const UpdateAccountBody = z.object({ disabled: z.boolean() });

/** The password a person chooses: at least 12 characters and not a common one (src/domain/password-policy.ts). */
export const NewPassword = z.string().min(12, 'at least 12 characters').max(200);
/** The token from an invite or reset link (the part after # in /set-password#…). */
export const PasswordToken = z.string().min(20).max(100);
export const PasswordTokenBody = z.object({ token: PasswordToken });
/** Whom a link is for; the page opens in the language the inviter chose for the person. */
export const PasswordTokenInfo = z.object({ purpose: z.enum(['invite', 'reset']), email: z.string(), displayName: z.string(), language: Language });
export type PasswordTokenInfo = z.infer<typeof PasswordTokenInfo>;
export const SetPasswordBody = z.object({ token: PasswordToken, password: NewPassword });
/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export const PasswordResetBody = z.object({ email: z.email().max(200) });

/** A TOTP code (6 digits) or a one-time recovery code. */
export const SecondFactorBody = z.object({ code: z.string().trim().min(6).max(40) });
/** The start of two-factor enrolment: scan the QR code or type the secret into an authenticator app. */
export const TotpEnrolment = z.object({
  /** Base32, for typing in by hand. */
  secret: z.string(),
  /** otpauth:// URI that the QR code holds. */
  uri: z.string(),
  /** The QR code as an SVG document. */
  qrSvg: z.string(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;
export const TotpEnrolled = z.object({
  /** Shown once: each logs in once without the phone. Only their hashes are stored. */
  recoveryCodes: z.array(z.string()),
  session: SessionInfo,
});
export type TotpEnrolled = z.infer<typeof TotpEnrolled>;

/** Whether a municipality's staff answers count in region and national benchmarks of a project. */
export const BenchmarkChoice = z.object({ projectId: Uuid, projectName: z.string(), optIn: z.boolean() });
export type BenchmarkChoice = z.infer<typeof BenchmarkChoice>;
export const BenchmarkChoiceBody = z.object({ optIn: z.boolean() });

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

/** Information and consent texts of a project: a new version replaces the old for new answers; answers keep the version they accepted. */
export const ConsentTextBody = z.object({ information: LocalizedText, consent: LocalizedText });
export const ConsentText = ConsentTextBody.extend({ version: z.number().int(), createdAt: IsoDateTime });
export type ConsentText = z.infer<typeof ConsentText>;

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

/** The last part of a local item's ids (local:<municipality id>:use_<key>, …:conf_<key>). */
export const LocalItemKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'local item key: lower-case letters, digits and _');
/** A system's name as respondents know it, in each language (often the same product name). */
export const LocalItemName = z.strictObject({
  nb: z.string().trim().min(1).max(100),
  nn: z.string().trim().min(1).max(100),
  en: z.string().trim().min(1).max(100),
});
/** A municipality's own system in one wave: a use question and, when used, a confidence question, after the technologies. */
export const LocalItem = z.object({
  id: Uuid,
  waveId: Uuid,
  municipalityId: Uuid,
  key: z.string(),
  name: LocalizedText,
  /** The ids its answers are stored under. */
  itemIds: z.object({ use: z.string(), confidence: z.string() }),
  /** False once the wave has opened for the municipality: from then on the item cannot change. */
  editable: z.boolean(),
});
export type LocalItem = z.infer<typeof LocalItem>;
export const CreateLocalItemBody = z.object({ municipalityId: Uuid, key: LocalItemKey, name: LocalItemName });
export const UpdateLocalItemBody = z.object({ name: LocalItemName });

// ---------------------------------------------------------------- results (leaders)

/** A figure that could not be shown, with the reason as a code the web translates. */
export const Suppressed = z.object({ suppressed: z.literal(true), reason: z.enum(['below_k', 'complementary']) });

/** Median active answering time of one form (full, short), shown once at least k responses of that form have a measured time. */
export const CompletionTime = z.object({
  form: z.string(),
  median: z.union([z.object({ suppressed: z.literal(false), n: z.number().int(), minutes: z.number() }), Suppressed]),
});
export type CompletionTime = z.infer<typeof CompletionTime>;
export const CompletionTimes = z.object({
  waveId: Uuid,
  /** null: every municipality in the wave (platform admins only). */
  municipalityId: Uuid.nullable(),
  kMin: z.number().int(),
  /** The forms the wave's links serve, the wave's own form first. */
  forms: z.array(CompletionTime),
});
export type CompletionTimes = z.infer<typeof CompletionTimes>;

export const Participation = z.object({
  waveId: Uuid,
  municipalityId: Uuid,
  responses: z.number().int(),
  staff: z.number().int(),
  units: z.array(z.object({ unitId: Uuid.nullable(), name: z.string().nullable(), responses: z.number().int(), staff: z.number().int() })),
  /** Median measured completion time per form of the questionnaire, for the municipality. */
  completionTime: CompletionTimes.pick({ kMin: true, forms: true }),
  /**
   * Responses so far at the end of each day with responses (cumulative; the day a response was submitted,
   * never the time), for the municipality and per unit (key: unit id, or "none").
   */
  timeline: z.array(z.object({ date: z.iso.date(), responses: z.number().int(), units: z.record(z.string(), z.number().int()) })),
  /**
   * The days the timeline spans (Oslo dates): the day the wave opened for the municipality, to today or its
   * last day, whichever comes first; `to` is before `from` while the wave has not opened. Days in between
   * without responses are not in `timeline` (the running totals stand still).
   */
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
});
export type Participation = z.infer<typeof Participation>;
