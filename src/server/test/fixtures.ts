/** A tiny instrument for server tests: every answer kind, one condition, one scale with a reverse-keyed item. */
import { Instrument, type LocalizedText } from '../../contracts/instrument.js';

const t = (nb: string, nn = nb, en = nb): LocalizedText => ({ nb, nn, en });

export function testInstrument(overrides: { id?: string; version?: string } = {}): Instrument {
  return Instrument.parse({
    id: overrides.id ?? 'test-survey',
    version: overrides.version ?? '1.0.0',
    title: t('Testskjema', 'Testskjema', 'Test form'),
    likertScales: [
      {
        id: 'agree5',
        points: [1, 2, 3, 4, 5].map((value) => ({ value, label: t(`Verdi ${value}`) })),
        notApplicable: t('Ikke aktuelt', 'Ikkje aktuelt', 'Not relevant'),
      },
    ],
    sections: [
      {
        id: 'about',
        title: t('Om deg'),
        items: [
          { id: 'ts:unit', type: 'unit', text: t('Enhet', 'Eining', 'Unit') },
          {
            id: 'ts:role',
            type: 'single',
            text: t('Rolle'),
            options: [
              { value: 'nurse', label: t('Sykepleier', 'Sjukepleiar', 'Nurse') },
              { value: 'other', label: t('Annet', 'Anna', 'Other') },
            ],
          },
          { id: 'ts:years', type: 'number', text: t('År'), min: 0, max: 50 },
        ],
      },
      {
        id: 'skills',
        title: t('Ferdigheter', 'Ferdigheiter', 'Skills'),
        items: [
          {
            id: 'ts:grid',
            type: 'grid',
            scale: 'agree5',
            text: t('Påstander'),
            rows: [
              { id: 'ts:q1', text: t('Q1') },
              { id: 'ts:q2', text: t('Q2') },
              { id: 'ts:q3', text: t('Q3') },
            ],
          },
          { id: 'ts:nurse_only', type: 'likert', scale: 'agree5', text: t('Bare for sykepleiere'), showIf: { item: 'ts:role', op: 'eq', value: 'nurse' } },
          { id: 'ts:comment', type: 'text', text: t('Kommentar'), maxLength: 50 },
        ],
      },
    ],
    scales: [{ id: 'skills', label: t('Ferdigheter', 'Ferdigheiter', 'Skills'), kind: 'area', items: [{ item: 'ts:q1' }, { item: 'ts:q2' }, { item: 'ts:q3', reverse: true }] }],
  });
}
