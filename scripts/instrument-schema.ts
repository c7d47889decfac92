/** The JSON Schema of instrument files (docs/instrument.schema.json), made from the zod contract. */
import { z } from 'zod';
import { Condition, Instrument } from '../src/contracts/instrument.js';

export const SCHEMA_FILE = 'docs/instrument.schema.json';

export function instrumentJsonSchemaText(): string {
  // A registry of our own names the recursive condition's definition ("Condition", not "__schema0")
  // without touching the global registry that the OpenAPI document uses.
  const names = z.registry<{ id: string }>();
  names.add(Condition, { id: 'Condition' });
  const schema = {
    ...z.toJSONSchema(Instrument, { io: 'input', unrepresentable: 'any', metadata: names }),
    title: 'Digikompass instrument',
    description: 'A questionnaire file in instruments/. Generated from src/contracts/instrument.ts by `npx tsx scripts/gen-instrument-schema.ts`; do not edit.',
  };
  return JSON.stringify(schema, null, 2) + '\n';
}
