import { pinyin } from 'pinyin-pro';

export interface NameKeys {
  /** Full pinyin without tones or spaces: 张三 → zhangsan (ü as v: 吕 → lv). */
  full: string;
  /** First letters: 张三 → zs. */
  initials: string;
}

/**
 * Pinyin search keys for a name. Surname mode reads 单/曾/解 the way surnames are
 * read (单 → shan). Latin letters in a name are kept as they are.
 */
export function nameKeys(name: string): NameKeys {
  const syllables: string[] = [];
  for (const part of name.split(/([A-Za-z]+)/)) {
    if (!part) continue;
    if (/^[A-Za-z]+$/.test(part)) syllables.push(part.toLowerCase());
    else syllables.push(...pinyin(part, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'removed' }).filter(Boolean));
  }
  return { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}
