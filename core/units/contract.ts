import { z } from 'zod';
import { optionalText, recordId, requiredText, revision } from '../shared/fields';

/** 单位 — a unit of the city/county; units form a tree through parentId. */
export interface Unit {
  id: string;
  rev: number;
  parentId: string | null;
  name: string;
  shortName: string | null;
  sortOrder: number;
  /** Active people directly in this unit. */
  peopleCount: number;
}

const unitFields = {
  parentId: recordId('上级单位')
    .nullish()
    .transform((v) => v ?? null),
  name: requiredText('单位名称', 60),
  shortName: optionalText('单位简称', 20),
  sortOrder: z.number({ error: '排序号应为数字' }).int({ error: '排序号应为整数' }).min(0).max(99999).default(0),
};

export const unitsCreateInput = z.object(unitFields);
export const unitsUpdateInput = z.object({ id: recordId('单位'), rev: revision, ...unitFields });
export const unitsDeleteInput = z.object({ id: recordId('单位') });
