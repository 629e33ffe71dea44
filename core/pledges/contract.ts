import { z } from 'zod';
import type { IssuedDocumentInfo } from '../issuedDocuments/contract';
import { dateField, optionalDateField } from '../shared/dateFields';
import { optionalText, page, pageSize, recordId, requiredText, revision, type Paged } from '../shared/fields';
import type { PersonListItem } from '../people/contract';
import type { Storage } from '../shared/rows';

/** The usual pledge types; a campaign may also name its own. */
export const PLEDGE_TYPES = ['不操办升学宴谢师宴', '廉洁过节', '任前廉政承诺', '领导干部廉政承诺'] as const;
/** 目标人数: how many of `rosterCount` must sign for `targetRate` percent (rounded up: 95% of 50 is 48). */
export const targetCountOf = (rosterCount: number, targetRate: number): number => Math.ceil((rosterCount * targetRate) / 100);

/** Types signed together with a family member (the monitor): 廉洁过节 with family, 任前 with 配偶助廉. */
export const COSIGNED_TYPES: Record<string, string> = { 廉洁过节: '家属', 任前廉政承诺: '配偶' };
export const SIGN_METHODS = ['集中', '个别'] as const;
export const COPY_HOLDERS = ['本人', '纪委', '组织部'] as const;

/** Scans: what a scanner or phone produces; checked by content, not by file name. */
export const SCAN_MAX_BYTES = 10 * 1024 * 1024;

const year = z.number({ error: '年度应为数字' }).int().min(2000, { error: '年度不正确' }).max(2100, { error: '年度不正确' });

const campaignFields = {
  pledgeType: requiredText('承诺书类型', 30),
  title: requiredText('批次名称', 100),
  year,
  startDate: dateField('开始日期'),
  templateText: requiredText('承诺书正文', 10000),
  /** Whether a family member co-signs; defaults from the type. */
  needsCosigner: z.boolean().optional(),
  cosignerLabel: optionalText('共同签名人称谓', 10),
  /** 目标签订率: the percent of the roster that must sign; the work board lists campaigns below it. */
  targetRate: z
    .number({ error: (iss) => (iss.input === null ? '请填写目标签订率' : '目标签订率应为数字') })
    .int({ error: '目标签订率应为整数' })
    .min(1, { error: '目标签订率应在1%至100%之间' })
    .max(100, { error: '目标签订率应在1%至100%之间' })
    .default(100),
};

export const campaignsCreateInput = z.object(campaignFields);
/** A campaign's own fields as entered (the schema's output; 是否共同签名 may be left to the type). */
export type CampaignValues = z.output<typeof campaignsCreateInput>;
/** …and as stored: whether a family member co-signs is then always known. */
export type StoredCampaign = Omit<CampaignValues, 'needsCosigner'> & { needsCosigner: boolean };
/** Every stored field: rows are read and written through this list (core/shared/rows.ts). */
export const CAMPAIGN_FIELDS = Object.keys(campaignFields) as (keyof StoredCampaign)[];
export const CAMPAIGN_STORAGE: Storage<keyof StoredCampaign> = { needsCosigner: 'flag' };
/** The fields the list shows: all but the text people sign. */
export const CAMPAIGN_SUMMARY_FIELDS = CAMPAIGN_FIELDS.filter(
  (f): f is Exclude<keyof StoredCampaign, 'templateText'> => f !== 'templateText',
);
export const campaignsUpdateInput = z.object({ id: recordId('承诺批次'), rev: revision, ...campaignFields });
export const campaignIdInput = z.object({ id: recordId('承诺批次') });
export const campaignsListInput = z.object({ year: year.optional(), query: z.string().trim().max(50).optional(), page, pageSize });

export const rosterAddInput = z
  .object({
    campaignId: recordId('承诺批次'),
    personIds: z.array(recordId('人员')).max(20000).default([]),
    /** Everyone in these units (and their sub-units). */
    unitIds: z.array(recordId('单位')).max(500).default([]),
  })
  .refine((v) => v.personIds.length + v.unitIds.length > 0, { error: '请选择人员或单位' });
export const rosterRemoveInput = z.object({ rosterId: recordId('名单条目') });
export const rosterListInput = z.object({
  campaignId: recordId('承诺批次'),
  filter: z.enum(['all', 'signed', 'unsigned']).default('all'),
  unitId: recordId('单位').optional(),
  query: z.string().trim().max(50).optional(),
  page,
  pageSize,
});
/** A person's sign-off as the clerk records it. */
const signoffFields = {
  signed: z.boolean({ error: '请选择是否已签订' }),
  signedDate: optionalDateField('签订日期'),
  signMethod: z
    .enum(SIGN_METHODS, { error: '签订方式只能是集中或个别' })
    .nullish()
    .transform((v) => v ?? null),
  copies: z.array(z.enum(COPY_HOLDERS, { error: '留存份数只能是本人、纪委、组织部' })).default([]),
  cosignerName: optionalText('共同签名人姓名', 20),
  cosignerRelation: optionalText('与本人关系', 10),
};
export const rosterSignoffInput = z.object({ rosterId: recordId('名单条目'), rev: revision, ...signoffFields }).superRefine((v, ctx) => {
  if (v.signed && !v.signedDate) ctx.addIssue({ code: 'custom', path: ['signedDate'], message: '已签订的须填写签订日期' });
  if (!v.signed && v.signedDate) ctx.addIssue({ code: 'custom', path: ['signedDate'], message: '未签订的不填写签订日期' });
  if (new Set(v.copies).size !== v.copies.length) ctx.addIssue({ code: 'custom', path: ['copies'], message: '留存份数有重复' });
});
/** Many sign-offs at once (a meeting where everyone signs): same date and method. */
export const rosterBulkSignoffInput = z.object({
  campaignId: recordId('承诺批次'),
  rosterIds: z.array(recordId('名单条目')).min(1, { error: '请选择已签订的人员' }).max(20000),
  signedDate: dateField('签订日期'),
  signMethod: z.enum(SIGN_METHODS).default('集中'),
  copies: z.array(z.enum(COPY_HOLDERS)).default(['本人', '纪委']),
});
export const rosterScanInput = z.object({
  rosterId: recordId('名单条目'),
  fileName: requiredText('文件名', 200),
  contentBase64: z
    .string({ error: '缺少文件内容' })
    .max(Math.ceil((SCAN_MAX_BYTES * 4) / 3) + 8, { error: `扫描件不能超过${SCAN_MAX_BYTES / 1024 / 1024}MB` }),
});
export const rosterIdInput = z.object({ rosterId: recordId('名单条目') });
/** A sign-off's stored fields (the schema's output). */
export type SignoffValues = z.output<z.ZodObject<typeof signoffFields>>;
export const SIGNOFF_FIELDS = Object.keys(signoffFields) as (keyof SignoffValues)[];
export const SIGNOFF_STORAGE: Storage<keyof SignoffValues> = { signed: 'flag', copies: 'json' };

export const rosterBreachInput = z.object({
  rosterId: recordId('名单条目'),
  rev: revision,
  checkedOn: dateField('核查日期'),
  result: requiredText('核查结果', 500),
});

/** A campaign as the list shows it: its fields but the text, and how far the signing is. */
export type CampaignSummary = { id: string; rev: number } & Pick<StoredCampaign, (typeof CAMPAIGN_SUMMARY_FIELDS)[number]> & {
    rosterCount: number;
    signedCount: number;
    /** 0..1 */
    completion: number;
    /** 目标人数: how many of the roster must sign to reach the target (rounded up). */
    targetCount: number;
  };

export type CampaignDetail = CampaignSummary &
  StoredCampaign & {
    /** The official form, fixed at the first PDF or signature (core/pledges/officialForm.ts); null before. */
    officialForm: IssuedDocumentInfo | null;
    /** Per unit: how many expected, how many signed. */
    byUnit: { unitId: string | null; unitPath: string; total: number; signed: number }[];
  };

/** 履诺核查: the last check that the person kept the pledge. */
export interface BreachCheck {
  breachCheckedOn: string | null;
  breachResult: string | null;
}
export const BREACH_FIELDS = ['breachCheckedOn', 'breachResult'] as const satisfies (keyof BreachCheck)[];

/** One person on a campaign's roster, with the sign-off. */
export type RosterEntry = { id: string; rev: number; person: PersonListItem } & SignoffValues &
  BreachCheck & { scan: { fileName: string; mime: string; size: number; sha256: string } | null };

export interface ScanFile {
  fileName: string;
  mime: string;
  contentBase64: string;
  sha256: string;
}

/** A pledge a person signed (for the person's page). */
export interface PledgeSigned {
  campaignId: string;
  title: string;
  pledgeType: string;
  year: number;
  signed: boolean;
  signedDate: string | null;
}

export type CampaignsPage = Paged<CampaignSummary>;
export type RosterPage = Paged<RosterEntry>;

// ---- documents (print.document / print.pdf; the kind is in documents.ts) ----

/** Pre-filled 承诺书, one page per person of the roster (all, or those not signed yet). */
const pledgeFormsRequest = z.object({
  kind: z.literal('pledgeForms'),
  campaignId: recordId('承诺批次'),
  filter: z.enum(['all', 'unsigned']).default('all'),
});

/** At most this many 承诺书 in one job (one page each). */
export const PLEDGE_FORMS_MAX = 3000;

/** The documents of this area (core/api.ts joins every area's into printRequest). */
export const pledgeDocumentRequests = [pledgeFormsRequest] as const;
export type PledgeDocumentRequest = z.output<(typeof pledgeDocumentRequests)[number]>;
