/**
 * The keyboard rules every form container (FormModal, FormDrawer) follows:
 * - Enter in a one-line text field saves (not while an IME composition is active, not in
 *   a multi-line field, not in a dropdown or date picker that is choosing);
 * - Esc cancels (again not while composing; an open dropdown closes first), asking first
 *   if something was typed, with the safe button focused;
 * - when it opens, the first field gets the focus unless the clerk is already typing.
 */
import { App, type FormInstance } from 'antd';
import { useRef, type KeyboardEvent } from 'react';
import { isComposingKey, useCompositionFlag } from '../lib/ime';

export interface FormKeysOptions {
  form: FormInstance;
  onCancel: () => void;
  saving?: boolean | undefined;
  loading?: boolean | undefined;
  /** Ask before closing when fields were touched (default true). */
  confirmDiscard?: boolean | undefined;
}

const FIRST_FIELD = 'input:not([disabled]):not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea:not([disabled])';

export function useFormKeys({ form, onCancel, saving, loading, confirmDiscard = true }: FormKeysOptions) {
  const { modal } = App.useApp();
  const body = useRef<HTMLDivElement>(null);
  const { composing, handlers } = useCompositionFlag();
  const confirming = useRef(false);

  const cancel = () => {
    if (saving) return;
    if (!confirmDiscard || !form.isFieldsTouched()) {
      onCancel();
      return;
    }
    if (confirming.current) return;
    confirming.current = true;
    modal.confirm({
      title: '放弃已填写的内容？',
      content: '关闭后，本次填写或修改的内容不会保存。',
      okText: '放弃并关闭',
      cancelText: '继续填写',
      okButtonProps: { danger: true },
      // Enter must not throw the typing away: the safe button has the focus.
      autoFocusButton: 'cancel',
      onOk: () => {
        confirming.current = false;
        onCancel();
      },
      onCancel: () => {
        confirming.current = false;
      },
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' && e.key !== 'Escape') return;
    if (isComposingKey(e, composing.current)) return; // the IME is choosing or cancelling a candidate
    const target = e.target as HTMLElement;
    const inSelect = !!target.closest('.ant-select, .ant-picker, .ant-cascader');
    if (e.key === 'Escape') {
      if (inSelect && target.getAttribute('aria-expanded') === 'true') return; // Esc closes the dropdown first
      e.preventDefault();
      e.stopPropagation();
      cancel();
      return;
    }
    if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON' || inSelect) return;
    if (target.tagName !== 'INPUT') return;
    const type = (target as HTMLInputElement).type;
    if (type === 'checkbox' || type === 'radio') return;
    e.preventDefault();
    if (!saving && !loading) form.submit();
  };

  /** The dialog or drawer opened: the first field gets the focus. */
  const afterOpenChange = (isOpen: boolean) => {
    // The clerk may already be typing (an autoFocus field): never move the caret away.
    if (!isOpen || body.current?.contains(document.activeElement)) return;
    body.current?.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
  };

  return { body, cancel, onKeyDown, afterOpenChange, compositionHandlers: handlers };
}
