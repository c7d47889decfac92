// The password rule: long enough, not the e-mail address, and not one of the passwords guessed first.
import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.js';

describe('checkPassword', () => {
  it('takes long passwords and passphrases that are not guessed first', () => {
    for (const ok of ['fjellbekk tyttebær kompass', 'Gol-2026-heimetenesta-kaffi', 'x7#Rq!pL2wZ9', 'correct horse battery staple', 'sommerfugl i hagen min']) {
      expect(checkPassword(ok), ok).toBeNull();
    }
  });

  it('refuses what is too short or too long', () => {
    expect(checkPassword('kort passord')).toBeNull();
    expect(checkPassword('elleve tegn')).toBe('too_short');
    expect(checkPassword('å'.repeat(11))).toBe('too_short');
    expect(checkPassword('a b'.repeat(70))).toBe('too_long');
  });

  it('refuses common passwords dressed up with digits and symbols', () => {
    for (const bad of ['passord12345', 'Password123!', 'P@ssw0rd2024', 'Sommer2026!!', 'høsten2025!!', 'qwertyuiop12', '123456789012', '1234567890123',
      'asdfghjkløæ1', 'aaaaaaaaaaaaaa', 'abababababab', 'Velkommen123', 'Digikompass1!', 'passwordpassword', 'Kommunen2026']) {
      expect(checkPassword(bad), bad).toBe('too_common');
    }
  });

  it('refuses a password with the e-mail address in it', () => {
    expect(checkPassword('kari.nordmann2026', { email: 'Kari.Nordmann@gol.kommune.no' })).toBe('contains_email');
    expect(checkPassword('kari.nordmann@gol.kommune.no', { email: 'kari.nordmann@gol.kommune.no' })).toBe('contains_email');
    expect(checkPassword('fjellbekk tyttebær kompass', { email: 'kari@gol.kommune.no' })).toBeNull();
  });
});
