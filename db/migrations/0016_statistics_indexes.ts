import type { Migration } from './types';

/**
 * Issue 12: two covering indexes for the statistics page (a year of 100,000 records).
 * The pledge numbers walk every roster entry of the year's campaigns and join each to its
 * person's unit: with these, the entry's sign-off and the person's unit and name are read
 * from the index alone instead of one more table lookup each. Indexes only; no data changes.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'statistics_indexes',
  up(db) {
    db.exec(`
      CREATE INDEX people_id_unit_name ON people(id, unit_id, name);
      CREATE INDEX pledge_roster_campaign_signed ON pledge_roster(campaign_id, signed, signed_date, person_id);
    `);
  },
};
