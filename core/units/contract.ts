import { z } from 'zod';
import { undrawableMessage } from '../print/glyphCoverage';
import { optionalText, recordId, requiredText, revision } from '../shared/fields';

/** A unit's names print on letters: a character the letters' fonts cannot draw is refused here, by name. */
const printable = (label: string) => (v: string | null | undefined, ctx: z.RefinementCtx) => {
  const message = v ? undrawableMessage(label, v) : null;
  if (message) ctx.addIssue({ code: 'custom', message });
};

const unitFields = {
  parentId: recordId('上级单位')
    .nullish()
    .transform((v) => v ?? null),
  name: requiredText('单位名称', 60).superRefine(printable('单位名称')),
  shortName: optionalText('单位简称', 20).superRefine(printable('单位简称')),
  sortOrder: z.number({ error: '排序号应为数字' }).int({ error: '排序号应为整数' }).min(0).max(99999).default(0),
};

export const unitsCreateInput = z.object(unitFields);
/** A unit's own fields, as stored (the schema's output). */
export type UnitValues = z.output<typeof unitsCreateInput>;
/** Every stored field: rows are read and written through this list (core/shared/rows.ts). */
export const UNIT_FIELDS = Object.keys(unitFields) as (keyof UnitValues)[];

/** 单位 — a unit of the city/county; units form a tree through parentId. */
export const unitRecord = unitsCreateInput.extend({
  id: z.string(),
  rev: z.number(),
  /** Active people directly in this unit. */
  peopleCount: z.number(),
});
export type Unit = z.output<typeof unitRecord>;
export const unitsUpdateInput = z.object({ id: recordId('单位'), rev: revision, ...unitFields });
export const unitsDeleteInput = z.object({ id: recordId('单位') });
