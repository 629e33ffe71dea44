import { z } from 'zod';
import { dateField } from '../shared/dateFields';
import { optionalText, page, pageSize, recordId, requiredText, revision, type Paged } from '../shared/fields';
import type { PendingMatter } from '../pendingMatters/contract';
import type { CommendationReading } from '../sanctions/commendationReadings';
import type { ImpactEnd } from '../sanctions/impactPeriod';
import type { PersonListItem } from '../people/contract';
import type { IssuedDocumentInfo } from '../issuedDocuments/contract';
import { importCommitRow } from '../exchange/importContract';

/** 征求意见的用途. 评先评优 is judged on the commendation bar, the rest on the promotion bar. */
export const PURPOSES = ['提拔', '进一步使用', '职级晋升', '评先评优', '换届提名', '后备', '其他'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** 结论类别: 未发现问题 / 建议暂缓 / 影响期内 / 其他意见. */
export const CONCLUSIONS = ['clear', 'pending', 'barred', 'other'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];
export const CONCLUSION_LABELS: Record<Conclusion, string> = {
  clear: '未发现问题',
  pending: '建议暂缓',
  barred: '影响期内',
  other: '其他意见',
};

export const REPLY_STATUSES = ['draft', 'reviewed', 'issued', 'voided'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];
export const REPLY_STATUS_LABELS: Record<ReplyStatus, string> = { draft: '承办中', reviewed: '已审核', issued: '已签发', voided: '已作废' };

// ---- matching pasted / imported lines to the people register ----

export const MAX_REQUEST_PERSONS = 2000;

export const matchLinesInput = z.object({
  /** One person per line: "姓名 单位 职务" (spaces, tabs or commas between). */
  lines: z.array(z.string().max(200, { error: '每行不能超过200个字' }), { error: '请粘贴人员名单' }).max(MAX_REQUEST_PERSONS, {
    error: `一次最多${MAX_REQUEST_PERSONS}人`,
  }),
  /** Line numbers continue from here (the renderer sends big lists in chunks). */
  firstLineNo: z.number().int().min(1).default(1),
});

export const importPersonsFileInput = z.object({
  fileName: requiredText('文件名', 200),
  /** The file's bytes, base64. */
  contentBase64: z.string({ error: '缺少文件内容' }).max(20 * 1024 * 1024, { error: '文件过大（最大15MB）' }),
});

export type LineStatus = 'matched' | 'ambiguous' | 'unknown' | 'invalid';

export interface MatchedLine {
  lineNo: number;
  raw: string;
  name: string;
  unitText: string | null;
  positionText: string | null;
  status: LineStatus;
  /** Set when status is 'matched'. */
  personId: string | null;
  /** Same-name people to pick from (ambiguous), or the match itself. */
  candidates: PersonListItem[];
  /** Why the line needs the clerk (Chinese). */
  message: string | null;
}

// ---- requests ----

/** How the letter lists a person (kept beside the register's own unit and post). */
const listedFields = {
  unitText: optionalText('来函所列单位', 100),
  positionText: optionalText('来函所列职务', 100),
};
/** A person's line as stored (the schema's output). */
export type ListedValues = z.output<z.ZodObject<typeof listedFields>>;
export const LISTED_FIELDS = Object.keys(listedFields) as (keyof ListedValues)[];

const requestPerson = z
  .object({
    /** Null only for a row of an imported list that names a new person (created on saving). */
    personId: recordId('人员').nullable(),
    ...listedFields,
    /** A row of an imported name list (imports.preview, kind 'requestList'), with the clerk's update/skip: checked again and written on saving. */
    fromFile: importCommitRow.optional(),
  })
  .refine((p) => p.personId !== null || p.fromFile?.expect === 'new', { error: '名单中有未确定的人员，请先处理' });

const requestFields = {
  requester: requiredText('来函单位', 60),
  requesterDocNumber: optionalText('来函文号', 60),
  title: requiredText('来函标题', 200),
  receivedDate: dateField('收文日期'),
  purpose: z.enum(PURPOSES, { error: `用途只能是：${PURPOSES.join('、')}` }),
  notes: optionalText('备注', 500),
};

export const requestsCreateInput = z.object({
  ...requestFields,
  persons: z
    .array(requestPerson, { error: '请添加需回复的人员' })
    .min(1, { error: '征求意见函至少要有一名人员' })
    .max(MAX_REQUEST_PERSONS, { error: `一份来函最多${MAX_REQUEST_PERSONS}人` })
    .refine(
      (list) => {
        const ids = list.flatMap((p) => (p.personId ? [p.personId] : []));
        return new Set(ids).size === ids.length;
      },
      { error: '名单中有重复的人员' },
    ),
});
export const requestsUpdateInput = z.object({ id: recordId('来函'), rev: revision, ...requestFields });
/** A request's own fields, as stored (the schema's output). */
export type RequestValues = z.output<z.ZodObject<typeof requestFields>>;
/** Every stored field: rows are read and written through this list (core/shared/rows.ts). */
export const REQUEST_FIELDS = Object.keys(requestFields) as (keyof RequestValues)[];
export const requestsGetInput = z.object({ id: recordId('来函') });
export const requestsDeleteInput = z.object({ id: recordId('来函') });
export const requestsListInput = z.object({
  query: z.string().trim().max(50).optional(),
  /** 'open': no issued reply yet; 'overdue': open and past its due date. */
  state: z.enum(['all', 'open', 'overdue', 'replied']).default('all'),
  page,
  pageSize,
});

/** A request with its due date and where its reply stands. */
export type RequestSummary = { id: string; rev: number } & RequestValues & {
    dueDate: string;
    personCount: number;
    /** The newest reply's status, or null when none is drafted yet. */
    replyStatus: ReplyStatus | null;
    replyDocNumber: string | null;
    overdue: boolean;
  };

export type RequestDetail = RequestSummary & {
  persons: (PersonListItem & { requestPersonId: string; lineNo: number } & ListedValues)[];
  replies: { id: string; status: ReplyStatus; docNumber: string | null; replyDate: string }[];
};

// ---- replies ----

export const repliesCreateInput = z.object({
  requestId: recordId('来函'),
  /** The date the check is made as of (default: today). */
  replyDate: dateField('回复日期'),
});
export const repliesGetInput = z.object({ id: recordId('回复') });
/** A person's conclusion as the clerk settles it. */
const itemFields = {
  category: z.enum(CONCLUSIONS, { error: '请选择结论类别' }),
  wording: requiredText('意见', 500),
  /** Required when the category differs from the proposed one. */
  overrideReason: optionalText('改变结论的理由', 500),
  remark: optionalText('备注', 200),
};
export const repliesUpdateItemInput = z.object({ replyId: recordId('回复'), itemId: recordId('回复条目'), rev: revision, ...itemFields });
/** An item's stored conclusion (the schema's output). */
export type ItemValues = z.output<z.ZodObject<typeof itemFields>>;
export const ITEM_FIELDS = Object.keys(itemFields) as (keyof ItemValues)[];

/** 科室核查: who checked which section's records, and when. */
const checkFields = {
  section: requiredText('科室', 20),
  checker: requiredText('核查人', 20),
  checkedOn: dateField('核查日期'),
  note: optionalText('核查情况', 500),
};
export const repliesCheckInput = z.object({ replyId: recordId('回复'), ...checkFields });
/** A section check as stored (the schema's output). */
export type CheckValues = z.output<z.ZodObject<typeof checkFields>>;
export const CHECK_FIELDS = Object.keys(checkFields) as (keyof CheckValues)[];
export const repliesTransitionInput = z.object({ id: recordId('回复'), rev: revision });
/** A SHA-256 in hex, as ReplyDetail.contentHash / reviewedHash carry it. */
const contentHash = z
  .string({ error: '缺少复函内容校验值，请刷新页面后再操作' })
  .regex(/^[0-9a-f]{64}$/, { error: '复函内容校验值不正确，请刷新页面后再操作' });
/** 审核: optionally the content hash the reviewer saw (refused if the letter changed since). */
export const repliesReviewInput = z.object({ id: recordId('回复'), rev: revision, contentHash: contentHash.optional() });
/** 签发: the reviewed content's hash the signer saw; refused when it no longer matches. */
export const repliesIssueInput = z.object({ id: recordId('回复'), rev: revision, reviewedHash: contentHash });
export const repliesVoidInput = z.object({ id: recordId('回复'), rev: revision, reason: requiredText('作废理由', 200) });
export const repliesListInput = z.object({
  /** Document number, requester, or a person's name. */
  query: z.string().trim().max(50).optional(),
  status: z.enum(REPLY_STATUSES).optional(),
  dateFrom: dateField('起始日期').optional(),
  dateTo: dateField('截止日期').optional(),
  page,
  pageSize,
});

/** One sanction as the check saw it on the reply date. */
export interface SanctionFinding {
  sanctionId: string;
  label: string; // 党纪处分·警告
  effectiveDate: string;
  end: ImpactEnd; // the end that applies to this purpose
  barring: boolean;
  /** The rule-set version that computed the end (absent in findings stored before 2026.1). */
  ruleVersion?: string | null;
  /** Where this purpose is clear: the bars of the record still running for other purposes. */
  otherBars?: { text: string; end: ImpactEnd }[];
}

export interface Findings {
  asOf: string;
  purpose: Purpose;
  sanctions: SanctionFinding[];
  /** Pending matters open on the reply date (read from each matter's history). */
  pending: Pick<PendingMatter, 'id' | 'kind' | 'receivedDate' | 'summary' | 'source'>[];
  /** 评先评优 reading (设置 › 影响期规则) the proposal was made with; absent before 2026.1. */
  commendationReading?: CommendationReading;
  /** 停职检查 in force on the reply date (a measure: 暂缓 while it lasts). */
  measures?: { sanctionId: string; label: string; effectiveDate: string }[];
}

/** One person's line of a reply: what the check proposed and what the clerk settled. */
export type ReplyItem = { id: string; rev: number; lineNo: number; person: PersonListItem; proposedCategory: Conclusion } & ItemValues & {
    findings: Findings;
  };

export type SectionCheck = { id: string } & CheckValues;

export interface ReplyDetail {
  id: string;
  rev: number;
  status: ReplyStatus;
  replyDate: string;
  docNumber: string | null;
  supersedesId: string | null;
  supersedesDocNumber: string | null;
  request: RequestSummary;
  items: ReplyItem[];
  checks: SectionCheck[];
  /** Sections configured but not yet recorded. */
  missingSections: string[];
  draftedBy: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  issuedBy: string | null;
  issuedAt: string | null;
  voidReason: string | null;
  counts: Record<Conclusion, number>;
  /** SHA-256 of everything the letter would say now (core/opinions/review.ts). */
  contentHash: string;
  /** The content hash stored at 审核; null until reviewed. 签发 sends it back. */
  reviewedHash: string | null;
  /** Why the reply went back to 待审核 after 审核 (what changed), until it is reviewed again. */
  reviewResetReason: string | null;
  reviewResetAt: string | null;
  /** The 成文日期: the 签发 day (today for a reply not yet issued); the number's year is its year. */
  letterDate: string;
  /** The document as issued, stored at 签发; null before. */
  issuedDocument: IssuedDocumentInfo | null;
}

/** A reply as the list shows it, with its request. */
export type ReplySummary = { id: string; status: ReplyStatus; docNumber: string | null } & z.output<typeof repliesCreateInput> &
  Pick<RequestValues, 'requester' | 'purpose'> & {
    requestTitle: string;
    personCount: number;
    /** The first five names (等N人 beyond). */
    names: string;
  };

export type RepliesPage = Paged<ReplySummary>;

// ---- settings of the opinion work ----

export const opinionSettingsSchema = z.object({
  /** Reply due this many working days after the letter is received. */
  dueWorkingDays: z
    .number({ error: '办理时限应为数字' })
    .int()
    .min(1, { error: '办理时限至少1个工作日' })
    .max(60, { error: '办理时限最多60个工作日' }),
  /** Sections that must check and sign before review (谁审查、谁签字). */
  checkSections: z
    .array(requiredText('科室名称', 20))
    .max(10, { error: '最多10个科室' })
    .refine((l) => new Set(l).size === l.length, { error: '科室名称重复' }),
  /** Public holidays (YYYY-MM-DD) and weekend days that are working days (调休), for due dates. */
  holidays: z.array(dateField('节假日')).max(200),
  workingWeekendDays: z.array(dateField('调休工作日')).max(100),
});
export type OpinionSettings = z.output<typeof opinionSettingsSchema>;

export const DEFAULT_OPINION_SETTINGS: OpinionSettings = {
  dueWorkingDays: 3,
  checkSections: ['信访室', '案管室', '审理室'],
  holidays: [],
  workingWeekendDays: [],
};

export const repliesSupersedeInput = z.object({ id: recordId('回复'), replyDate: dateField('更正回复日期') });
/** Checks a draft again (a sanction registered since, a changed purpose or reply date); the clerk's overrides stay. */
export const repliesReassessInput = z.object({ id: recordId('回复'), rev: revision, replyDate: dateField('回复日期') });

/** Every opinion given on one person (for the person's page). */
export interface OpinionGiven {
  replyId: string;
  requestId: string;
  status: ReplyStatus;
  docNumber: string | null;
  replyDate: string;
  requester: string;
  purpose: Purpose;
  category: Conclusion;
  wording: string;
}

// ---- section checks in one step, and the names last signed per section ----

/** Several sections' checks of one reply, registered together (each as opinionReplies.recordCheck). */
export const repliesCheckManyInput = z.object({
  replyId: recordId('回复'),
  checks: z
    .array(repliesCheckInput.omit({ replyId: true }), { error: '请填写科室核查' })
    .min(1, { error: '请至少登记一个科室的核查' })
    .max(10, { error: '最多10个科室' })
    .refine((list) => new Set(list.map((c) => c.section)).size === list.length, { error: '科室重复' }),
});

/** 科室 → the checker who signed that section's latest check (to prefill the next reply's). */
export type LastCheckers = Record<string, string>;

// ---- documents (print.document / print.pdf; the kinds are in documents.ts) ----

/** Reply letters (复函) of one or many replies; the persons table is attached when there are many. */
export const replyLettersRequest = z.object({
  kind: z.literal('replyLetters'),
  replyIds: z
    .array(recordId('回复'), { error: '请选择要打印的回复' })
    .min(1, { error: '请选择要打印的回复' })
    .max(500, { error: '一次最多打印500份' }),
  /** Double-sided printing: each letter starts on an odd sheet side (a blank page is added after letters with an odd page count). */
  duplex: z.boolean().default(false),
});

/** Landscape list of one reply's persons and opinions (台账). */
const replyPersonsRequest = z.object({ kind: z.literal('replyPersons'), replyId: recordId('回复') });

/** Landscape list of replies (回复台账), filtered like the replies list. */
const repliesListRequest = z.object({
  kind: z.literal('repliesList'),
  query: z.string().trim().max(50).optional(),
  status: z.enum(REPLY_STATUSES).optional(),
  dateFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  dateTo: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

/** Landscape list of incoming requests (征求意见函台账). */
const requestsListRequest = z.object({
  kind: z.literal('requestsList'),
  query: z.string().trim().max(50).optional(),
  state: z.enum(['all', 'open', 'overdue', 'replied']).default('all'),
});

/** The documents of this area, one schema per kind (core/api.ts joins every area's into printRequest). */
export const opinionDocumentRequests = [replyLettersRequest, replyPersonsRequest, repliesListRequest, requestsListRequest] as const;
export type OpinionDocumentRequest = z.output<(typeof opinionDocumentRequests)[number]>;
