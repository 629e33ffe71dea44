/** Sanctions and pending matters on random people of a seeded register (benchmarks only). */
import { newId } from '../../db/ids';
import type { Db } from '../../db/open';
import { recomputeImpacts } from '../../core/sanctions/queries';
import { SANCTION_TYPES, SANCTION_CATEGORIES } from '../../core/sanctions/kinds';
import { rng } from './people';

export function seedSanctions(db: Db, options: { sanctions: number; pending: number; seed?: number }): void {
  const r = rng(options.seed ?? 4242);
  const at = '2026-01-01T00:00:00.000Z';
  const maxSeq = db.prepare('SELECT max(seq) FROM people').pluck().get() as number;
  const personAt = db.prepare('SELECT id FROM people WHERE seq >= ? ORDER BY seq LIMIT 1').pluck();
  const insertSanction = db.prepare(`
    INSERT INTO sanctions (id, person_id, category, type, decision_authority, decision_date, effective_date, probation_months, status, created_at, updated_at)
    VALUES (?, ?, ?, ?, '市纪委监委', ?, ?, ?, '有效', ?, ?)`);
  const insertPending = db.prepare(`
    INSERT INTO pending_matters (id, person_id, kind, received_date, status, created_at, updated_at) VALUES (?, ?, ?, ?, '在办', ?, ?)`);
  db.transaction(() => {
    const touched = new Set<string>();
    for (let i = 0; i < options.sanctions; i++) {
      const personId = personAt.get(1 + Math.floor(r() * maxSeq)) as string;
      const category = SANCTION_CATEGORIES[Math.floor(r() * SANCTION_CATEGORIES.length)]!;
      const types = SANCTION_TYPES[category];
      const type = types[Math.floor(r() * types.length)]!;
      const y = 2018 + Math.floor(r() * 8);
      const date = `${y}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
      insertSanction.run(newId(), personId, category, type, date, date, type === '留党察看' ? 12 : null, at, at);
      touched.add(personId);
    }
    for (const id of touched) recomputeImpacts(db, id);
    for (let i = 0; i < options.pending; i++) {
      const personId = personAt.get(1 + Math.floor(r() * maxSeq)) as string;
      insertPending.run(newId(), personId, ['petition', 'lead', 'case'][Math.floor(r() * 3)], '2025-06-01', at, at);
    }
  })();
}
