/** Every migration, in order. Add a new file as NNN_name.ts and list it here; never edit a released one. */
import type { Migration } from 'kysely';
import * as m001 from './001_initial.js';
import * as m002 from './002_link_instrument.js';

export const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_link_instrument': m002,
};
