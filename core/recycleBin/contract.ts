import { z } from 'zod';
import { page, pageSize, recordId } from '../shared/fields';

export const RECYCLABLE_ENTITIES = [
  'person',
  'unit',
  'sanction',
  'pendingMatter',
  'opinionRequest',
  'reminderLetter',
  'pledgeCampaign',
  'clearance',
  'revisit',
] as const;
export type RecyclableEntity = (typeof RECYCLABLE_ENTITIES)[number];
export const RECYCLABLE_LABELS: Record<RecyclableEntity, string> = {
  person: '人员',
  unit: '单位',
  sanction: '处分记录',
  pendingMatter: '在查事项',
  opinionRequest: '征求意见函',
  reminderLetter: '廉洁提醒函',
  pledgeCampaign: '承诺批次',
  clearance: '澄清正名',
  revisit: '暖心回访',
};

export const recycleBinListInput = z.object({
  entity: z.enum(RECYCLABLE_ENTITIES).optional(),
  page,
  pageSize,
});
export const recycleBinRestoreInput = z.object({
  entity: z.enum(RECYCLABLE_ENTITIES, { error: '记录类型不正确' }),
  id: recordId(),
});

/** A deleted record waiting in 回收站. */
export interface RecycledItem {
  entity: RecyclableEntity;
  id: string;
  title: string;
  detail: string | null;
  deletedAt: string;
  deletedByName: string | null;
}
