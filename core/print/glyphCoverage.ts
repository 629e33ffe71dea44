/**
 * Which characters the letters can print with their bundled fonts (the generated
 * glyphCoverageData.ts). Free of Node APIs: contracts use it to refuse, at entry, a name
 * that would otherwise print as a blank box.
 */
import { DRAWABLE } from './glyphCoverageData';

function drawable(code: number): boolean {
  let lo = 0;
  let hi = DRAWABLE.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (code < DRAWABLE[mid * 2]!) hi = mid - 1;
    else if (code > DRAWABLE[mid * 2 + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The distinct characters of `text` that no bundled font can draw, in order of appearance. */
export function undrawableChars(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) if (!drawable(ch.codePointAt(0)!) && !out.includes(ch)) out.push(ch);
  return out;
}

const codeLabel = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** "姓名中的“𰻞”（U+30EDE）…": the message naming each character, or null when all print. */
export function undrawableMessage(label: string, text: string): string | null {
  const bad = undrawableChars(text);
  if (!bad.length) return null;
  return `${label}中的${bad.map((c) => `“${c}”（${codeLabel(c)}）`).join('、')}无法用公文字体打印，打印件会出现空白方框。请核对是否录入有误；如确为此字，请联系管理员安装含该字的字体后再录入。`;
}
