import type { Db } from '../../db/open';
import { readOfficeSettings } from '../settings/queries';

/** First-run setup is done once an office name is set and an account exists. */
export function isInitialized(db: Db): boolean {
  const row = db.prepare('SELECT EXISTS (SELECT 1 FROM users) AS has_user').get() as { has_user: number };
  return row.has_user === 1 && readOfficeSettings(db) !== null;
}
