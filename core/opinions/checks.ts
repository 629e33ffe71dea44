/**
 * 科室核查 in fewer steps: the sections of one reply registered together (one transaction,
 * each through the single-section rule in replies.ts), and each section's last checker so
 * the next reply's form comes prefilled (names were typed again on every reply).
 */
import type { HandlerMap } from '../host/handler';
import type { LastCheckers } from './contract';
import { repliesHandlers } from './replies';

export const checksHandlers: HandlerMap<'opinionReplies.recordChecks' | 'opinionReplies.lastCheckers'> = {
  'opinionReplies.recordChecks': (input, ctx) => {
    const recordOne = repliesHandlers['opinionReplies.recordCheck'];
    let detail: ReturnType<typeof recordOne> | null = null;
    for (const check of input.checks) detail = recordOne({ replyId: input.replyId, ...check }, ctx);
    return detail!;
  },

  'opinionReplies.lastCheckers': (_input, { db }) => {
    const rows = db
      .prepare(
        `SELECT section, checker FROM (
           SELECT section, checker, row_number() OVER (PARTITION BY section ORDER BY updated_at DESC, id DESC) AS n
           FROM opinion_section_checks)
         WHERE n = 1`,
      )
      .all() as { section: string; checker: string }[];
    const out: LastCheckers = {};
    for (const r of rows) out[r.section] = r.checker;
    return out;
  },
};
