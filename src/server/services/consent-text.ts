/**
 * The default information and consent text (version 1 of a new project, and the demo project's):
 * plain language in bokmål, nynorsk and English.
 */
import type { LocalizedText } from '../../contracts/instrument.js';

export function defaultConsentText(endDate: string): { information: LocalizedText; consent: LocalizedText } {
  const [y, m, d] = endDate.split('-');
  const norwegianDate = `${d}.${m}.${y}`;
  return {
    information: {
      nb: [
        'Denne undersøkelsen handler om hvordan du bruker digitale verktøy og velferdsteknologi i jobben, og hvordan du vil lære mer.',
        'Det er frivillig å svare. Du kan la være å svare på spørsmål du ikke vil svare på, og du kan avbryte når du vil.',
        'Vi lagrer ikke navnet ditt, e-postadressen din, IP-adressen din eller noe annet som viser hvem du er. Svarene lagres bare med dato, kommune og enheten du velger.',
        'Lederne ser bare resultater for grupper med minst 5 svar. De ser aldri svarene dine alene.',
        `Når du sender inn, får du en kvitteringskode. Ta vare på den. Med koden kan du be om å få svarene dine slettet fram til ${norwegianDate}. Etter det kan ingen finne ut hvilke svar som er dine.`,
      ].join('\n\n'),
      nn: [
        'Denne undersøkinga handlar om korleis du brukar digitale verktøy og velferdsteknologi i jobben, og korleis du vil lære meir.',
        'Det er frivillig å svare. Du kan la vere å svare på spørsmål du ikkje vil svare på, og du kan avbryte når du vil.',
        'Vi lagrar ikkje namnet ditt, e-postadressa di, IP-adressa di eller noko anna som viser kven du er. Svara blir berre lagra med dato, kommune og eininga du vel.',
        'Leiarane ser berre resultat for grupper med minst 5 svar. Dei ser aldri svara dine åleine.',
        `Når du sender inn, får du ein kvitteringskode. Ta vare på han. Med koden kan du be om å få svara dine sletta fram til ${norwegianDate}. Etter det kan ingen finne ut kva svar som er dine.`,
      ].join('\n\n'),
      en: [
        'This survey is about how you use digital tools and welfare technology at work, and how you would like to learn more.',
        'Taking part is voluntary. You can skip any question you do not want to answer, and you can stop at any time.',
        'We do not store your name, your e-mail address, your IP address or anything else that shows who you are. Your answers are stored only with the date, the municipality and the unit you choose.',
        'Leaders only see results for groups of at least 5 people. They never see your answers on their own.',
        `When you submit, you get a receipt code. Keep it. With the code you can ask for your answers to be deleted until ${endDate}. After that, nobody can tell which answers are yours.`,
      ].join('\n\n'),
    },
    consent: {
      nb: 'Jeg har lest informasjonen og vil svare på undersøkelsen.',
      nn: 'Eg har lese informasjonen og vil svare på undersøkinga.',
      en: 'I have read the information and want to take part in the survey.',
    },
  };
}
