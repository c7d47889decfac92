/**
 * Municipality attributes for breakdowns like those in national surveys (issue 6): the population and the
 * year it was counted (SSB: 1 January), the county (fylke) by number and name, and SSB's centrality class
 * (1 most central … 6 least central). All may be unknown. The size class is derived from the population
 * (src/domain/municipality-attributes.ts), never stored; "region" in breakdowns is the network region
 * (region_membership). attributes_updated_at: when the platform admin or an import last changed them.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `ALTER TABLE municipality
    ADD COLUMN population integer CHECK (population IS NULL OR population BETWEEN 0 AND 2000000),
    ADD COLUMN population_year smallint CHECK (population_year IS NULL OR population_year BETWEEN 1900 AND 2100),
    ADD COLUMN county_code text CHECK (county_code IS NULL OR county_code ~ '^[0-9]{2}$'),
    ADD COLUMN county_name text CHECK (county_name IS NULL OR length(county_name) BETWEEN 1 AND 100),
    ADD COLUMN centrality smallint CHECK (centrality IS NULL OR centrality BETWEEN 1 AND 6),
    ADD COLUMN attributes_updated_at timestamptz,
    ADD CONSTRAINT municipality_year_needs_population CHECK (population_year IS NULL OR population IS NOT NULL),
    ADD CONSTRAINT municipality_county_name_needs_code CHECK (county_name IS NULL OR county_code IS NOT NULL)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
