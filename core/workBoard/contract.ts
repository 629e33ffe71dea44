/**
 * 工作台 (work board): what is waiting for the clerk who opens the app, by role. Each
 * line counts its records and lists them (up to LINE_LIMIT), each record naming what to
 * open (the renderer turns a target into a page).
 */

/** Records listed per line (the count is always the full number). */
export const LINE_LIMIT = 20;

export type WorkLineKey =
  | 'requestsOverdue'
  | 'requestsDueThisWeek'
  | 'repliesToDraft'
  | 'repliesToReview'
  | 'repliesToSign'
  | 'remindersMissingReceipts'
  | 'pledgesIncomplete'
  | 'sanctionsEnding';

/** What a record line opens. */
export type WorkTarget =
  | { kind: 'request'; requestId: string; replyId: string | null }
  | { kind: 'reminder'; reminderId: string }
  | { kind: 'campaign'; campaignId: string }
  | { kind: 'person'; personId: string };

export interface WorkItem {
  key: string;
  /** The record, as a clerk names it (来函标题, 提醒函标题, 人员姓名…). */
  text: string;
  /** Why it is here (办理时限2026年12月1日, 未签收：县财政局、…). */
  detail: string;
  target: WorkTarget;
}

export interface WorkLine {
  key: WorkLineKey;
  title: string;
  count: number;
  items: WorkItem[];
}

export interface WorkBoard {
  /** The day the board was computed for (YYYY-MM-DD, the host's local date). */
  today: string;
  /** Only the lines the account's roles work on; lines with nothing waiting are included (count 0). */
  lines: WorkLine[];
}
