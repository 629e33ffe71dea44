/**
 * How strong a backup passphrase is: a rough estimate of its entropy from its length
 * and the kinds of characters in it, shown as the clerk types and checked by the host.
 * Pure: the renderer imports it too.
 */
export interface Strength {
  /** 0 很弱, 1 弱, 2 中, 3 强, 4 很强 */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  bits: number;
  hint: string | null;
}

export const MIN_SCORE = 2;
export const MIN_LENGTH = 10;
const LABELS = ['很弱', '弱', '中等', '强', '很强'] as const;

export function passphraseStrength(passphrase: string): Strength {
  const chars = [...passphrase.normalize('NFKC')];
  let pool = 0;
  if (chars.some((c) => /[a-z]/.test(c))) pool += 26;
  if (chars.some((c) => /[A-Z]/.test(c))) pool += 26;
  if (chars.some((c) => /[0-9]/.test(c))) pool += 10;
  if (chars.some((c) => /[^\p{L}\p{N}]/u.test(c))) pool += 33;
  if (chars.some((c) => /\p{Script=Han}/u.test(c))) pool += 2000;
  else if (chars.some((c) => /\p{L}/u.test(c) && !/[A-Za-z]/.test(c))) pool += 100;
  // Repeats and runs add little: count distinct characters, and at most 3 of any one.
  const counts = new Map<string, number>();
  let effective = 0;
  for (const c of chars) {
    const n = (counts.get(c) ?? 0) + 1;
    counts.set(c, n);
    if (n <= 3) effective++;
  }
  const distinct = counts.size;
  const bits = pool ? Math.round(Math.min(effective, distinct * 2) * Math.log2(pool)) : 0;
  const score: Strength['score'] = chars.length < 6 ? 0 : bits < 40 ? 1 : bits < 60 ? 2 : bits < 90 ? 3 : 4;
  let hint: string | null = null;
  if (chars.length < MIN_LENGTH) hint = `至少 ${MIN_LENGTH} 个字符。`;
  else if (score < MIN_SCORE) hint = '请加长，或混用大小写字母、数字、符号或汉字。';
  else if (score < 3) hint = '可以再长一些：用几个词组成一句话最好记也最安全。';
  return { score, label: LABELS[score], bits, hint };
}

/** Null if acceptable, otherwise the Chinese reason. */
export function passphraseProblem(passphrase: string): string | null {
  // No silent trimming anywhere: a new passphrase simply may not start or end with a space
  // (after NFKC, so the ideographic space U+3000 counts), which is easy to miss when typing it again years later.
  if (/^\s|\s$/u.test(passphrase.normalize('NFKC'))) return '口令的开头和结尾不能是空格（以后输入时容易漏掉）。';
  if ([...passphrase].length < MIN_LENGTH) return `口令至少 ${MIN_LENGTH} 个字符。`;
  if (passphraseStrength(passphrase).score < MIN_SCORE) return '口令太弱：请加长，或混用大小写字母、数字、符号或汉字。';
  return null;
}
