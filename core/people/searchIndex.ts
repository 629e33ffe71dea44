import type { Db } from '../../db/open';
import { cachedStatement } from '../../db/statements';

/**
 * Keeps people_grams in step with a person's name and position. (people_fts follows
 * the row through triggers; grams need string slicing that triggers cannot do.)
 */
export function indexPersonGrams(db: Db, seq: number, name: string, position: string | null): void {
  cachedStatement(db, 'DELETE FROM people_grams WHERE person_seq = ?').run(seq);
  // One statement per field (the grams as a JSON array): an import indexes 10,000 people.
  const insert = cachedStatement(db, 'INSERT OR IGNORE INTO people_grams (gram, field, person_seq) SELECT value, ?, ? FROM json_each(?)');
  insert.run('n', seq, JSON.stringify(shortGrams(name)));
  if (position) insert.run('p', seq, JSON.stringify(shortGrams(position)));
}

/** Every distinct 1- and 2-character substring (by code point), lower-cased. */
export function shortGrams(text: string): string[] {
  const chars = [...text.toLowerCase().replace(/\s+/g, '')];
  const grams = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    grams.add(chars[i]!);
    if (i + 1 < chars.length) grams.add(chars[i]! + chars[i + 1]!);
  }
  return [...grams];
}
