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
