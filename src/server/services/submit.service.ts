/**
 * Submitting a response: the one write that must never go twice and never store too much.
 * pruneHidden → validateAnswers → scoreResponse, then the response, its scale scores, the dropped
 * draft and an audit line in one transaction. The receipt code is HMAC(secret, idempotency key):
 * a replay of the same key finds the stored response by the key's hash and gets the same receipt
 * back, recomputed — the code itself is never stored, only its SHA-256.
 */
import type { SubmitBody, SubmitResult } from '../../contracts/api.js';
import { validateAnswers } from '../../domain/answers.js';
import { groupCode, toCrockford } from '../../domain/codes.js';
import { pruneHidden } from '../../domain/conditions.js';
import { SCORING_VERSION, storedScores } from '../../domain/scoring.js';
import { osloDate, type Clock } from '../adapters/clock.js';
import { sha256Hex, type Secrets } from '../adapters/secrets.js';
import { Conflict, isForeignKeyViolation, isUniqueViolation, ValidationFailed } from '../errors.js';
import type { ResponseRepository } from '../repositories/response.repository.js';
import type { LinkContext } from '../repositories/wave.repository.js';
import type { ParticipationService, PreparedLinking } from './participation.service.js';
import type { RateLimitService } from './rate-limit.service.js';
import type { SurveyService } from './survey.service.js';

/** 20 Crockford characters = 100 bits, shown as five groups of four. */
const RECEIPT_CHARS = 20;

export class SubmitService {
  constructor(
    private readonly survey: SurveyService,
    private readonly responses: ResponseRepository,
    private readonly rateLimits: RateLimitService,
    private readonly secrets: Secrets,
    private readonly clock: Clock,
    private readonly participation: ParticipationService,
  ) {}

  receiptFor(idempotencyKey: string): string {
    return groupCode(toCrockford(this.secrets.hmac('receipt', idempotencyKey), RECEIPT_CHARS));
  }

  /** 201 with a new receipt, or 200 with the same receipt when this idempotency key was already stored. */
  async submit(token: string, body: SubmitBody): Promise<{ created: boolean; result: SubmitResult }> {
    const idempotencyHash = sha256Hex(body.idempotencyKey);
    await this.rateLimits.hit(['submitPerLink', token], ['submitPerKey', idempotencyHash]);
    const link = await this.survey.link(token);
    const receiptCode = this.receiptFor(body.idempotencyKey);

    let prepared;
    try {
      prepared = await this.prepare(link, body);
    } catch (error) {
      // A retry (e.g. from an offline queue) of a response already stored — perhaps before the wave
      // closed or the consent text changed — still gets its receipt back.
      const replay = await this.replayOf(link, idempotencyHash, receiptCode);
      if (replay) return replay;
      throw error;
    }
    const { instrument, unitId, answers, scores } = prepared;
    const linking = await this.participation.prepare(link, body.linking);

    const now = this.clock.now();
    const insert = (linked: PreparedLinking) =>
      this.responses.insertSubmitted({
        response: {
          wave_id: link.waveId,
          municipality_id: link.municipalityId,
          unit_id: unitId,
          instrument_id: instrument.id,
          instrument_version: instrument.version,
          form: instrument.form,
          answers: JSON.stringify(answers),
          submitted_on: osloDate(now),
          source: 'web',
          language: body.language,
          consent_version: body.consentVersion,
          receipt_hash: sha256Hex(receiptCode),
          idempotency_hash: idempotencyHash,
          scoring_version: SCORING_VERSION,
          // Coarse on purpose: whole minutes are enough for the median and say less about one person.
          active_minutes: body.activeSeconds === undefined ? null : Math.round(body.activeSeconds / 60),
          ...(linked.personId ? { person_id: linked.personId, link_method: linked.method } : {}),
        },
        scores,
        linkKeys: linked.keys,
        draft: body.draftId && body.draftToken ? { id: body.draftId, tokenHash: sha256Hex(body.draftToken) } : null,
        audit: { at: now },
      });
    let stored;
    try {
      try {
        stored = await insert(linking);
      } catch (error) {
        // Another answer of this wave was linked to the same earlier answer a moment ago: store this one unlinked.
        if (!isUniqueViolation(error) || !linking.personId) throw error;
        stored = await insert({ ...linking, personId: null, method: null });
        linking.method = null;
      }
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new ValidationFailed([{ path: 'unitId', code: 'unit_not_in_municipality' }]);
      throw error;
    }
    if (stored) return { created: true, result: { receiptCode, submittedOn: stored.submittedOn, linkedBy: linking.method } };

    // The same key was stored meanwhile (a double click, a retry racing the first try).
    const replay = await this.replayOf(link, idempotencyHash, receiptCode);
    if (replay) return replay;
    throw new Conflict();
  }

  /** Everything checked and computed before storing; throws the first problem. */
  private async prepare(link: LinkContext, body: SubmitBody) {
    this.survey.requireOpen(link);
    this.survey.requireConsent(link, body.consentVersion);
    const unitId = this.survey.unitFor(link, body.unitId);
    const instrument = await this.survey.instrumentFor(link);
    const answers = pruneHidden(instrument, body.answers);
    const issues = validateAnswers(instrument, answers);
    if (issues.length > 0) {
      throw new ValidationFailed(
        issues.map((i) => ({ path: `answers.${i.path}`, code: i.code, ...(i.params ? { params: i.params } : {}) })),
        'answers_invalid',
      );
    }
    const scores = storedScores(instrument, answers);
    return { instrument, unitId, answers, scores };
  }

  private async replayOf(link: LinkContext, idempotencyHash: string, receiptCode: string) {
    const existing = await this.responses.findByIdempotencyHash(idempotencyHash);
    if (!existing || existing.waveId !== link.waveId) return null;
    return { created: false, result: { receiptCode, submittedOn: existing.submittedOn, linkedBy: existing.linkMethod } };
  }
}
