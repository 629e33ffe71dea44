import type { Migration } from './types';

/**
 * Issue 16 §4: a pledge campaign has a target (目标签订率, percent of its roster that must
 * sign), so the work board can list the campaigns below it with the names still missing.
 * Existing campaigns get 100: everyone on the roster, which is what the board assumed
 * before.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'pledge_target',
  up(db) {
    db.exec(`
      ALTER TABLE pledge_campaigns
        ADD COLUMN target_rate INTEGER NOT NULL DEFAULT 100 CHECK (target_rate BETWEEN 1 AND 100);
    `);
  },
};
