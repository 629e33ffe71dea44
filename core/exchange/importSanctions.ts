/**
 * 处分 from the office's Excel ledger. A row is the same record as one held when it has the
 * same 决定文号, or (no 文号) the same person, category, type and 决定日期. 处分类别 may be
 * left out where the 处分种类 says it (记过 is only 政务处分; 警告 is both, so it must be given).
 */
import { sanctionsCreateInput, type Sanction } from '../sanctions/contract';
import { getSanction } from '../sanctions/queries';
import { createSanction, updateSanction } from '../sanctions/records';
import { CATEGORY_LABELS, SANCTION_CATEGORIES, SANCTION_TYPES, type SanctionCategory } from '../sanctions/kinds';
import { PERSON_FIELDS, againstHeld, changedLabels, issuesText, personFinder, type FieldDef, type RecordImporter } from './importRecords';

const RECORD_FIELDS: FieldDef[] = [
  {
    key: 'category',
    label: '处分类别',
    required: false,
    hint: `${Object.values(CATEGORY_LABELS).join('、')}；不填时按处分种类判断`,
    headers: ['处分类别', '类别', '处分类型'],
  },
  {
    key: 'type',
    label: '处分种类',
    required: true,
    hint: '如 警告、严重警告、记过、留党察看、诫勉',
    headers: ['处分种类', '处分', '处分名称', '种类'],
  },
  { key: 'decisionAuthority', label: '决定机关', required: true, hint: null, headers: ['决定机关', '处分决定机关', '作出机关'] },
  { key: 'decisionNumber', label: '决定文号', required: false, hint: null, headers: ['决定文号', '文号', '处分文号'] },
  { key: 'decisionDate', label: '决定日期', required: true, hint: '如 2024-05-01', headers: ['决定日期', '处分日期', '决定时间'] },
  { key: 'effectiveDate', label: '生效日期', required: false, hint: '不填则同决定日期', headers: ['生效日期', '生效时间'] },
  {
    key: 'probationMonths',
    label: '察看期（月）',
    required: false,
    hint: '留党察看填12或24',
    headers: ['察看期(月)', '察看期', '留党察看期'],
  },
  { key: 'restorationDate', label: '恢复党员权利日期', required: false, hint: null, headers: ['恢复党员权利日期'] },
  { key: 'status', label: '状态', required: false, hint: '有效、已解除、已撤销；不填为有效', headers: ['状态', '处分状态'] },
  { key: 'statusDate', label: '解除或撤销日期', required: false, hint: null, headers: ['解除或撤销日期', '解除日期', '撤销日期'] },
  { key: 'summary', label: '主要事实', required: false, hint: null, headers: ['主要事实', '主要问题', '违纪事实', '备注'] },
];

export const SANCTION_FIELDS: FieldDef[] = [...PERSON_FIELDS, ...RECORD_FIELDS];

const CATEGORY_BY_TEXT: Record<string, SanctionCategory> = {
  ...Object.fromEntries(SANCTION_CATEGORIES.map((c) => [CATEGORY_LABELS[c], c])),
  党纪: 'party',
  党内处分: 'party',
  政务: 'government',
  政纪处分: 'government',
  组织措施: 'organizational',
};

function category(text: string | null, type: string | null): SanctionCategory | string | null {
  if (text) return CATEGORY_BY_TEXT[text] ?? text;
  const fits = SANCTION_CATEGORIES.filter((c) => type && SANCTION_TYPES[c].includes(type));
  return fits.length === 1 ? fits[0]! : null;
}

/** 12, 12个月, 1年 → 12. */
function months(text: string | null): number | null | string {
  if (!text) return null;
  const m = /^(\d+)\s*(个月|月)?$/.exec(text) ?? null;
  if (m) return Number(m[1]);
  const y = /^(\d+|一|两|二)\s*年$/.exec(text);
  if (y) return ({ 一: 1, 两: 2, 二: 2 } as Record<string, number>)[y[1]!] ?? Number(y[1]) * 12;
  return text;
}

export const sanctionsImporter: RecordImporter = {
  fields: SANCTION_FIELDS,
  dateKeys: ['decisionDate', 'effectiveDate', 'restorationDate', 'statusDate'],
  prepare(ctx) {
    const find = personFinder(ctx.db);
    const byNumber = ctx.db.prepare('SELECT id, person_id FROM sanctions WHERE decision_number = ? AND deleted_at IS NULL');
    const bySame = ctx.db.prepare(
      'SELECT id FROM sanctions WHERE person_id = ? AND category = ? AND type = ? AND decision_date = ? AND deleted_at IS NULL',
    );
    return (v) => {
      if (!v.name) return { error: '请填写姓名' };
      const cat = category(v.category ?? null, v.type ?? null);
      if (!cat && v.type && !v.category) {
        const both = SANCTION_CATEGORIES.filter((c) => SANCTION_TYPES[c].includes(v.type!)).map((c) => CATEGORY_LABELS[c]);
        return {
          error: both.length ? `处分种类“${v.type}”可以是${both.join('或')}，请填写处分类别` : `处分种类“${v.type}”不是规定的处分种类`,
        };
      }
      const person = find(v);
      if ('error' in person) return person;
      const parsed = sanctionsCreateInput.safeParse({
        personId: person.id,
        category: cat,
        type: v.type,
        decisionAuthority: v.decisionAuthority,
        decisionNumber: v.decisionNumber,
        decisionDate: v.decisionDate,
        effectiveDate: v.effectiveDate ?? v.decisionDate,
        probationMonths: months(v.probationMonths ?? null),
        restorationDate: v.restorationDate,
        status: v.status ?? undefined,
        statusDate: v.statusDate,
        summary: v.summary,
      });
      if (!parsed.success) return { error: issuesText(parsed.error.issues) };
      const input = parsed.data;
      let heldId: string | undefined;
      if (input.decisionNumber) {
        const other = byNumber.get(input.decisionNumber) as { id: string; person_id: string } | undefined;
        if (other && other.person_id !== person.id) {
          return { error: `决定文号“${input.decisionNumber}”已登记在他人的处分记录中，请核对` };
        }
        heldId = other?.id;
      }
      heldId ??= (bySame.get(person.id, input.category, input.type, input.decisionDate) as { id: string } | undefined)?.id;
      const key = input.decisionNumber ?? `${person.id}|${input.category}|${input.type}|${input.decisionDate}`;
      if (!heldId) return { key, status: 'new', apply: (c) => void createSanction(input, c) };

      const held = getSanction(ctx.db, heldId)!;
      // An empty cell keeps what is held; a filled one replaces it.
      const merged = { ...input } as Record<string, unknown>;
      for (const [k, value] of Object.entries(input)) if (value === null) merged[k] = held[k as keyof Sanction];
      if (v.status === null) merged.status = held.status;
      if (v.effectiveDate === null) merged.effectiveDate = held.effectiveDate;
      return againstHeld(key, changedLabels(RECORD_FIELDS, merged, { ...held }), (c) => {
        const now = getSanction(c.db, heldId)!;
        updateSanction({ ...(merged as typeof input), id: heldId, rev: now.rev }, c);
      });
    };
  },
};
