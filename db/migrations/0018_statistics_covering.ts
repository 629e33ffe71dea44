import type { Migration } from './types';

/**
 * Issue 12: covering indexes for the statistics page's walks (core/statistics/queries.ts),
 * so each walk reads indexes instead of one table row per record:
 *  - a reply's items with their conclusion (人次 by conclusion);
 *  - a roster entry's sign-off and family co-signer (签订, 家属共同签名, 已签);
 *  - a matter's kind, status and deletion by received date (线索, 立案, 信访 by status).
 * The two narrower indexes these extend (0016's roster index, 0006's matters index) are
 * dropped: every lookup that used them reads the wider ones by the same leading columns.
 * Indexes only; no data changes.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'statistics_covering',
  up(db) {
    db.exec(`
      CREATE INDEX opinion_reply_items_reply_category ON opinion_reply_items(reply_id, category);
      DROP INDEX pledge_roster_campaign_signed;
      CREATE INDEX pledge_roster_campaign_signed_cosigner ON pledge_roster(campaign_id, signed, signed_date, person_id, cosigner_name);
      DROP INDEX pending_matters_received;
      CREATE INDEX pending_matters_received_kind_status ON pending_matters(received_date, kind, status, deleted_at);
    `);
  },
};
