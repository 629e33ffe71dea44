import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonths, extendedLastDay, periodLastDay, remainderSpan } from './periodMath';

test('impact period last day: the domain brief examples', () => {
  assert.equal(periodLastDay('2024-03-15', 12), '2025-03-14');
  assert.equal(periodLastDay('2024-08-31', 6), '2025-02-28');
  assert.equal(periodLastDay('2024-02-29', 12), '2025-02-28');
  assert.equal(periodLastDay('2024-01-31', 1), '2024-02-29');
});

test('impact period last day: month ends, leap days, year ends', () => {
  assert.equal(periodLastDay('2023-01-31', 1), '2023-02-28'); // no Feb 31, not a leap year
  assert.equal(periodLastDay('2024-03-31', 1), '2024-04-30'); // no Apr 31
  assert.equal(periodLastDay('2024-04-30', 1), '2024-05-29'); // May 30 exists: day before
  assert.equal(periodLastDay('2024-01-01', 12), '2024-12-31');
  assert.equal(periodLastDay('2024-12-31', 18), '2026-06-30'); // no Jun 31
  assert.equal(periodLastDay('2023-02-28', 12), '2024-02-27'); // 2024-02-28 exists
  assert.equal(periodLastDay('2024-02-29', 48), '2028-02-28'); // 2028-02-29 exists: day before
  assert.equal(periodLastDay('2024-03-01', 1), '2024-03-31');
  assert.equal(periodLastDay('2024-03-15', 0), '2024-03-14');
});

test('addMonths clamps to the month end', () => {
  assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
  assert.equal(addMonths('2024-08-31', 6), '2025-02-28');
  assert.equal(addMonths('2024-03-15', 24), '2026-03-15');
});

test('an unserved remainder counted the calendar way: whole months by corresponding date, then days', () => {
  assert.deepEqual(remainderSpan('2024-10-01', '2024-12-31'), { months: 3, days: 0 });
  assert.deepEqual(remainderSpan('2025-06-15', '2025-12-31'), { months: 6, days: 17 });
  assert.deepEqual(remainderSpan('2025-12-20', '2025-12-31'), { months: 0, days: 12 });
  assert.deepEqual(remainderSpan('2024-01-31', '2024-02-29'), { months: 1, days: 0 }); // month-end rule
  assert.deepEqual(remainderSpan('2025-01-01', '2024-12-31'), { months: 0, days: 0 });
  assert.equal(extendedLastDay('2025-06-15', 12, { months: 6, days: 17 }), '2026-12-31');
});
