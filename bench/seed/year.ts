/**
 * A year of records of every kind the statistics page counts, inserted directly (one
 * transaction, prepared statements) on a seeded register: opinion requests with replies
 * (issued, draft, voided, corrected), reminder letters with addressees and receipts,
 * pledge campaigns with rosters, sanctions (some revoked or deleted), pending matters,
 * 澄清正名 and 暖心回访. About 10% of the dates fall in the neighbouring years so range
 * edges matter. Used by the statistics test, its e2e and the statistics benchmark.
 */
import { newId } from '../../db/ids';
import type { Db } from '../../db/open';
import { CONCLUSIONS, PURPOSES } from '../../core/opinions/contract';
import { OCCASIONS, REMINDER_KINDS } from '../../core/reminders/contract';
import { SANCTION_CATEGORIES, SANCTION_TYPES } from '../../core/sanctions/kinds';
import { periodLastDay } from '../../core/sanctions/periodMath';
import { addDays } from '../../core/shared/dates';
import { rng } from './people';

const REQUESTERS = ['市委组织部', '市人力资源和社会保障局', '市委宣传部', '市总工会'];
const PLEDGE_TYPES = ['不操办升学宴谢师宴', '廉洁过节', '任前廉政承诺', '领导干部廉政承诺'];

export interface SeededYear {
  year: number;
  /** Rows inserted per table. */
  rows: Record<string, number>;
}

/** `records` is roughly the number of rows the year adds across all tables. */
export function seedYear(db: Db, options: { year: number; records: number; seed?: number }): SeededYear {
  const r = rng(options.seed ?? 12);
  const Y = options.year;
  const at = `${Y}-12-31T00:00:00.000Z`;
  const people = db.prepare('SELECT id, unit_id FROM people WHERE deleted_at IS NULL ORDER BY seq').all() as {
    id: string;
    unit_id: string | null;
  }[];
  const units = db.prepare('SELECT id FROM units WHERE deleted_at IS NULL ORDER BY id').pluck().all() as string[];
  if (!people.length || !units.length) throw new Error('seedYear needs people and units');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const person = () => pick(people).id;
  /** A date in the year, or (10%) in the year before or after. */
  const date = () => {
    const y = r() < 0.05 ? Y - 1 : r() < 0.05 ? Y + 1 : Y;
    return addDays(`${y}-01-01`, Math.floor(r() * 365));
  };
  const rows: Record<string, number> = {};
  const count = (table: string) => (rows[table] = (rows[table] ?? 0) + 1);
  const n = options.records;

  const ins = {
    request: db.prepare(
      `INSERT INTO opinion_requests (id, requester, requester_doc_number, title, received_date, purpose, due_date, deleted_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    reply: db.prepare(
      `INSERT INTO opinion_replies (id, request_id, status, reply_date, doc_number, supersedes_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    item: db.prepare(
      `INSERT INTO opinion_reply_items (id, reply_id, person_id, line_no, proposed_category, category, wording, override_reason, findings, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, '未发现影响提拔使用的问题', ?, '{}', ?, ?)`,
    ),
    letter: db.prepare(
      `INSERT INTO reminder_letters (id, status, doc_number, title, kind, occasion, year, letter_date, body, deleted_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '正文', ?, ?, ?)`,
    ),
    addressee: db.prepare(
      `INSERT INTO reminder_addressees (id, letter_id, unit_id, person_id, line_no, receipt_signer, receipt_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    campaign: db.prepare(
      `INSERT INTO pledge_campaigns (id, pledge_type, title, year, start_date, template_text, deleted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '承诺内容', ?, ?, ?)`,
    ),
    roster: db.prepare(
      `INSERT OR IGNORE INTO pledge_roster (id, campaign_id, person_id, signed, signed_date, sign_method, cosigner_name, cosigner_relation, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    sanction: db.prepare(
      `INSERT INTO sanctions (id, person_id, category, type, decision_authority, decision_date, effective_date, probation_months, status, status_date,
                              promotion_end, promotion_end_override, promotion_end_override_reason, deleted_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, '市纪委监委', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    matter: db.prepare(
      `INSERT INTO pending_matters (id, person_id, kind, source, received_date, status, closed_date, closing_result, deleted_at, created_at, updated_at)
       VALUES (?, ?, ?, '信访举报', ?, ?, ?, ?, ?, ?, ?)`,
    ),
    clearance: db.prepare(
      `INSERT INTO clearances (id, person_id, pending_matter_id, clear_date, form, unit_informed, deleted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    revisit: db.prepare(
      `INSERT INTO revisits (id, person_id, sanction_id, visit_date, visitors, deleted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
  const deleted = () => (r() < 0.03 ? at : null);

  db.transaction(() => {
    // 廉政意见回复: ~30% of the rows are reply items, in batches of 1-19 persons.
    let serial = 0;
    for (let items = 0; items < n * 0.3;) {
      const requestId = newId();
      const received = date();
      ins.request.run(
        requestId,
        pick(REQUESTERS),
        `组函〔${Y}〕${++serial}号`,
        `关于征求${serial}号意见的函`,
        received,
        pick(PURPOSES),
        addDays(received, 5),
        deleted(),
        at,
        at,
      );
      count('opinion_requests');
      const replyId = newId();
      const roll = r();
      const status = roll < 0.8 ? 'issued' : roll < 0.9 ? 'draft' : 'voided';
      const replyDate = addDays(received, Math.floor(r() * 9));
      ins.reply.run(replyId, requestId, status, replyDate, status === 'draft' ? null : `某纪廉复〔${Y}〕${serial}号`, null, at, at);
      count('opinion_replies');
      const size = 1 + Math.floor(r() * 19);
      const persons = new Set<string>();
      while (persons.size < size) persons.add(person());
      let line = 0;
      const cats: string[] = [];
      for (const p of persons) {
        const category = pick(CONCLUSIONS);
        cats.push(category);
        ins.item.run(newId(), replyId, p, ++line, 'clear', category, category === 'clear' ? null : '核查后调整', at, at);
        count('opinion_reply_items');
      }
      items += size;
      // Some issued replies are corrected by a later issued reply (更正) with the same persons.
      if (status === 'issued' && r() < 0.05) {
        const correction = newId();
        ins.reply.run(correction, requestId, 'issued', addDays(replyDate, 1), `某纪廉复〔${Y}〕${serial}号之更正`, replyId, at, at);
        count('opinion_replies');
        line = 0;
        for (const p of persons) {
          ins.item.run(newId(), correction, p, ++line, 'clear', 'clear', null, at, at);
          count('opinion_reply_items');
        }
      }
    }

    // 提醒函: ~10% of the rows are addressees, 1-40 per letter.
    for (let addressees = 0; addressees < n * 0.1;) {
      const letterId = newId();
      const roll = r();
      const status = roll < 0.85 ? 'issued' : roll < 0.95 ? 'draft' : 'voided';
      const letterDate = date();
      ins.letter.run(
        letterId,
        status,
        status === 'draft' ? null : `某纪廉提〔${Y}〕${letterId}号`,
        '廉洁提醒函',
        pick(REMINDER_KINDS),
        pick(OCCASIONS),
        Y,
        letterDate,
        status === 'draft' ? deleted() : null,
        at,
        at,
      );
      count('reminder_letters');
      const size = 1 + Math.floor(r() * 40);
      const targets = new Set<string>();
      while (targets.size < Math.min(size, units.length)) targets.add(pick(units));
      let line = 0;
      for (const u of targets) {
        const received = status === 'issued' && r() < 0.7;
        ins.addressee.run(newId(), letterId, u, null, ++line, received ? '办公室' : null, received ? addDays(letterDate, 2) : null, at, at);
        count('reminder_addressees');
      }
      addressees += targets.size;
    }

    // 承诺书: ~30% of the rows are roster entries, 20-200 per campaign.
    for (let entries = 0; entries < n * 0.3;) {
      const campaignId = newId();
      const start = date();
      const type = pick(PLEDGE_TYPES);
      ins.campaign.run(campaignId, type, `${Y}年${type}承诺书`, Y, start, deleted(), at, at);
      count('pledge_campaigns');
      const size = 20 + Math.floor(r() * 180);
      for (let i = 0; i < size; i++) {
        const signed = r() < 0.75;
        const cosigner = signed && r() < 0.3;
        const info = ins.roster.run(
          newId(),
          campaignId,
          person(),
          signed ? 1 : 0,
          signed ? addDays(start, Math.floor(r() * 60)) : null,
          signed ? pick(['集中', '个别']) : null,
          cosigner ? '家属某' : null,
          cosigner ? '配偶' : null,
          at,
          at,
        );
        if (info.changes) count('pledge_roster');
      }
      entries += size;
    }

    // Sanctions (10%), pending matters (15%), clearances (2%), revisits (3%).
    const sanctionsOfYear: { id: string; personId: string; decided: string }[] = [];
    for (let i = 0; i < n * 0.1; i++) {
      const id = newId();
      const personId = person();
      const category = pick(SANCTION_CATEGORIES);
      const type = pick(SANCTION_TYPES[category]);
      // Some decided years before, to be inside (or past) an impact period at the year's end.
      const decided = r() < 0.2 ? addDays(`${Y - 2}-01-01`, Math.floor(r() * 700)) : date();
      const effective = addDays(decided, Math.floor(r() * 3));
      const roll = r();
      const status = roll < 0.85 ? '有效' : roll < 0.93 ? '已解除' : '已撤销';
      const months = type === '留党察看' ? 36 : [6, 12, 18, 24][Math.floor(r() * 4)]!;
      const end = type === '开除党籍' || type === '开除' ? 'permanent' : periodLastDay(effective, months);
      const override = r() < 0.05 ? addDays(end === 'permanent' ? `${Y}-06-30` : end, -90) : null;
      ins.sanction.run(
        id,
        personId,
        category,
        type,
        decided,
        effective,
        type === '留党察看' ? 12 : null,
        status,
        status === '有效' ? null : addDays(effective, 30),
        end,
        override,
        override ? '经审理室核实调整' : null,
        deleted(),
        at,
        at,
      );
      count('sanctions');
      sanctionsOfYear.push({ id, personId, decided });
    }
    const mattersOfYear: { id: string; personId: string; received: string }[] = [];
    for (let i = 0; i < n * 0.15; i++) {
      const id = newId();
      const received = date();
      const closed = r() < 0.5;
      const personId = person();
      ins.matter.run(
        id,
        personId,
        pick(['petition', 'lead', 'case']),
        received,
        closed ? '已办结' : '在办',
        closed ? addDays(received, 20) : null,
        closed ? '予以了结' : null,
        deleted(),
        at,
        at,
      );
      count('pending_matters');
      mattersOfYear.push({ id, personId, received });
    }
    for (let i = 0; i < n * 0.02; i++) {
      const m = pick(mattersOfYear);
      ins.clearance.run(
        newId(),
        m.personId,
        r() < 0.8 ? m.id : null,
        addDays(m.received, 30),
        pick(['会议', '书面', '通报']),
        '所在单位',
        deleted(),
        at,
        at,
      );
      count('clearances');
    }
    for (let i = 0; i < n * 0.03; i++) {
      const s = pick(sanctionsOfYear);
      ins.revisit.run(newId(), s.personId, s.id, addDays(s.decided, 30 + Math.floor(r() * 200)), '案管室张某', deleted(), at, at);
      count('revisits');
    }
  })();
  return { year: Y, rows };
}
