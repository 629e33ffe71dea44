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

/**
 * How a field is kept when its column cannot hold it as is: `json` for a list (JSON text),
 * `flag` for yes/no (0/1). Declared beside the fields, in the area's contract.
 */
export type Stored = 'json' | 'flag';
export type Storage<K extends string = string> = Partial<Record<K, Stored>>;

const toColumn = (how: Stored | undefined, v: unknown): unknown =>
  how === 'json' ? JSON.stringify(v) : how === 'flag' ? (v === undefined || v === null ? v : v ? 1 : 0) : v;
const fromColumn = (how: Stored | undefined, v: unknown): unknown =>
  how === 'json' ? (typeof v === 'string' ? JSON.parse(v) : v) : how === 'flag' ? (v === null || v === undefined ? v : v === 1) : v;

const NONE: Storage = Object.freeze({});

/** Column values for an insert or update, from the record's field values. */
export function toColumnValues<K extends string>(
  fields: readonly K[],
  values: { [P in K]: unknown },
  storage: Storage<K> = NONE,
): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [columnOf(f), toColumn(storage[f], values[f])]));
}

/** The record's field values, from a row read with selectColumns. */
export function fromRow<T extends object>(
  fields: readonly (keyof T & string)[],
  row: Record<string, unknown>,
  storage: Storage<keyof T & string> = NONE,
): T {
  const out: Record<string, unknown> = {};
  // Exports map every field of 100,000 rows: the plain loop unless some field is stored otherwise.
  if (storage === NONE) for (const f of fields) out[f] = row[columnOf(f)];
  else for (const f of fields) out[f] = fromColumn(storage[f], row[columnOf(f)]);
  return out as T;
}
