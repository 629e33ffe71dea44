/**
 * Small fixes to antd's markup, once for the whole app, where antd gives no option:
 * - clear buttons (Input, Select, DatePicker) are named in English ("Clear"/"close-circle")
 *   and stop the Tab key between fields: they are named 清除 and left out of the Tab order
 *   (the mouse still clears; the keyboard clears by selecting and deleting);
 * - an icon inside a button that has its own text (the spinner of a loading button,
 *   "loading 核对名单") is decoration: hidden from screen readers so the name is the text;
 * - dialog and drawer close buttons are named 关闭.
 */
import { useEffect } from 'react';

const CLEAR = '.ant-input-clear-icon, .ant-select-clear, .ant-picker-clear, .ant-input-number-clear';
const CLOSE = '.ant-modal-close, .ant-drawer-close, .ant-message-notice-close, .ant-notification-notice-close';

export function patchAccessibility(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>(CLEAR)) {
    if (el.getAttribute('aria-label') !== '清除') el.setAttribute('aria-label', '清除');
    if (el.getAttribute('tabindex') !== '-1') el.setAttribute('tabindex', '-1');
    for (const icon of el.querySelectorAll('[aria-label]')) icon.setAttribute('aria-hidden', 'true');
  }
  for (const el of root.querySelectorAll<HTMLElement>(CLOSE)) {
    if (el.getAttribute('aria-label') !== '关闭') el.setAttribute('aria-label', '关闭');
  }
  for (const icon of root.querySelectorAll<HTMLElement>('.ant-btn .anticon[aria-label]')) {
    const btn = icon.closest('.ant-btn');
    const hasText =
      !!btn &&
      [...btn.childNodes].some(
        (n) => n !== icon && !(n as HTMLElement).classList?.contains('ant-btn-icon') && (n.textContent ?? '').trim() !== '',
      );
    if (hasText && icon.getAttribute('aria-hidden') !== 'true') icon.setAttribute('aria-hidden', 'true');
  }
}

export function useAccessibilityPatches(): void {
  useEffect(() => {
    patchAccessibility(document.body);
    let queued = false;
    const observer = new MutationObserver(() => {
      // Many mutations arrive together: patch once per frame.
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        patchAccessibility(document.body);
      });
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
}
