/**
 * One mapping between a record's fields and its table's columns: a field `birthMonth`
 * lives in the column `birth_month`. Areas list their fields once (the keys of the zod
 * input schema) and read and write rows through these, so a new field needs no
 * hand-written mapping. Pure: imported by core only.
 */

/** birthMonth → birth_month. */
// Cached: list reads and exports map every field of every row (100,000 rows × 15 fields).
const columns = new Map<string, string>();
export function columnOf(field: string): string {
  let col = columns.get(field);
  if (col === undefined) columns.set(field, (col = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)));
  return col;
}

/** `alias.col` for each field, comma-separated: the SELECT list for those fields. */
export const selectColumns = (alias: string, fields: readonly string[]): string => fields.map((f) => `${alias}.${columnOf(f)}`).join(', ');

/** Column values for an insert or update, from the record's field values. */
export function toColumnValues<K extends string>(fields: readonly K[], values: { [P in K]: unknown }): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [columnOf(f), values[f]]));
}

/** The record's field values, from a row read with selectColumns. */
export function fromRow<T extends object>(fields: readonly (keyof T & string)[], row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = row[columnOf(f)];
  return out as T;
}
