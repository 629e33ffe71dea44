/**
 * Text longer than a field's limit is never cut silently. The browser drops whatever goes
 * past an input's maxlength without a word (a 28-character name kept 20); this listens,
 * once for the whole app, to what is about to be typed or pasted into any limited field
 * and says the limit and what was left out.
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

export function useTextLimitNotice(warn: (key: string, text: string) => void): void {
  useEffect(() => {
    const onBeforeInput = (e: InputEvent) => {
      const el = e.target;
      if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
      if (el.maxLength <= 0 || e.isComposing) return; // IME text is counted when the composition ends
      if (!/^insert(Text|FromPaste|FromDrop|ReplacementText|CompositionText)$/.test(e.inputType) && e.inputType !== 'insertLineBreak')
        return;
      const inserted = e.data ?? e.dataTransfer?.getData('text/plain') ?? (e.inputType === 'insertLineBreak' ? '\n' : '');
      const selected = Math.abs((el.selectionEnd ?? 0) - (el.selectionStart ?? 0));
      const over = overflowOf(el.value, selected, inserted, el.maxLength);
      if (!over) return;
      const name = fieldName(el);
      warn(
        `limit-${name}`,
        [...inserted].length > 1
          ? `“${name}”最多${el.maxLength}个字，多出的${over}个字没有填入，请精简后再填。`
          : `“${name}”最多${el.maxLength}个字，已经填满。`,
      );
    };
    document.addEventListener('beforeinput', onBeforeInput, true);
    return () => {
      document.removeEventListener('beforeinput', onBeforeInput, true);
    };
  }, [warn]);
}
