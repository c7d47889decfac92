/**
 * Server-side messages (problem details and field errors) in bokmål, nynorsk and English, and the
 * caller's language: ?lang, then the x-language header, then the first nb/nn/en/no in Accept-Language
 * (no → nb); bokmål by default.
 */
import type { Language } from '../contracts/instrument.js';

const en = {
  // titles by status
  title_400: 'Bad request',
  title_401: 'Not logged in',
  title_403: 'Forbidden',
  title_404: 'Not found',
  title_405: 'Method not allowed',
  title_409: 'Conflict',
  title_410: 'Gone',
  title_413: 'Too large',
  title_415: 'Unsupported media type',
  title_429: 'Too many requests',
  title_500: 'Server error',
  // details
  bad_request: 'The request could not be understood.',
  validation: 'Some of what you sent is not valid. See the fields.',
  answers_invalid: 'Some answers are not valid. See the questions marked.',
  malformed_body: 'The request could not be read (invalid JSON).',
  payload_too_large: 'The request is too large.',
  unsupported_media_type: 'Send the data as JSON.',
  unauthorized: 'You need to log in.',
  login_failed: 'Wrong e-mail address or password.',
  session_expired: 'Your session has ended. Log in again.',
  forbidden: 'You do not have access to this.',
  csrf: 'The request lacks a valid security token. Reload the page and try again.',
  second_factor_required: 'Enter the code from your authenticator app to finish logging in.',
  second_factor_not_due: 'This step of logging in is not due now. Log in again.',
  second_factor_failed: 'The code is wrong or has already been used. Wait for the next code and try again.',
  totp_already_enabled: 'Two-step login is already set up for this account.',
  role_not_allowed: 'You cannot give or manage this role.',
  already_active: 'This person has already set a password.',
  cannot_disable_self: 'You cannot disable your own account.',
  token_invalid: 'This link has already been used or has expired. Ask for a new one.',
  email_taken: 'An account with this e-mail address already exists.',
  region_required: 'Choose a region.',
  unit_required: 'Choose a unit.',
  project_required: 'Choose at least one project.',
  password_too_short: 'The password needs at least 12 characters.',
  password_too_long: 'The password can have at most 200 characters.',
  password_too_common: 'This password is too easy to guess. Choose a longer or less common one, for example a few random words.',
  password_contains_email: 'The password may not contain your e-mail address.',
  not_found: 'We could not find what you asked for.',
  route_not_found: 'There is no such address in the API.',
  link_not_found: 'This survey link does not exist. Check that it is typed correctly.',
  draft_not_found: 'We could not find the saved answers. They may have been submitted or deleted.',
  draft_token_invalid: 'The saved answers cannot be opened with this key.',
  resume_code_invalid: 'The code does not match. Check it and try again.',
  receipt_not_found: 'We found no answers with this receipt code. Check the code and try again.',
  wave_not_found: 'We could not find this wave.',
  conflict: 'This conflicts with what is already stored.',
  already_exists: 'This already exists.',
  wave_not_open: 'The survey has not opened yet.',
  wave_closed: 'The survey has closed.',
  consent_outdated: 'The information about the survey has changed. Read it again and give your consent.',
  results_not_ready: 'Results are shown once the survey has closed.',
  municipality_required: 'Choose a municipality.',
  instrument_in_use: 'This questionnaire version is used by a wave and cannot change.',
  local_items_locked: 'Local systems can only be added or changed before the wave opens for the municipality, and this wave has opened.',
  rate_limited: 'Too many attempts. Wait {seconds} seconds and try again.',
  method_not_allowed: 'This method is not allowed here.',
  internal: 'Something went wrong on our side. Try again later.',
  // field issues: answers (src/domain/answers.ts codes)
  unknown_item: 'This question is not in the form.',
  hidden: 'This question is not shown with your other answers, so the answer cannot be saved.',
  wrong_type: 'The answer has the wrong form.',
  not_an_option: 'Choose one of the options.',
  out_of_range: 'Enter a number from {min} to {max}.',
  not_integer: 'Enter a whole number.',
  too_long: 'The answer can have at most {max} characters.',
  too_many: 'Choose at most {max}.',
  exclusive: 'This choice cannot be combined with others.',
  // field issues: units and references
  unit_not_in_municipality: 'The unit does not belong to this municipality.',
  unit_fixed_by_link: 'This link belongs to another unit.',
  unknown_reference: 'This does not exist.',
  // field issues: general input (zod)
  required: 'Required.',
  invalid_type: 'Wrong type of value.',
  too_short_string: 'Enter at least {minimum} characters.',
  too_long_string: 'Enter at most {maximum} characters.',
  too_small_number: 'Must be at least {minimum}.',
  too_big_number: 'Must be at most {maximum}.',
  too_few_items: 'Choose at least {minimum}.',
  too_many_items: 'Choose at most {maximum}.',
  invalid_email: 'Enter a valid e-mail address.',
  invalid_uuid: 'Not a valid id.',
  invalid_datetime: 'Enter a date and time (for example 2026-03-01T08:00:00+01:00).',
  invalid_format: 'The format is not valid.',
  invalid_value: 'Choose one of: {values}.',
  unrecognized_keys: 'Unknown field: {keys}.',
  invalid_key: 'Unknown or invalid question id.',
  invalid_input: 'Not a valid value.',
  // messages written in the contracts (matched on their English text)
  closes_after_opens: 'Must be after the opening time.',
  ssb_code_format: 'The SSB code has four digits.',
  password_length: 'The password needs at least 12 characters.',
  date_format: 'Enter a date as YYYY-MM-DD.',
  item_id_format: 'Not a valid question id.',
  local_item_key_format: 'Use only lower-case English letters, digits and underscores, and start with a letter.',
};

export type MessageCode = keyof typeof en;

const nb: Record<MessageCode, string> = {
  title_400: 'Ugyldig forespørsel',
  title_401: 'Ikke logget inn',
  title_403: 'Ingen tilgang',
  title_404: 'Finnes ikke',
  title_405: 'Ikke tillatt',
  title_409: 'Konflikt',
  title_410: 'Ikke lenger tilgjengelig',
  title_413: 'For stor',
  title_415: 'Feil dataformat',
  title_429: 'For mange forespørsler',
  title_500: 'Serverfeil',
  bad_request: 'Forespørselen kunne ikke forstås.',
  validation: 'Noe av det du sendte er ikke gyldig. Se feltene.',
  answers_invalid: 'Noen svar er ikke gyldige. Se spørsmålene som er merket.',
  malformed_body: 'Forespørselen kunne ikke leses (ugyldig JSON).',
  payload_too_large: 'Forespørselen er for stor.',
  unsupported_media_type: 'Send innholdet som JSON.',
  unauthorized: 'Du må logge inn.',
  login_failed: 'Feil e-postadresse eller passord.',
  session_expired: 'Økten din er avsluttet. Logg inn igjen.',
  forbidden: 'Du har ikke tilgang til dette.',
  csrf: 'Forespørselen mangler et gyldig sikkerhetstoken. Last inn siden på nytt og prøv igjen.',
  second_factor_required: 'Skriv inn koden fra autentiseringsappen for å fullføre innloggingen.',
  second_factor_not_due: 'Dette steget i innloggingen er ikke aktuelt nå. Logg inn på nytt.',
  second_factor_failed: 'Koden er feil eller allerede brukt. Vent på neste kode og prøv igjen.',
  totp_already_enabled: 'Innlogging i to trinn er allerede satt opp for denne kontoen.',
  role_not_allowed: 'Du kan ikke gi eller endre denne rollen.',
  already_active: 'Denne personen har allerede valgt passord.',
  cannot_disable_self: 'Du kan ikke deaktivere din egen konto.',
  token_invalid: 'Lenken er allerede brukt eller har gått ut. Be om en ny.',
  email_taken: 'Det finnes allerede en konto med denne e-postadressen.',
  region_required: 'Velg en region.',
  unit_required: 'Velg en enhet.',
  project_required: 'Velg minst ett prosjekt.',
  password_too_short: 'Passordet må ha minst 12 tegn.',
  password_too_long: 'Passordet kan ha høyst 200 tegn.',
  password_too_common: 'Dette passordet er for lett å gjette. Velg et lengre eller mindre vanlig passord, for eksempel noen tilfeldige ord.',
  password_contains_email: 'Passordet kan ikke inneholde e-postadressen din.',
  not_found: 'Vi fant ikke det du ba om.',
  route_not_found: 'Denne adressen finnes ikke i API-et.',
  link_not_found: 'Denne lenken til undersøkelsen finnes ikke. Sjekk at den er skrevet riktig.',
  draft_not_found: 'Vi fant ikke de lagrede svarene. De kan være sendt inn eller slettet.',
  draft_token_invalid: 'De lagrede svarene kan ikke åpnes med denne nøkkelen.',
  resume_code_invalid: 'Koden stemmer ikke. Sjekk den og prøv igjen.',
  receipt_not_found: 'Vi fant ingen svar med denne kvitteringskoden. Sjekk koden og prøv igjen.',
  wave_not_found: 'Vi fant ikke denne kartleggingsrunden.',
  conflict: 'Dette er i konflikt med det som allerede er lagret.',
  already_exists: 'Dette finnes allerede.',
  wave_not_open: 'Undersøkelsen har ikke åpnet ennå.',
  wave_closed: 'Undersøkelsen er avsluttet.',
  consent_outdated: 'Informasjonen om undersøkelsen er endret. Les den på nytt og gi samtykke.',
  results_not_ready: 'Resultatene vises når undersøkelsen er avsluttet.',
  municipality_required: 'Velg en kommune.',
  instrument_in_use: 'Denne versjonen av spørreskjemaet brukes i en runde og kan ikke endres.',
  local_items_locked: 'Lokale systemer kan bare legges til eller endres før runden åpner for kommunen, og denne runden har åpnet.',
  rate_limited: 'For mange forsøk. Vent {seconds} sekunder og prøv igjen.',
  method_not_allowed: 'Denne metoden er ikke tillatt her.',
  internal: 'Noe gikk galt hos oss. Prøv igjen senere.',
  unknown_item: 'Dette spørsmålet finnes ikke i skjemaet.',
  hidden: 'Dette spørsmålet vises ikke med de andre svarene dine, så svaret kan ikke lagres.',
  wrong_type: 'Svaret har feil form.',
  not_an_option: 'Velg ett av alternativene.',
  out_of_range: 'Skriv et tall fra {min} til {max}.',
  not_integer: 'Skriv et helt tall.',
  too_long: 'Svaret kan ha høyst {max} tegn.',
  too_many: 'Velg høyst {max}.',
  exclusive: 'Dette valget kan ikke kombineres med andre.',
  unit_not_in_municipality: 'Enheten hører ikke til denne kommunen.',
  unit_fixed_by_link: 'Denne lenken gjelder en annen enhet.',
  unknown_reference: 'Dette finnes ikke.',
  required: 'Må fylles ut.',
  invalid_type: 'Feil type verdi.',
  too_short_string: 'Skriv minst {minimum} tegn.',
  too_long_string: 'Skriv høyst {maximum} tegn.',
  too_small_number: 'Må være minst {minimum}.',
  too_big_number: 'Kan være høyst {maximum}.',
  too_few_items: 'Velg minst {minimum}.',
  too_many_items: 'Velg høyst {maximum}.',
  invalid_email: 'Skriv en gyldig e-postadresse.',
  invalid_uuid: 'Ikke en gyldig id.',
  invalid_datetime: 'Skriv dato og klokkeslett (for eksempel 2026-03-01T08:00:00+01:00).',
  invalid_format: 'Formatet er ikke gyldig.',
  invalid_value: 'Velg en av disse: {values}.',
  unrecognized_keys: 'Ukjent felt: {keys}.',
  invalid_key: 'Ukjent eller ugyldig spørsmåls-id.',
  invalid_input: 'Ikke en gyldig verdi.',
  closes_after_opens: 'Må være etter åpningstidspunktet.',
  ssb_code_format: 'SSB-koden har fire sifre.',
  password_length: 'Passordet må ha minst 12 tegn.',
  date_format: 'Skriv datoen som ÅÅÅÅ-MM-DD.',
  item_id_format: 'Ikke en gyldig spørsmåls-id.',
  local_item_key_format: 'Bruk bare små engelske bokstaver, sifre og understrek, og begynn med en bokstav.',
};

const nn: Record<MessageCode, string> = {
  title_400: 'Ugyldig førespurnad',
  title_401: 'Ikkje logga inn',
  title_403: 'Inga tilgang',
  title_404: 'Finst ikkje',
  title_405: 'Ikkje tillate',
  title_409: 'Konflikt',
  title_410: 'Ikkje lenger tilgjengeleg',
  title_413: 'For stor',
  title_415: 'Feil dataformat',
  title_429: 'For mange førespurnader',
  title_500: 'Serverfeil',
  bad_request: 'Vi forstod ikkje førespurnaden.',
  validation: 'Noko av det du sende, er ikkje gyldig. Sjå felta.',
  answers_invalid: 'Nokre svar er ikkje gyldige. Sjå spørsmåla som er merkte.',
  malformed_body: 'Vi kunne ikkje lese førespurnaden (ugyldig JSON).',
  payload_too_large: 'Førespurnaden er for stor.',
  unsupported_media_type: 'Send innhaldet som JSON.',
  unauthorized: 'Du må logge inn.',
  login_failed: 'Feil e-postadresse eller passord.',
  session_expired: 'Økta di er avslutta. Logg inn igjen.',
  forbidden: 'Du har ikkje tilgang til dette.',
  csrf: 'Førespurnaden manglar eit gyldig tryggleikstoken. Last inn sida på nytt og prøv igjen.',
  second_factor_required: 'Skriv inn koden frå autentiseringsappen for å fullføre innlogginga.',
  second_factor_not_due: 'Dette steget i innlogginga er ikkje aktuelt no. Logg inn på nytt.',
  second_factor_failed: 'Koden er feil eller allereie brukt. Vent på neste kode og prøv igjen.',
  totp_already_enabled: 'Innlogging i to steg er allereie sett opp for denne kontoen.',
  role_not_allowed: 'Du kan ikkje gi eller endre denne rolla.',
  already_active: 'Denne personen har allereie valt passord.',
  cannot_disable_self: 'Du kan ikkje deaktivere din eigen konto.',
  token_invalid: 'Lenkja er allereie brukt eller har gått ut. Be om ei ny.',
  email_taken: 'Det finst allereie ein konto med denne e-postadressa.',
  region_required: 'Vel ein region.',
  unit_required: 'Vel ei eining.',
  project_required: 'Vel minst eitt prosjekt.',
  password_too_short: 'Passordet må ha minst 12 teikn.',
  password_too_long: 'Passordet kan ha høgst 200 teikn.',
  password_too_common: 'Dette passordet er for lett å gjette. Vel eit lengre eller mindre vanleg passord, til dømes nokre tilfeldige ord.',
  password_contains_email: 'Passordet kan ikkje innehalde e-postadressa di.',
  not_found: 'Vi fann ikkje det du bad om.',
  route_not_found: 'Denne adressa finst ikkje i API-et.',
  link_not_found: 'Denne lenkja til undersøkinga finst ikkje. Sjekk at ho er skriven rett.',
  draft_not_found: 'Vi fann ikkje dei lagra svara. Dei kan vere sende inn eller sletta.',
  draft_token_invalid: 'Dei lagra svara kan ikkje opnast med denne nøkkelen.',
  resume_code_invalid: 'Koden stemmer ikkje. Sjekk han og prøv igjen.',
  receipt_not_found: 'Vi fann ingen svar med denne kvitteringskoden. Sjekk koden og prøv igjen.',
  wave_not_found: 'Vi fann ikkje denne kartleggingsrunden.',
  conflict: 'Dette er i konflikt med det som alt er lagra.',
  already_exists: 'Dette finst allereie.',
  wave_not_open: 'Undersøkinga har ikkje opna enno.',
  wave_closed: 'Undersøkinga er avslutta.',
  consent_outdated: 'Informasjonen om undersøkinga er endra. Les han på nytt og gi samtykke.',
  results_not_ready: 'Resultata blir viste når undersøkinga er avslutta.',
  municipality_required: 'Vel ein kommune.',
  instrument_in_use: 'Denne versjonen av spørjeskjemaet blir brukt i ein runde og kan ikkje endrast.',
  local_items_locked: 'Lokale system kan berre leggjast til eller endrast før runden opnar for kommunen, og denne runden har opna.',
  rate_limited: 'For mange forsøk. Vent {seconds} sekund og prøv igjen.',
  method_not_allowed: 'Denne metoden er ikkje tillaten her.',
  internal: 'Noko gjekk gale hos oss. Prøv igjen seinare.',
  unknown_item: 'Dette spørsmålet finst ikkje i skjemaet.',
  hidden: 'Dette spørsmålet blir ikkje vist med dei andre svara dine, så svaret kan ikkje lagrast.',
  wrong_type: 'Svaret har feil form.',
  not_an_option: 'Vel eitt av alternativa.',
  out_of_range: 'Skriv eit tal frå {min} til {max}.',
  not_integer: 'Skriv eit heilt tal.',
  too_long: 'Svaret kan ha høgst {max} teikn.',
  too_many: 'Vel høgst {max}.',
  exclusive: 'Dette valet kan ikkje kombinerast med andre.',
  unit_not_in_municipality: 'Eininga høyrer ikkje til denne kommunen.',
  unit_fixed_by_link: 'Denne lenkja gjeld ei anna eining.',
  unknown_reference: 'Dette finst ikkje.',
  required: 'Må fyllast ut.',
  invalid_type: 'Feil type verdi.',
  too_short_string: 'Skriv minst {minimum} teikn.',
  too_long_string: 'Skriv høgst {maximum} teikn.',
  too_small_number: 'Må vere minst {minimum}.',
  too_big_number: 'Kan vere høgst {maximum}.',
  too_few_items: 'Vel minst {minimum}.',
  too_many_items: 'Vel høgst {maximum}.',
  invalid_email: 'Skriv ei gyldig e-postadresse.',
  invalid_uuid: 'Ikkje ein gyldig id.',
  invalid_datetime: 'Skriv dato og klokkeslett (til dømes 2026-03-01T08:00:00+01:00).',
  invalid_format: 'Formatet er ikkje gyldig.',
  invalid_value: 'Vel ein av desse: {values}.',
  unrecognized_keys: 'Ukjent felt: {keys}.',
  invalid_key: 'Ukjend eller ugyldig spørsmåls-id.',
  invalid_input: 'Ikkje ein gyldig verdi.',
  closes_after_opens: 'Må vere etter opningstidspunktet.',
  ssb_code_format: 'SSB-koden har fire siffer.',
  password_length: 'Passordet må ha minst 12 teikn.',
  date_format: 'Skriv datoen som ÅÅÅÅ-MM-DD.',
  item_id_format: 'Ikkje ein gyldig spørsmåls-id.',
  local_item_key_format: 'Bruk berre små engelske bokstavar, siffer og understrek, og byrj med ein bokstav.',
};

export const messages: Record<Language, Record<MessageCode, string>> = { nb, nn, en };

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(en, code);
}

/** The message for `code` in `lang`, with {name} placeholders filled from params. */
export function translate(lang: Language, code: MessageCode, params: Record<string, string | number> = {}): string {
  return messages[lang][code].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

const LANGUAGE_TAG: Record<string, Language> = { nb: 'nb', nn: 'nn', en: 'en', no: 'nb' };

function fromTag(tag: string): Language | undefined {
  return LANGUAGE_TAG[tag.trim().toLowerCase().split(/[-_]/)[0] ?? ''];
}

/** The first supported language in an Accept-Language header, by descending q (then order). */
export function languageFromAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...attrs] = part.split(';');
      const q = attrs.map((a) => /^\s*q=([0-9.]+)\s*$/.exec(a)?.[1]).find((v) => v !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const lang = fromTag(tag);
    if (lang) return lang;
  }
  return undefined;
}

/** The caller's language for messages. */
export function languageOf(req: { query?: unknown; headers: Record<string, string | string[] | undefined> }): Language {
  const query = req.query as Record<string, unknown> | undefined;
  const fromQuery = typeof query?.lang === 'string' ? fromTag(query.lang) : undefined;
  if (fromQuery) return fromQuery;
  const header = req.headers['x-language'];
  const fromHeader = typeof header === 'string' ? fromTag(header) : undefined;
  if (fromHeader) return fromHeader;
  const accept = req.headers['accept-language'];
  return languageFromAcceptLanguage(Array.isArray(accept) ? accept.join(',') : accept) ?? 'nb';
}
