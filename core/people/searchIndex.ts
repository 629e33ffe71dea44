import type { Db } from '../../db/open';

/**
 * Keeps people_grams in step with a person's name and position. (people_fts follows
 * the row through triggers; grams need string slicing that triggers cannot do.)
 */
export function indexPersonGrams(db: Db, seq: number, name: string, position: string | null): void {
  db.prepare('DELETE FROM people_grams WHERE person_seq = ?').run(seq);
  const insert = db.prepare('INSERT OR IGNORE INTO people_grams (gram, field, person_seq) VALUES (?, ?, ?)');
  for (const gram of shortGrams(name)) insert.run(gram, 'n', seq);
  if (position) for (const gram of shortGrams(position)) insert.run(gram, 'p', seq);
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
