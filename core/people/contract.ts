import { z } from 'zod';
import { undrawableMessage } from '../print/glyphCoverage';
import { birthMonth, idNumber, optionalText, page, pageSize, recordId, requiredText, revision } from '../shared/fields';

export const GENDERS = ['男', '女'] as const;
/** 政治面貌 — decides whether party-discipline rules apply to the person. */
export const POLITICAL_STATUSES = ['中共党员', '中共预备党员', '共青团员', '民主党派', '无党派人士', '群众'] as const;
/** 人员类别 */
export const PERSON_CATEGORIES = ['公务员', '参公', '事业', '国企', '村社区', '其他'] as const;

const choice = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z
    .enum(values, { error: `${label}只能是：${values.join('、')}` })
    .nullish()
    .transform((v) => v ?? null);

/** 人员 fields as the clerk enters them. */
export const personFields = {
  name: requiredText('姓名', 20)
    .refine((v) => !/[\d<>{}[\]\\/@#$%^&*=+|~`]/.test(v), {
      error: '姓名不能包含数字或特殊符号',
    })
    // a name the letters' fonts cannot draw would print as a blank box: refused here, naming the character
    .superRefine((v, ctx) => {
      const message = undrawableMessage('姓名', v);
      if (message) ctx.addIssue({ code: 'custom', message });
    }),
  gender: choice('性别', GENDERS),
  birthMonth,
  idNumber,
  politicalStatus: choice('政治面貌', POLITICAL_STATUSES),
  category: choice('人员类别', PERSON_CATEGORIES),
  unitId: recordId('单位')
    .nullish()
    .transform((v) => v ?? null),
  position: optionalText('职务', 60),
  rank: optionalText('职级/层次', 30),
  managementLevel: optionalText('管理权限', 30),
  notes: optionalText('备注', 500),
};

export const personInput = z.object(personFields);
/** A person's own fields, as stored (the schema's output). */
export type PersonValues = z.output<typeof personInput>;
/** Every stored field, in form order: rows are mapped and forms filled from this list. */
export const PERSON_FIELDS = Object.keys(personFields) as (keyof PersonValues)[];
export const peopleCreateInput = personInput;
export const peopleUpdateInput = z.object({ id: recordId('人员'), rev: revision, ...personFields });
export const peopleGetInput = z.object({ id: recordId('人员') });
export const peopleDeleteInput = z.object({ id: recordId('人员') });

export const PEOPLE_SORT_KEYS = ['name', 'unit', 'birthMonth', 'updatedAt'] as const;
export type PeopleSortKey = (typeof PEOPLE_SORT_KEYS)[number];

export const peopleListInput = z.object({
  /** Name, pinyin initials (zs), full pinyin (zhangsan), unit name or position; words are AND-ed. */
  query: z.string().trim().max(50, { error: '搜索词不能超过50个字' }).optional(),
  unitId: recordId('单位').optional(),
  /** With unitId: also people of its sub-units. */
  includeSubunits: z.boolean().default(true),
  category: z.enum(PERSON_CATEGORIES).optional(),
  politicalStatus: z.enum(POLITICAL_STATUSES).optional(),
  sortBy: z.enum(PEOPLE_SORT_KEYS).optional(),
  sortOrder: z.enum(['asc', 'desc']).default('asc'),
  page,
  pageSize,
});

/**
 * Fields the list leaves out: the full 身份证号 (the list shows it masked) and long text.
 * Any other field is in the list as well as in the full record.
 */
const DETAIL_ONLY = { idNumber: true, managementLevel: true, notes: true } as const;

/** A row of the people list: ID number masked. */
export const personListItem = personInput.omit(DETAIL_ONLY).extend({
  id: z.string(),
  rev: z.number(),
  idNumberMasked: z.string().nullable(),
  unitName: z.string().nullable(),
  /** 单位 with its parents, "市财政局／办公室": many units share a leaf name. */
  unitPath: z.string().nullable(),
  /** How many other active people share this name (同名): the UI then shows unit and birth month prominently. */
  homonymCount: z.number(),
  updatedAt: z.string(),
});
export type PersonListItem = z.output<typeof personListItem>;

/** One person in full, for the edit form. */
export const personRecord = personListItem.extend(personInput.pick(DETAIL_ONLY).shape).extend({
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type Person = z.output<typeof personRecord>;
