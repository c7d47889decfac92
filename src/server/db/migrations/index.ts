/** Every migration, in order. Add a new file as NNN_name.ts and list it here; never edit a released one. */
import type { Migration } from 'kysely';
import * as m001 from './001_initial.js';
import * as m002 from './002_link_instrument.js';
import * as m003 from './003_completion_time.js';
import * as m004 from './004_participation.js';
import * as m005 from './005_accounts.js';
import * as m006 from './006_releases.js';
import * as m007 from './007_municipality_attributes.js';
import * as m008 from './008_research_tokens.js';

export const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_link_instrument': m002,
  '003_completion_time': m003,
  '004_participation': m004,
  '005_accounts': m005,
  '006_releases': m006,
  '007_municipality_attributes': m007,
  '008_research_tokens': m008,
};
