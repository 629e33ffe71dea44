/**
 * Office settings the annual numbers depend on: which reminder letters count as
 * “两函一书”, which sanction/handling types count as “第一种形态”, and how soon after a
 * sanction a 暖心回访 is due. Local practice differs, so none of this is hard-coded.
 * Pure zod: the renderer's settings form uses it too.
 */
import { z } from 'zod';
import { OCCASIONS, REMINDER_KINDS } from '../reminders/contract';
import { CATEGORY_LABELS, SANCTION_CATEGORIES, SANCTION_TYPES, type SanctionCategory } from '../sanctions/kinds';

/** A sanction kind as "category:type", e.g. "admonition:诫勉". */
export const sanctionKey = (category: SanctionCategory, type: string) => `${category}:${type}`;
export const ALL_SANCTION_KEYS = SANCTION_CATEGORIES.flatMap((c) =>
  SANCTION_TYPES[c].map((t) => ({ key: sanctionKey(c, t), label: `${CATEGORY_LABELS[c]}·${t}` })),
);
const sanctionKeyField = z.string().refine((k) => ALL_SANCTION_KEYS.some((s) => s.key === k), { error: '处分种类不正确' });

export const statisticsSettingsSchema = z.object({
  twoLettersOneBook: z.object({
    kinds: z.array(z.enum(REMINDER_KINDS, { error: '提醒函类型不正确' })).min(1, { error: '请至少选择一种提醒函类型' }),
    occasions: z.array(z.enum(OCCASIONS, { error: '节点不正确' })).min(1, { error: '请至少选择一个节点' }),
  }),
  firstForm: z.array(sanctionKeyField).min(1, { error: '请至少选择一种计入“第一种形态”的处理方式' }),
  revisitWithinMonths: z
    .number({ error: '回访期限应为月数' })
    .int({ error: '回访期限应为整月数' })
    .min(1, { error: '回访期限至少1个月' })
    .max(60, { error: '回访期限最多60个月' }),
});
export type StatisticsSettings = z.infer<typeof statisticsSettingsSchema>;

export const DEFAULT_STATISTICS_SETTINGS: StatisticsSettings = {
  // 工作提醒函 of any occasion; festival reminders are counted as 《廉洁提醒函》 on their own line.
  twoLettersOneBook: { kinds: ['工作提醒函'], occasions: [...OCCASIONS] },
  // 诫勉 is the first form's formal measure the register holds (谈话函询、批评教育 are not sanctions).
  firstForm: [sanctionKey('admonition', '诫勉')],
  revisitWithinMonths: 6,
};
