/**
 * The texts of the account mails (invitation and password reset) in bokmål, nynorsk and English: plain
 * text and the same as simple HTML, with the absolute link. The recipient's language is the one the
 * inviter chose (stored on the account).
 */
import type { Role } from '../../contracts/api.js';
import type { Language } from '../../contracts/instrument.js';
import type { MailMessage } from '../adapters/mail.js';

const roleNames: Record<Language, Record<Role, string>> = {
  nb: {
    platform_admin: 'plattformadministrator',
    region_coordinator: 'regionkoordinator',
    municipality_leader: 'kommuneleder',
    unit_leader: 'enhetsleder',
    researcher: 'forsker',
  },
  nn: {
    platform_admin: 'plattformadministrator',
    region_coordinator: 'regionkoordinator',
    municipality_leader: 'kommuneleiar',
    unit_leader: 'einingsleiar',
    researcher: 'forskar',
  },
  en: {
    platform_admin: 'platform administrator',
    region_coordinator: 'region coordinator',
    municipality_leader: 'municipality leader',
    unit_leader: 'unit leader',
    researcher: 'researcher',
  },
};

interface MailText {
  subject: string;
  greeting: string;
  paragraphs: string[];
  button: string;
  after: string[];
}

const invite: Record<Language, (p: { name: string; inviter: string; role: string; days: number }) => MailText> = {
  nb: (p) => ({
    subject: 'Du er invitert til Digikompass',
    greeting: `Hei ${p.name},`,
    paragraphs: [
      `${p.inviter} har gitt deg tilgang til Digikompass som ${p.role}. Digikompass kartlegger den digitale kompetansen til ansatte i helse- og omsorgstjenestene.`,
      'Åpne lenken nedenfor og velg ditt eget passord. Etterpå setter du opp innlogging i to trinn med en autentiseringsapp på mobilen, hvis rollen din krever det.',
    ],
    button: 'Velg passord',
    after: [`Lenken virker én gang og i ${p.days} dager.`, 'Hvis du ikke ventet denne e-posten, kan du se bort fra den.'],
  }),
  nn: (p) => ({
    subject: 'Du er invitert til Digikompass',
    greeting: `Hei ${p.name},`,
    paragraphs: [
      `${p.inviter} har gitt deg tilgang til Digikompass som ${p.role}. Digikompass kartlegg den digitale kompetansen til tilsette i helse- og omsorgstenestene.`,
      'Opne lenkja nedanfor og vel ditt eige passord. Etterpå set du opp innlogging i to steg med ein autentiseringsapp på mobilen, dersom rolla di krev det.',
    ],
    button: 'Vel passord',
    after: [`Lenkja verkar éin gong og i ${p.days} dagar.`, 'Dersom du ikkje venta denne e-posten, kan du sjå bort frå han.'],
  }),
  en: (p) => ({
    subject: 'You are invited to Digikompass',
    greeting: `Hello ${p.name},`,
    paragraphs: [
      `${p.inviter} has given you access to Digikompass as ${p.role}. Digikompass maps the digital competence of staff in health and care services.`,
      'Open the link below and choose your own password. Then, if your role requires it, you set up two-step login with an authenticator app on your phone.',
    ],
    button: 'Choose a password',
    after: [`The link works once and for ${p.days} days.`, 'If you did not expect this e-mail, you can ignore it.'],
  }),
};

const reset: Record<Language, (p: { name: string; minutes: number }) => MailText> = {
  nb: (p) => ({
    subject: 'Nytt passord til Digikompass',
    greeting: `Hei ${p.name},`,
    paragraphs: ['Noen har bedt om å få lage et nytt passord til Digikompass-kontoen din. Åpne lenken nedenfor for å velge et nytt passord.'],
    button: 'Velg nytt passord',
    after: [`Lenken virker én gang og i ${p.minutes} minutter.`, 'Hvis det ikke var deg, kan du se bort fra denne e-posten. Passordet ditt er ikke endret.'],
  }),
  nn: (p) => ({
    subject: 'Nytt passord til Digikompass',
    greeting: `Hei ${p.name},`,
    paragraphs: ['Nokon har bede om å få lage eit nytt passord til Digikompass-kontoen din. Opne lenkja nedanfor for å velje eit nytt passord.'],
    button: 'Vel nytt passord',
    after: [`Lenkja verkar éin gong og i ${p.minutes} minutt.`, 'Dersom det ikkje var deg, kan du sjå bort frå denne e-posten. Passordet ditt er ikkje endra.'],
  }),
  en: (p) => ({
    subject: 'A new password for Digikompass',
    greeting: `Hello ${p.name},`,
    paragraphs: ['Someone asked to set a new password for your Digikompass account. Open the link below to choose a new password.'],
    button: 'Choose a new password',
    after: [`The link works once and for ${p.minutes} minutes.`, 'If this was not you, you can ignore this e-mail. Your password has not changed.'],
  }),
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function render(to: string, language: Language, text: MailText, link: string): MailMessage {
  const plain = [text.greeting, '', ...text.paragraphs.flatMap((p) => [p, '']), `${text.button}: ${link}`, '', ...text.after, '', '— Digikompass', ''].join('\n');
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(text.subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1e2b3c; max-width: 36em">',
    p(text.greeting),
    ...text.paragraphs.map(p),
    `<p><a href="${escapeHtml(link)}" style="display: inline-block; padding: 0.6em 1.2em; background: #0062ba; color: #ffffff; border-radius: 4px; text-decoration: none">${escapeHtml(text.button)}</a></p>`,
    `<p style="font-size: 14px">${escapeHtml(link)}</p>`,
    ...text.after.map(p),
    '<p>— Digikompass</p></body></html>',
  ].join('\n');
  return { to, subject: text.subject, text: plain, html, language };
}

export function inviteMail(input: { to: string; language: Language; name: string; inviter: string; role: Role; link: string; days: number }): MailMessage {
  const text = invite[input.language]({ name: input.name, inviter: input.inviter, role: roleNames[input.language][input.role], days: input.days });
  return render(input.to, input.language, text, input.link);
}

export function resetMail(input: { to: string; language: Language; name: string; link: string; minutes: number }): MailMessage {
  return render(input.to, input.language, reset[input.language]({ name: input.name, minutes: input.minutes }), input.link);
}

const twoFactorReset: Record<Language, (p: { name: string; admin: string; required: boolean }) => MailText> = {
  nb: (p) => ({
    subject: 'Innloggingen i to trinn er nullstilt',
    greeting: `Hei ${p.name},`,
    paragraphs: [
      `${p.admin} har nullstilt innloggingen i to trinn for Digikompass-kontoen din, for eksempel fordi du har mistet mobilen. De gamle kodene og reservekodene virker ikke lenger, og du er logget ut overalt.`,
      p.required
        ? 'Neste gang du logger inn med passordet ditt, må du sette opp autentiseringsappen på nytt: skann QR-koden og ta vare på de nye reservekodene.'
        : 'Neste gang logger du inn med passordet ditt alene.',
    ],
    button: 'Logg inn',
    after: ['Hvis du ikke har bedt om dette, kontakt administratoren din med en gang.'],
  }),
  nn: (p) => ({
    subject: 'Innlogginga i to steg er nullstilt',
    greeting: `Hei ${p.name},`,
    paragraphs: [
      `${p.admin} har nullstilt innlogginga i to steg for Digikompass-kontoen din, til dømes fordi du har mista mobilen. Dei gamle kodane og reservekodane verkar ikkje lenger, og du er logga ut overalt.`,
      p.required
        ? 'Neste gong du loggar inn med passordet ditt, må du setje opp autentiseringsappen på nytt: skann QR-koden og ta vare på dei nye reservekodane.'
        : 'Neste gong loggar du inn med passordet ditt åleine.',
    ],
    button: 'Logg inn',
    after: ['Dersom du ikkje har bede om dette, ta kontakt med administratoren din med ein gong.'],
  }),
  en: (p) => ({
    subject: 'Your two-step login has been reset',
    greeting: `Hello ${p.name},`,
    paragraphs: [
      `${p.admin} has reset the two-step login of your Digikompass account, for example because you lost your phone. The old codes and recovery codes no longer work, and you have been logged out everywhere.`,
      p.required
        ? 'The next time you log in with your password, you must set up the authenticator app again: scan the QR code and keep the new recovery codes safe.'
        : 'Next time you log in with your password alone.',
    ],
    button: 'Log in',
    after: ['If you did not ask for this, contact your administrator at once.'],
  }),
};

/** After an administrator has reset a lost second factor: what happens at the next login. */
export function twoFactorResetMail(input: { to: string; language: Language; name: string; admin: string; required: boolean; link: string }): MailMessage {
  return render(input.to, input.language, twoFactorReset[input.language]({ name: input.name, admin: input.admin, required: input.required }), input.link);
}
