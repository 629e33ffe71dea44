/**
 * What each list exports: its Chinese columns, and its rows read through the function
 * behind the list's own channel, page by page (so the export holds exactly what the clerk filtered,
 * and one page at a time is in memory besides the file being written).
 */
import type { z } from 'zod';
import { api, isChannel } from '../api';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, type AuditEntryView } from '../audit/contract';
import { listAudit } from '../audit/queries';
import { assertChannelAccess } from '../host/access';
import type { HandlerContext } from '../host/context';
import { REPLY_STATUS_LABELS, type ReplySummary, type RequestSummary } from '../opinions/contract';
import { listReplies } from '../opinions/replies';
import { listRequests } from '../opinions/requests';
import type { PersonListItem } from '../people/contract';
import { unitFilter } from '../people/records';
import { eachPerson } from '../people/search';
import { listCampaigns, listRoster } from '../pledges/records';
import type { CampaignSummary, RosterEntry } from '../pledges/contract';
import { RECYCLABLE_LABELS, type RecycledItem } from '../recycleBin/contract';
import { listRecycled } from '../recycleBin/records';
import { listReminders } from '../reminders/records';
import { REMINDER_STATUS_LABELS, type ReminderSummary } from '../reminders/contract';
import { revisitsDue } from '../revisits/records';
import type { RevisitDue } from '../revisits/contract';
import type { Paged } from '../shared/fields';
import { METRIC_KEYS, type StatRecord } from '../statistics/contract';
import { METRICS } from '../statistics/metrics';
import { statisticsRecords, statisticsReport } from '../statistics/queries';
import { localIsoDate } from '../shared/dates';
import { periodText } from '../statistics/paragraph';
import { listUnits, unitPaths } from '../units/queries';
import type { Unit } from '../units/contract';
import type { exportInput } from './contract';
import type { Column, Sheet } from './sheet';

type Input = z.output<typeof exportInput>;
type Of<L extends Input['list']> = Extract<Input, { list: L }>['filter'];

// Large pages: each page of people.list is one sorted index walk, so fewer pages cost less in all.
const PAGE = 10_000;

/** Every item of a paged list channel, one page in memory at a time. */
async function* allPages<T>(read: (page: number) => Paged<T> | Promise<Paged<T>>): AsyncGenerator<T[]> {
  for (let page = 1; ; page++) {
    const res = await read(page);
    if (res.items.length) yield res.items;
    if (page * PAGE >= res.total || res.items.length < PAGE) return;
  }
}

async function collect<T>(pages: AsyncGenerator<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const items of pages) for (const item of items) all.push(item);
  return all;
}

export const PEOPLE_COLUMNS: Column<PersonListItem>[] = [
  { header: '姓名', width: 10, value: (p) => p.name },
  { header: '性别', width: 6, value: (p) => p.gender },
  { header: '出生年月', width: 12, kind: 'month', value: (p) => p.birthMonth },
  { header: '政治面貌', width: 12, value: (p) => p.politicalStatus },
  { header: '人员类别', width: 10, value: (p) => p.category },
  { header: '单位', width: 36, value: (p) => p.unitPath ?? p.unitName },
  { header: '职务', width: 20, value: (p) => p.position },
  { header: '职级/层次', width: 14, value: (p) => p.rank },
  // Masked on screen, masked here: the export must not leak what the list hides.
  { header: '身份证号（脱敏）', width: 22, value: (p) => p.idNumberMasked },
];

/** An instant (ISO, UTC) as the local 'YYYY-MM-DD HH:mm:ss' a date-and-time cell takes: the time the clerk saw on screen. */
function localDateTime(iso: string | null): string | null {
  if (!iso) return null;
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${localIsoDate(t)} ${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}`;
}

/** An audit entry's 之前/之后 as one text cell (already masked; Excel holds at most 32,767 characters in a cell). */
function changeText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 32_000 ? `${text.slice(0, 32_000)}……（过长，已截断）` : text;
}

export interface ExportSheet {
  fileTitle: string;
  sheet: Sheet<unknown>;
}

export async function exportSheet(input: Input, ctx: HandlerContext): Promise<ExportSheet> {
  switch (input.list) {
    case 'people': {
      const f: Of<'people'> = input.filter;
      // The list's own query (filters, order), read a block at a time while the sheet is written:
      // 100,000 people never sit in memory at once, and the order is sorted once, not once per page.
      const rows = eachPerson(ctx.db, { ...f, unitIds: unitFilter(ctx.db, f) });
      return { fileTitle: '人员库', sheet: { name: '人员库', columns: PEOPLE_COLUMNS, rows } as Sheet<unknown> };
    }
    case 'units': {
      const units = listUnits(ctx.db);
      const paths = unitPaths(
        ctx.db,
        units.map((u) => u.id),
      );
      const parent = new Map(units.map((u) => [u.id, u]));
      const columns: Column<Unit>[] = [
        { header: '单位', width: 40, value: (u) => paths.get(u.id) ?? u.name },
        { header: '单位名称', width: 24, value: (u) => u.name },
        { header: '简称', width: 12, value: (u) => u.shortName },
        { header: '上级单位', width: 24, value: (u) => (u.parentId ? (parent.get(u.parentId)?.name ?? null) : null) },
        { header: '人数', width: 8, kind: 'number', value: (u) => u.peopleCount },
      ];
      return { fileTitle: '单位', sheet: { name: '单位', columns, rows: units } as Sheet<unknown> };
    }
    case 'opinionRequests': {
      const f: Of<'opinionRequests'> = input.filter;
      const rows = await collect(allPages((page) => listRequests({ ...f, page, pageSize: PAGE }, ctx)));
      const columns: Column<RequestSummary>[] = [
        { header: '来函单位', width: 20, value: (r) => r.requester },
        { header: '来函文号', width: 20, value: (r) => r.requesterDocNumber },
        { header: '标题', width: 40, value: (r) => r.title },
        { header: '收文日期', width: 16, kind: 'date', value: (r) => r.receivedDate },
        { header: '用途', width: 10, value: (r) => r.purpose },
        { header: '办理时限', width: 16, kind: 'date', value: (r) => r.dueDate },
        { header: '人数', width: 8, kind: 'number', value: (r) => r.personCount },
        { header: '回复状态', width: 10, value: (r) => (r.replyStatus ? REPLY_STATUS_LABELS[r.replyStatus] : '未拟办') },
        { header: '回复文号', width: 22, value: (r) => r.replyDocNumber },
        { header: '超期', width: 6, value: (r) => (r.overdue ? '是' : '否') },
      ];
      return { fileTitle: '征求意见函', sheet: { name: '征求意见函', columns, rows } as Sheet<unknown> };
    }
    case 'opinionReplies': {
      const f: Of<'opinionReplies'> = input.filter;
      const rows = await collect(allPages((page) => listReplies({ ...f, page, pageSize: PAGE }, ctx)));
      const columns: Column<ReplySummary>[] = [
        { header: '回复文号', width: 22, value: (r) => r.docNumber },
        { header: '回复日期', width: 16, kind: 'date', value: (r) => r.replyDate },
        { header: '状态', width: 8, value: (r) => REPLY_STATUS_LABELS[r.status] },
        { header: '来函单位', width: 20, value: (r) => r.requester },
        { header: '来函标题', width: 40, value: (r) => r.requestTitle },
        { header: '用途', width: 10, value: (r) => r.purpose },
        { header: '人数', width: 8, kind: 'number', value: (r) => r.personCount },
        { header: '人员', width: 40, value: (r) => r.names },
      ];
      return { fileTitle: '廉政意见回复', sheet: { name: '廉政意见回复', columns, rows } as Sheet<unknown> };
    }
    case 'reminderLetters': {
      const f: Of<'reminderLetters'> = input.filter;
      const rows = await collect(allPages((page) => listReminders({ ...f, page, pageSize: PAGE }, ctx)));
      const columns: Column<ReminderSummary>[] = [
        { header: '文号', width: 22, value: (r) => r.docNumber },
        { header: '标题', width: 40, value: (r) => r.title },
        { header: '类型', width: 10, value: (r) => r.kind },
        { header: '节点', width: 10, value: (r) => r.occasion },
        { header: '年度', width: 8, kind: 'number', value: (r) => r.year },
        { header: '印发日期', width: 16, kind: 'date', value: (r) => r.letterDate },
        { header: '状态', width: 8, value: (r) => REMINDER_STATUS_LABELS[r.status] },
        { header: '主送数', width: 8, kind: 'number', value: (r) => r.addresseeCount },
        { header: '已签收', width: 8, kind: 'number', value: (r) => r.receivedCount },
        { header: '签收率', width: 8, kind: 'percent', value: (r) => r.receiptRate },
      ];
      return { fileTitle: '廉洁提醒函', sheet: { name: '廉洁提醒函', columns, rows } as Sheet<unknown> };
    }
    case 'pledgeCampaigns': {
      const f: Of<'pledgeCampaigns'> = input.filter;
      const rows = await collect(allPages((page) => listCampaigns({ ...f, page, pageSize: PAGE }, ctx)));
      const columns: Column<CampaignSummary>[] = [
        { header: '批次名称', width: 36, value: (c) => c.title },
        { header: '承诺书类型', width: 20, value: (c) => c.pledgeType },
        { header: '年度', width: 8, kind: 'number', value: (c) => c.year },
        { header: '开始日期', width: 16, kind: 'date', value: (c) => c.startDate },
        { header: '应签人数', width: 10, kind: 'number', value: (c) => c.rosterCount },
        { header: '已签人数', width: 10, kind: 'number', value: (c) => c.signedCount },
        { header: '完成率', width: 8, kind: 'percent', value: (c) => c.completion },
      ];
      return { fileTitle: '承诺书批次', sheet: { name: '承诺书批次', columns, rows } as Sheet<unknown> };
    }
    case 'pledgeRoster': {
      const f: Of<'pledgeRoster'> = input.filter;
      const rows = await collect(allPages((page) => listRoster({ ...f, page, pageSize: PAGE }, ctx)));
      const columns: Column<RosterEntry>[] = [
        { header: '姓名', width: 10, value: (e) => e.person.name },
        { header: '单位', width: 36, value: (e) => e.person.unitPath ?? e.person.unitName },
        { header: '职务', width: 20, value: (e) => e.person.position },
        { header: '是否签订', width: 8, value: (e) => (e.signed ? '已签' : '未签') },
        { header: '签订日期', width: 16, kind: 'date', value: (e) => e.signedDate },
        { header: '签订方式', width: 8, value: (e) => e.signMethod },
        { header: '留存', width: 16, value: (e) => e.copies.join('、') || null },
        { header: '家属签名', width: 10, value: (e) => e.cosignerName },
        { header: '关系', width: 8, value: (e) => e.cosignerRelation },
        { header: '履诺核查日期', width: 16, kind: 'date', value: (e) => e.breachCheckedOn },
        { header: '核查结果', width: 24, value: (e) => e.breachResult },
      ];
      return { fileTitle: '承诺书名单', sheet: { name: '承诺书名单', columns, rows } as Sheet<unknown> };
    }
    case 'revisitsDue': {
      const columns: Column<RevisitDue>[] = [
        { header: '姓名', width: 10, value: (d) => d.personName },
        { header: '单位', width: 30, value: (d) => d.unitName },
        { header: '处分类别', width: 10, value: (d) => d.category },
        { header: '处分种类', width: 12, value: (d) => d.type },
        { header: '决定日期', width: 16, kind: 'date', value: (d) => d.decisionDate },
        { header: '应回访日期', width: 16, kind: 'date', value: (d) => d.dueBy },
      ];
      return {
        fileTitle: '待回访人员',
        sheet: { name: '待回访人员', columns, rows: revisitsDue(ctx.db, input.filter.asOf) } as Sheet<unknown>,
      };
    }
    case 'statistics': {
      const report = statisticsReport(ctx.db, input.filter);
      type Line = { item: string; group: string | null; value: number; unit: string };
      const lines: Line[] = [];
      for (const key of METRIC_KEYS) {
        const m = report.metrics[key];
        lines.push({ item: m.label, group: null, value: m.value, unit: m.unit });
        for (const g of m.groups) lines.push({ item: m.label, group: g.label, value: g.value, unit: m.unit });
      }
      if (report.averageReplyDays !== null) lines.push({ item: '平均回复用时', group: null, value: report.averageReplyDays, unit: '天' });
      const columns: Column<Line>[] = [
        { header: '项目', width: 28, value: (l) => l.item },
        { header: '分组', width: 30, value: (l) => l.group },
        { header: '数值', width: 10, kind: 'number', value: (l) => l.value },
        { header: '单位', width: 6, value: (l) => l.unit },
      ];
      const period = periodText(input.filter.from, input.filter.to);
      return { fileTitle: `统计（${period}）`, sheet: { name: '统计', columns, rows: lines } as Sheet<unknown> };
    }
    case 'statisticsRecords': {
      const f = input.filter;
      const res = statisticsRecords(ctx.db, { ...f, page: 1, pageSize: null });
      const def = METRICS[f.metric];
      const columns: Column<StatRecord>[] = [
        { header: def.counts === 'people' ? '姓名' : '人员', width: 10, value: (r) => r.personName },
        { header: '日期', width: 16, kind: 'date', value: (r) => r.date },
        { header: '记录', width: 40, value: (r) => r.title },
        { header: '说明', width: 40, value: (r) => r.detail },
      ];
      return { fileTitle: `统计明细（${def.label}）`, sheet: { name: def.label, columns, rows: res.items } as Sheet<unknown> };
    }
    case 'auditLog': {
      // exports.list is open to every account; 操作记录 is not: the same rule as audit.list, checked here.
      assertChannelAccess('audit.list', ctx.user);
      const f: Of<'auditLog'> = input.filter;
      const rows = await collect(allPages((page) => listAudit(ctx.db, { ...f, page, pageSize: PAGE })));
      const columns: Column<AuditEntryView>[] = [
        { header: '序号', width: 8, kind: 'number', value: (e) => e.seq },
        { header: '时间', width: 24, kind: 'datetime', value: (e) => localDateTime(e.at) },
        { header: '账号', width: 14, value: (e) => e.userName ?? (e.userId ? '（已删除的账号）' : '（未登录）') },
        { header: '操作', width: 18, value: (e) => AUDIT_ACTION_LABELS[e.action] ?? e.action },
        {
          header: '对象',
          width: 20,
          value: (e) => AUDIT_ENTITY_LABELS[e.entity] ?? (isChannel(e.entity) ? api[e.entity].title : e.entity),
        },
        { header: '记录编号', width: 38, value: (e) => e.entityId },
        { header: '之前', width: 50, value: (e) => changeText(e.before) },
        { header: '之后', width: 50, value: (e) => changeText(e.after) },
      ];
      return { fileTitle: '操作记录', sheet: { name: '操作记录', columns, rows } as Sheet<unknown> };
    }
    case 'recycleBin': {
      const f: Of<'recycleBin'> = input.filter;
      const rows = await collect(allPages((page) => listRecycled(ctx.db, { ...f, page, pageSize: PAGE })));
      const columns: Column<RecycledItem>[] = [
        { header: '类型', width: 12, value: (r) => RECYCLABLE_LABELS[r.entity] },
        { header: '名称', width: 36, value: (r) => r.title },
        { header: '说明', width: 36, value: (r) => r.detail },
        { header: '删除人', width: 12, value: (r) => r.deletedByName },
        { header: '删除时间', width: 24, kind: 'datetime', value: (r) => localDateTime(r.deletedAt) },
      ];
      return { fileTitle: '回收站', sheet: { name: '回收站', columns, rows } as Sheet<unknown> };
    }
  }
}
