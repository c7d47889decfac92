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
  region_coordinator: 'roles.region_coordinator',
  municipality_leader: 'roles.municipality_leader',
  unit_leader: 'roles.unit_leader',
  researcher: 'roles.researcher',
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

/** Why a figure is withheld (the live endpoints' and a frozen release's reasons, contracts/release.ts). */
export const suppressedKeys = {
  below_k: 'results.suppressed.below_k',
  complementary: 'results.suppressed.complementary',
  protected: 'results.suppressed.protected',
  small_group: 'results.suppressed.small_group',
  all_same: 'results.suppressed.all_same',
  base_withheld: 'results.suppressed.base_withheld',
} as const;

/** Forms of the questionnaire (Instrument.form). */
const formKeys = {
  full: 'results.forms.full',
  short: 'results.forms.short',
} as const;

export function formKey(form: string): (typeof formKeys)[keyof typeof formKeys] {
  return form === 'short' ? formKeys.short : formKeys.full;
}

export const languageNameKeys = {
  nb: 'languages.nb',
  nn: 'languages.nn',
  en: 'languages.en',
} as const;

/** The code questions of the linking step, by component id (SGIC_COMPONENTS in src/domain/linking.ts; a test keeps them in step). */
export const linkingCodeKeys = {
  motherInitial: { question: 'survey.linking.code.motherInitial.question', help: 'survey.linking.code.motherInitial.help' },
  fatherInitial: { question: 'survey.linking.code.fatherInitial.question', help: 'survey.linking.code.fatherInitial.help' },
  birthDay: { question: 'survey.linking.code.birthDay.question', help: 'survey.linking.code.birthDay.help' },
  motherBirthMonth: { question: 'survey.linking.code.motherBirthMonth.question', help: 'survey.linking.code.motherBirthMonth.help' },
  olderSiblings: { question: 'survey.linking.code.olderSiblings.question', help: 'survey.linking.code.olderSiblings.help' },
  birthPlaceInitial: { question: 'survey.linking.code.birthPlaceInitial.question', help: 'survey.linking.code.birthPlaceInitial.help' },
} as const;

export type LinkingCodeId = keyof typeof linkingCodeKeys;
export const isLinkingCodeId = (id: string): id is LinkingCodeId => id in linkingCodeKeys;

/** Size classes of municipalities (src/domain/municipality-attributes.ts SIZE_CLASSES). */
export const sizeClassKeys = {
  under_5000: 'results.attributes.sizeClasses.under_5000',
  '5000_19999': 'results.attributes.sizeClasses.5000_19999',
  '20000_plus': 'results.attributes.sizeClasses.20000_plus',
} as const;

export const isSizeClassKey = (id: string): id is keyof typeof sizeClassKeys => Object.hasOwn(sizeClassKeys, id);
