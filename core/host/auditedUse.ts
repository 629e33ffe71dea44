/**
 * What the audit entry of a view, print or export says about the call: the record it
 * was about and a short, safe copy of the input (no passwords or passphrases, no file
 * contents, long texts and lists cut), so the log shows who looked at whom.
 */

const SECRET_OR_BULKY = /password|passphrase|secret|token|data|content|bytes|base64/i;
const MAX_TEXT = 100;
const MAX_ITEMS = 20;

export function summarizeInput(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ITEMS).map((v) => summarizeInput(v, depth + 1));
    return value.length > MAX_ITEMS ? [...shown, `…共${value.length}项`] : shown;
  }
  if (value && typeof value === 'object') {
    if (depth > 3) return '…';
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !SECRET_OR_BULKY.test(k))
        .map(([k, v]) => [k, summarizeInput(v, depth + 1)]),
    );
  }
  return value;
}

const ID_KEYS = ['id', 'personId', 'rosterId', 'replyId', 'reminderId', 'letterId', 'campaignId', 'requestId'];

/** The id of the record the call was about: a top-level id, or one inside `request` (letters, printouts). */
export function auditedEntityId(input: unknown): string | null {
  for (const where of [input, (input as { request?: unknown } | null)?.request]) {
    if (!where || typeof where !== 'object') continue;
    for (const key of ID_KEYS) {
      const v = (where as Record<string, unknown>)[key];
      if (typeof v === 'string') return v;
    }
  }
  return null;
}
