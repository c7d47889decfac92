/** Writes docs/instrument.schema.json from the zod contract. Run: npx tsx scripts/gen-instrument-schema.ts */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { instrumentJsonSchemaText, SCHEMA_FILE } from './instrument-schema.js';

const target = fileURLToPath(new URL(`../${SCHEMA_FILE}`, import.meta.url));
writeFileSync(target, instrumentJsonSchemaText());
console.log(`wrote ${SCHEMA_FILE}`);
