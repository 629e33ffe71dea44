/**
 * Text longer than a field's limit is never cut silently. The browser drops whatever goes
 * past an input's maxlength without a word (a 28-character name kept 20); this listens,
 * once for the whole app, to what is about to be typed, pasted or entered by a Chinese
 * input method into any limited field, and says the limit and what was left out.
 */
import { useEffect } from 'react';

/** The field's name as the clerk sees it: its label, else its aria-label or placeholder. */
function fieldName(el: HTMLInputElement | HTMLTextAreaElement): string {
  const label = el.labels?.[0]?.textContent?.trim() || el.getAttribute('aria-label') || el.placeholder || '此处';
  return label.replace(/[：:*]\s*$/, '');
}

/** How many characters of `inserted` will not fit, given the field's value and selection now. */
export function overflowOf(value: string, selectionLength: number, inserted: string, max: number): number {
  return Math.max(0, [...value].length - selectionLength + [...inserted].length - max);
}

type Limited = HTMLInputElement | HTMLTextAreaElement;
const limited = (el: EventTarget | null): el is Limited =>
  (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.maxLength > 0;

/** Pinyin (or any latin) still being composed: not what will be entered, so not counted. */
const LATIN = /[A-Za-z']/;

export function useTextLimitNotice(warn: (key: string, text: string) => void): void {
  useEffect(() => {
    const say = (el: Limited, inserted: string, over: number) => {
      const name = fieldName(el);
      warn(
        `limit-${name}`,
        [...inserted].length > 1
          ? `“${name}”最多${el.maxLength}个字，多出的${over}个字没有填入，请精简后再填。`
          : `“${name}”最多${el.maxLength}个字，已经填满。`,
      );
    };
    /**
     * Chinese input: what the IME will enter is measured against the field as it was when
     * the composition began (the browser may already show, or cut, the composed text).
     */
    const composing = new WeakMap<Limited, { value: string; selected: number }>();
    const onCompositionStart = (e: CompositionEvent) => {
      const el = e.target;
      if (!limited(el)) return;
      composing.set(el, { value: el.value, selected: Math.abs((el.selectionEnd ?? 0) - (el.selectionStart ?? 0)) });
    };
    const composedOverflow = (el: Limited, text: string): number => {
      const before = composing.get(el);
      return before ? overflowOf(before.value, before.selected, text, el.maxLength) : 0;
    };
    const onCompositionEnd = (e: CompositionEvent) => {
      const el = e.target;
      if (!limited(el)) return;
      const over = composedOverflow(el, e.data ?? '');
      composing.delete(el);
      if (over) say(el, e.data ?? '', over);
    };
    const onBeforeInput = (e: InputEvent) => {
      const el = e.target;
      if (!limited(el)) return;
      if (e.isComposing) {
        // While composing: say it as soon as the characters chosen (not the pinyin) no longer fit.
        const text = e.data ?? '';
        if (e.inputType === 'insertCompositionText' && text && !LATIN.test(text)) {
          const over = composedOverflow(el, text);
          if (over) say(el, text, over);
        }
        return;
      }
      if (!/^insert(Text|FromPaste|FromDrop|ReplacementText|CompositionText)$/.test(e.inputType) && e.inputType !== 'insertLineBreak')
        return;
      const inserted = e.data ?? e.dataTransfer?.getData('text/plain') ?? (e.inputType === 'insertLineBreak' ? '\n' : '');
      const selected = Math.abs((el.selectionEnd ?? 0) - (el.selectionStart ?? 0));
      const over = overflowOf(el.value, selected, inserted, el.maxLength);
      if (over) say(el, inserted, over);
    };
    document.addEventListener('compositionstart', onCompositionStart, true);
    document.addEventListener('compositionend', onCompositionEnd, true);
    document.addEventListener('beforeinput', onBeforeInput, true);
    return () => {
      document.removeEventListener('compositionstart', onCompositionStart, true);
      document.removeEventListener('compositionend', onCompositionEnd, true);
      document.removeEventListener('beforeinput', onBeforeInput, true);
    };
  }, [warn]);
}
