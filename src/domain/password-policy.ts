/**
 * What a password a person chooses must be (NIST SP 800-63B's advice: length, and not a known-bad one;
 * no rules about character classes): at least 12 characters, not the e-mail address, not one character
 * repeated, and not one of the common passwords people choose when asked for 12 characters — a word
 * that everyone guesses first ("passord", "sommer", "qwerty", the app's own name …) with only digits and
 * symbols around it. The browser and the server use the same check.
 */

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_email';

/**
 * Words attackers try first, in lower case: English and Norwegian favourites, seasons, months, keyboard
 * runs, and words from this service and its users' workplace. A password that is one of these with
 * digits or symbols before or after it is refused.
 */
const GUESSED_FIRST = [
  'password', 'passord', 'passwort', 'qwerty', 'qwertyuiop', 'asdfgh', 'asdfghjkl', 'zxcvbnm', 'azerty', 'abc', 'abcdef',
  'letmein', 'welcome', 'velkommen', 'iloveyou', 'admin', 'administrator', 'login', 'logginn', 'secret', 'hemmelig',
  'monkey', 'dragon', 'master', 'football', 'fotball', 'baseball', 'sunshine', 'princess', 'superman', 'trustno',
  'sommer', 'summer', 'vinter', 'winter', 'vår', 'våren', 'spring', 'høst', 'høsten', 'autumn',
  'januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember',
  'norge', 'norway', 'noreg', 'oslo', 'bergen', 'trondheim', 'kommune', 'kommunen', 'helse', 'omsorg', 'sykehjem',
  'sjukeheim', 'hjemmetjenesten', 'heimetenesta', 'sykepleier', 'sjukepleiar', 'digikompass', 'kompass', 'changeme',
  'endremeg', 'byttmeg', 'test', 'testing', 'default', 'standard', 'brukernavn', 'username', 'user', 'bruker',
];

/** Character runs that are guessed whole: along the keyboard or counting up. */
const RUNS = ['1234567890', '0987654321', 'qwertyuiopå', 'asdfghjkløæ', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyzæøå'];

const guessedFirst = new Set(GUESSED_FIRST);

/** The letters left when digits, symbols and spaces are taken away: as typed, and with 0 and @ between letters read as o and a. */
function cores(password: string): string[] {
  const lower = password.toLowerCase();
  const strip = (s: string) => s.replace(/[^\p{L}]+/gu, '');
  const leet = lower.replace(/(?<=\p{L})[0@](?=\p{L})/gu, (c) => (c === '0' ? 'o' : 'a'));
  return [strip(lower), strip(leet)];
}

function isRun(lower: string): boolean {
  if (lower.length < 6) return false;
  return RUNS.some((run) => run.includes(lower) || (run + run).includes(lower));
}

/** null when the password may be used; otherwise why not. */
export function checkPassword(password: string, context: { email?: string } = {}): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  const email = context.email?.trim().toLowerCase();
  if (email) {
    const local = email.split('@')[0] ?? '';
    if (lower.includes(email) || (local.length >= 4 && lower.includes(local))) return 'contains_email';
  }
  if (new Set(lower).size <= 2) return 'too_common';
  if (isRun(lower.replace(/\s+/g, ''))) return 'too_common';
  for (const letters of cores(password)) {
    if (letters.length === 0) continue;
    // A guessed-first word (once or repeated) dressed with digits and symbols.
    for (const word of guessedFirst) {
      if (letters.length % word.length === 0 && letters === word.repeat(letters.length / word.length)) return 'too_common';
    }
    if (isRun(letters)) return 'too_common';
  }
  return null;
}
