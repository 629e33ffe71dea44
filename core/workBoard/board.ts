/**
 * The work board's lines, read straight from the tables (one query per line). Which lines
 * an account sees follows its roles: 承办人 the requests, drafts, reminder receipts,
 * pledges and impact periods; 审核人 the drafts ready for review; 签发人 the reviewed
 * replies. Rules that exist elsewhere are reused, not restated: a request's 办理时限 is its
 * stored due_date, the sections a reply needs are the opinion settings' checkSections.
 */
import type { Db } from '../../db/open';
import { readOpinionSettings } from '../opinions/settings';
import { addDays, chineseDate, daysInMonth, parseDate, formatDate } from '../shared/dates';
import { targetCountOf } from '../pledges/contract';
import type { Role } from '../users/contract';
import { LINE_LIMIT, type WorkBoard, type WorkItem, type WorkLine, type WorkLineKey } from './contract';

/** The last day of the week (Sunday) that holds `today`. */
export function endOfWeek(today: string): string {
  const { y, m, d } = parseDate(today);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDays(today, weekday === 0 ? 0 : 7 - weekday);
}

function monthBounds(today: string): [string, string] {
  const { y, m } = parseDate(today);
  return [formatDate(y, m, 1), formatDate(y, m, daysInMonth(y, m))];
}

function line(key: WorkLineKey, title: string, items: WorkItem[]): WorkLine {
  return { key, title, count: items.length, items: items.slice(0, LINE_LIMIT) };
}

/** Open requests (no issued reply), with their current reply if any. */
const OPEN_REQUESTS = `
  SELECT r.id, r.title, r.requester, r.due_date,
         (SELECT y.id FROM opinion_replies y WHERE y.request_id = r.id AND y.status <> 'voided' ORDER BY y.created_at DESC LIMIT 1) AS reply_id,
         (SELECT y.status FROM opinion_replies y WHERE y.request_id = r.id AND y.status <> 'voided' ORDER BY y.created_at DESC LIMIT 1) AS reply_status
  FROM opinion_requests r
  WHERE r.deleted_at IS NULL`;

interface OpenRequestRow {
  id: string;
  title: string;
  requester: string;
  due_date: string;
  reply_id: string | null;
  reply_status: string | null;
}

function requestLines(db: Db, today: string): WorkLine[] {
  const open = (
    db
      .prepare(`SELECT * FROM (${OPEN_REQUESTS}) WHERE ifnull(reply_status, '') <> 'issued' ORDER BY due_date, id`)
      .all() as OpenRequestRow[]
  ).map((r) => ({
    r,
    item: {
      key: r.id,
      text: r.title,
      detail: `${r.requester}\u3000办理时限${chineseDate(r.due_date)}`,
      target: { kind: 'request' as const, requestId: r.id, replyId: r.reply_id },
    },
  }));
  const weekEnd = endOfWeek(today);
  return [
    line(
      'requestsOverdue',
      '已过办理时限的来函',
      open.filter((x) => x.r.due_date < today).map((x) => x.item),
    ),
    line(
      'requestsDueThisWeek',
      `本周到期的来函（至${chineseDate(weekEnd)}）`,
      open.filter((x) => x.r.due_date >= today && x.r.due_date <= weekEnd).map((x) => x.item),
    ),
  ];
}

interface ReplyRow {
  id: string;
  request_id: string;
  title: string;
  requester: string;
  status: string;
  person_count: number;
  checked: number;
}

function replyLines(db: Db, roles: readonly Role[]): WorkLine[] {
  const sections = readOpinionSettings(db).checkSections;
  const placeholders = sections.map(() => '?').join(', ');
  const checked = sections.length
    ? `(SELECT count(DISTINCT c.section) FROM opinion_section_checks c WHERE c.reply_id = y.id AND c.section IN (${placeholders}))`
    : '0';
  const rows = db
    .prepare(
      `SELECT y.id, y.request_id, y.status, q.title, q.requester, ${checked} AS checked,
              (SELECT count(*) FROM opinion_reply_items i WHERE i.reply_id = y.id) AS person_count
       FROM opinion_replies y JOIN opinion_requests q ON q.id = y.request_id
       WHERE q.deleted_at IS NULL AND y.status IN ('draft', 'reviewed')
       ORDER BY y.created_at, y.id`,
    )
    .all(...sections) as ReplyRow[];
  const item = (y: ReplyRow, detail: string): WorkItem => ({
    key: y.id,
    text: y.title,
    detail: `${y.requester}\u3000${y.person_count}人\u3000${detail}`,
    target: { kind: 'request', requestId: y.request_id, replyId: y.id },
  });
  const drafts = rows.filter((y) => y.status === 'draft');
  const ready = drafts.filter((y) => y.checked >= sections.length);
  const lines: WorkLine[] = [];
  if (roles.includes('handler')) {
    const notDrafted = db
      .prepare(`SELECT * FROM (${OPEN_REQUESTS}) WHERE reply_status IS NULL ORDER BY due_date, id`)
      .all() as OpenRequestRow[];
    lines.push(
      line('repliesToDraft', '待我拟办或办完的回复', [
        ...notDrafted.map((r) => ({
          key: r.id,
          text: r.title,
          detail: `${r.requester}\u3000尚未拟办`,
          target: { kind: 'request' as const, requestId: r.id, replyId: null },
        })),
        ...drafts.filter((y) => y.checked < sections.length).map((y) => item(y, `科室核查${y.checked}/${sections.length}`)),
      ]),
    );
  }
  if (roles.includes('reviewer'))
    lines.push(
      line(
        'repliesToReview',
        '待我审核的回复',
        ready.map((y) => item(y, '科室核查已齐')),
      ),
    );
  if (roles.includes('signer'))
    lines.push(
      line(
        'repliesToSign',
        '待我签发的回复',
        rows.filter((y) => y.status === 'reviewed').map((y) => item(y, '已审核')),
      ),
    );
  return lines;
}

function reminderLine(db: Db, today: string): WorkLine {
  const rows = db
    .prepare(
      `SELECT l.id, l.title, count(*) AS missing,
              group_concat(coalesce(u.name, p.name), '、') AS names
       FROM reminder_letters l
       JOIN reminder_addressees a ON a.letter_id = l.id
       LEFT JOIN units u ON u.id = a.unit_id
       LEFT JOIN people p ON p.id = a.person_id
       WHERE l.deleted_at IS NULL AND l.status = 'issued' AND a.receipt_date IS NULL
         AND coalesce(a.feedback_due_date, l.feedback_due_date) < ?
       GROUP BY l.id ORDER BY l.letter_date, l.id`,
    )
    .all(today) as { id: string; title: string; missing: number; names: string }[];
  return line(
    'remindersMissingReceipts',
    '过了期限仍未签收的提醒函',
    rows.map((r) => ({
      key: r.id,
      text: r.title,
      detail: `${r.missing}个未签收：${r.names}`,
      target: { kind: 'reminder', reminderId: r.id },
    })),
  );
}

/** Campaigns below their 目标签订率 (targetCountOf, the same rule the campaign page shows), with who has not signed. */
function pledgeLine(db: Db): WorkLine {
  const rows = (
    db
      .prepare(
        `SELECT c.id, c.title, c.target_rate, count(*) AS total, sum(r.signed) AS signed,
                group_concat(CASE WHEN r.signed = 0 THEN p.name END, '、') AS missing
         FROM pledge_campaigns c
         JOIN pledge_roster r ON r.campaign_id = c.id
         JOIN people p ON p.id = r.person_id
         WHERE c.deleted_at IS NULL
         GROUP BY c.id
         ORDER BY c.start_date, c.id`,
      )
      .all() as { id: string; title: string; target_rate: number; total: number; signed: number; missing: string | null }[]
  )
    .map((r) => ({ ...r, target: targetCountOf(r.total, r.target_rate) }))
    .filter((r) => r.signed < r.target);
  return line(
    'pledgesIncomplete',
    '未达签订目标的承诺书',
    rows.map((r) => ({
      key: r.id,
      text: r.title,
      detail: `已签${r.signed}/${r.total}人，目标${r.target_rate}%（${r.target}人），还差${r.target - r.signed}人；未签：${r.missing ?? ''}`,
      target: { kind: 'campaign', campaignId: r.id },
    })),
  );
}

function sanctionLine(db: Db, today: string): WorkLine {
  const [first, last] = monthBounds(today);
  const rows = db
    .prepare(
      `SELECT s.id, s.person_id, s.type, p.name, coalesce(s.promotion_end_override, s.promotion_end) AS ends
       FROM sanctions s JOIN people p ON p.id = s.person_id
       WHERE s.deleted_at IS NULL AND p.deleted_at IS NULL AND s.status = '有效'
         AND coalesce(s.promotion_end_override, s.promotion_end) BETWEEN ? AND ?
       ORDER BY ends, p.name, s.id`,
    )
    .all(first, last) as { id: string; person_id: string; type: string; name: string; ends: string }[];
  return line(
    'sanctionsEnding',
    '本月影响期届满的处分/处理',
    rows.map((r) => ({
      key: r.id,
      text: r.name,
      detail: `${r.type}，影响期至${chineseDate(r.ends)}`,
      target: { kind: 'person', personId: r.person_id },
    })),
  );
}

export function readWorkBoard(db: Db, roles: readonly Role[], today: string): WorkBoard {
  const handles = roles.includes('handler');
  const lines: WorkLine[] = [];
  if (handles) lines.push(...requestLines(db, today));
  lines.push(...replyLines(db, roles));
  if (handles) lines.push(reminderLine(db, today), pledgeLine(db), sanctionLine(db, today));
  return { today, lines };
}
