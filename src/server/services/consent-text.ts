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
        'Lederne i kommunen din ser bare resultater for egen kommune, og bare for grupper med minst 5 svar. De ser aldri svarene dine alene.',
        'Vi spør deg en gang til om et år. Vil du, kan vi koble de to svarene dine sammen med en kode bare du kjenner: kvitteringskoden, et merke på din egen telefon eller noen korte spørsmål om deg selv. Koden lagres bare i en form som ikke kan leses tilbake.',
        `Når du sender inn, får du en kvitteringskode. Ta vare på den. Med koden kan du se svarene dine og slette dem, også fra tidligere runder, fram til ${norwegianDate}. Da sletter vi alle kodene, og etter det kan ingen finne ut hvilke svar som er dine.`,
      ].join('\n\n'),
      nn: [
        'Denne undersøkinga handlar om korleis du brukar digitale verktøy og velferdsteknologi i jobben, og korleis du vil lære meir.',
        'Det er frivillig å svare. Du kan la vere å svare på spørsmål du ikkje vil svare på, og du kan avbryte når du vil.',
        'Vi lagrar ikkje namnet ditt, e-postadressa di, IP-adressa di eller noko anna som viser kven du er. Svara blir berre lagra med dato, kommune og eininga du vel.',
        'Leiarane i kommunen din ser berre resultat for eigen kommune, og berre for grupper med minst 5 svar. Dei ser aldri svara dine åleine.',
        'Vi spør deg ein gong til om eitt år. Vil du, kan vi kople dei to svara dine saman med ein kode berre du kjenner: kvitteringskoden, eit merke på din eigen telefon eller nokre korte spørsmål om deg sjølv. Koden blir berre lagra i ei form som ikkje kan lesast tilbake.',
        `Når du sender inn, får du ein kvitteringskode. Ta vare på han. Med koden kan du sjå svara dine og slette dei, også frå tidlegare rundar, fram til ${norwegianDate}. Då slettar vi alle kodane, og etter det kan ingen finne ut kva svar som er dine.`,
      ].join('\n\n'),
      en: [
        'This survey is about how you use digital tools and welfare technology at work, and how you would like to learn more.',
        'Taking part is voluntary. You can skip any question you do not want to answer, and you can stop at any time.',
        'We do not store your name, your e-mail address, your IP address or anything else that shows who you are. Your answers are stored only with the date, the municipality and the unit you choose.',
        'Leaders in your municipality only see results for their own municipality, and only for groups of at least 5 people. They never see your answers on their own.',
        'We will ask you again in a year. If you wish, your two answers can be linked by a code only you know: the receipt code, a mark on your own phone, or a few short questions about yourself. The code is stored only in a form that cannot be read back.',
        `When you submit, you get a receipt code. Keep it. With the code you can see your answers and delete them, also from earlier rounds, until ${endDate}. Then we delete all the codes, and after that nobody can tell which answers are yours.`,
      ].join('\n\n'),
    },
    consent: {
      nb: 'Jeg har lest informasjonen og vil svare på undersøkelsen.',
      nn: 'Eg har lese informasjonen og vil svare på undersøkinga.',
      en: 'I have read the information and want to take part in the survey.',
    },
  };
}
