/**
 * 在查事项 (信访举报, 问题线索, 立案审查调查). A row is the same matter as one held when it has
 * the same person, kind and 受理日期.
 */
import { PENDING_KINDS, PENDING_KIND_LABELS, pendingCreateInput, type PendingKind } from '../pendingMatters/contract';
import { createPending, updatePending } from '../pendingMatters/records';
import { PERSON_FIELDS, againstHeld, changedLabels, issuesText, personFinder, type FieldDef, type RecordImporter } from './importRecords';

const RECORD_FIELDS: FieldDef[] = [
  {
    key: 'kind',
    label: '事项类别',
    required: true,
    hint: Object.values(PENDING_KIND_LABELS).join('、'),
    headers: ['事项类别', '类别', '事项类型'],
  },
  { key: 'source', label: '来源', required: false, hint: null, headers: ['来源', '线索来源'] },
  { key: 'receivedDate', label: '受理日期', required: true, hint: '如 2024-05-01', headers: ['受理日期', '收到日期', '受理时间'] },
  { key: 'summary', label: '反映的主要问题', required: false, hint: null, headers: ['反映的主要问题', '主要问题', '反映问题'] },
  { key: 'status', label: '状态', required: false, hint: '在办、已办结；不填为在办', headers: ['状态', '办理状态'] },
  { key: 'closedDate', label: '办结日期', required: false, hint: null, headers: ['办结日期', '办结时间'] },
  { key: 'closingResult', label: '办结结果', required: false, hint: null, headers: ['办结结果', '办理结果', '处理结果'] },
];
export const PENDING_FIELDS: FieldDef[] = [...PERSON_FIELDS, ...RECORD_FIELDS];

const KIND_BY_TEXT: Record<string, PendingKind> = {
  ...Object.fromEntries(PENDING_KINDS.map((k) => [PENDING_KIND_LABELS[k], k])),
  信访: 'petition',
  举报: 'petition',
  线索: 'lead',
  立案: 'case',
  审查调查: 'case',
};

interface Held {
  id: string;
  rev: number;
  source: string | null;
  summary: string | null;
  status: string;
  closedDate: string | null;
  closingResult: string | null;
}

export const pendingImporter: RecordImporter = {
  fields: PENDING_FIELDS,
  dateKeys: ['receivedDate', 'closedDate'],
  prepare(ctx) {
    const find = personFinder(ctx.db);
    const held = ctx.db.prepare(
      `SELECT id, rev, source, summary, status, closed_date AS closedDate, closing_result AS closingResult
         FROM pending_matters WHERE person_id = ? AND kind = ? AND received_date = ? AND deleted_at IS NULL`,
    );
    return (v) => {
      if (!v.name) return { error: '请填写姓名' };
      const person = find(v);
      if ('error' in person) return person;
      const parsed = pendingCreateInput.safeParse({
        personId: person.id,
        kind: v.kind ? (KIND_BY_TEXT[v.kind] ?? v.kind) : undefined,
        source: v.source,
        receivedDate: v.receivedDate,
        summary: v.summary,
        status: v.status ?? undefined,
        closedDate: v.closedDate,
        closingResult: v.closingResult,
      });
      if (!parsed.success) return { error: issuesText(parsed.error.issues) };
      const input = parsed.data;
      const key = `${person.id}|${input.kind}|${input.receivedDate}`;
      const h = held.get(person.id, input.kind, input.receivedDate) as Held | undefined;
      if (!h) return { key, status: 'new', apply: (c) => void createPending(input, c) };
      const merged = {
        ...input,
        source: input.source ?? h.source,
        summary: input.summary ?? h.summary,
        status: v.status === null ? h.status : input.status,
        closedDate: input.closedDate ?? (v.status === null ? h.closedDate : null),
        closingResult: input.closingResult ?? h.closingResult,
      } as typeof input;
      return againstHeld(key, changedLabels(RECORD_FIELDS, merged, { ...h }), (c) => {
        const rev = c.db.prepare('SELECT rev FROM pending_matters WHERE id = ?').pluck().get(h.id) as number;
        updatePending({ ...merged, id: h.id, rev }, c);
      });
    };
  },
};
