/**
 * Translation keys chosen at run time, written out here so that every one of them is visible to the
 * unused-key check in i18n.test.ts (which looks for literal keys in the source).
 */

/** Codes from validateAnswers() in src/domain/answers.ts, plus the browser's own "not_a_number". */
const answerErrorKeys = {
  not_a_number: 'answerErrors.not_a_number',
  not_integer: 'answerErrors.not_integer',
  out_of_range: 'answerErrors.out_of_range',
  too_long: 'answerErrors.too_long',
  too_many: 'answerErrors.too_many_chosen',
  not_an_option: 'answerErrors.not_an_option',
  exclusive: 'answerErrors.exclusive',
  // unknown_item, hidden, wrong_type: the form itself never makes these; a generic text if it ever does.
  invalid: 'answerErrors.invalid',
} as const;

export function answerErrorKey(code: string): (typeof answerErrorKeys)[keyof typeof answerErrorKeys] {
  return code in answerErrorKeys ? answerErrorKeys[code as keyof typeof answerErrorKeys] : answerErrorKeys.invalid;
}

export const roleKeys = {
  platform_admin: 'roles.platform_admin',
  municipality_leader: 'roles.municipality_leader',
} as const;

export const waveStatusKeys = {
  scheduled: 'waveStatus.scheduled',
  open: 'waveStatus.open',
  closed: 'waveStatus.closed',
} as const;

export const scaleKindKeys = {
  area: 'results.scales.kinds.area',
  aspect: 'results.scales.kinds.aspect',
  trust: 'results.scales.kinds.trust',
  other: 'results.scales.kinds.other',
} as const;

export const suppressedKeys = {
  below_k: 'results.suppressed.below_k',
  complementary: 'results.suppressed.complementary',
} as const;

export const languageNameKeys = {
  nb: 'languages.nb',
  nn: 'languages.nn',
  en: 'languages.en',
} as const;
