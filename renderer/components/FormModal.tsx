/**
 * A dialog holding a form, made for keyboard entry:
 * - the first field gets the focus when it opens;
 * - Enter in a text field saves (not while an IME composition is active, not in a
 *   multi-line field, not in a dropdown that is choosing an option);
 * - Esc cancels (again not while composing), asking first if something was typed;
 * - a failed save shows the message above the form and keeps everything typed.
 */
import { Alert, App, Button, Modal, Space, type FormInstance } from 'antd';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { isComposingKey, useCompositionFlag } from '../lib/ime';

export interface FormModalProps {
  open: boolean;
  title: ReactNode;
  form: FormInstance;
  onCancel: () => void;
  saving?: boolean;
  /** Shown above the form (a server message). */
  error?: ReactNode;
  okText?: string;
  width?: number;
  /** Extra buttons left of 取消/保存. */
  extraFooter?: ReactNode;
  /** Ask before closing when fields were touched (default true). */
  confirmDiscard?: boolean;
  /** The dialog's content is still loading (no Enter-to-save yet). */
  loading?: boolean;
  children: ReactNode;
}

export function FormModal({
  open,
  title,
  form,
  onCancel,
  saving,
  error,
  okText = '保存',
  width = 560,
  extraFooter,
  confirmDiscard = true,
  loading,
  children,
}: FormModalProps) {
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

  const focusFirst = () => {
    // The clerk may already be typing (an autoFocus field): never move the caret away.
    if (body.current?.contains(document.activeElement)) return;
    const first = body.current?.querySelector<HTMLElement>(
      'input:not([disabled]):not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea:not([disabled])',
    );
    first?.focus();
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      keyboard={false}
      mask={{ closable: false }}
      destroyOnHidden
      forceRender={false}
      onCancel={cancel}
      afterOpenChange={(isOpen) => {
        if (isOpen) focusFirst();
      }}
      modalRender={(node) => (
        <div onKeyDown={onKeyDown} {...handlers}>
          {node}
        </div>
      )}
      footer={
        <Space>
          {extraFooter}
          <Button onClick={cancel} disabled={saving}>
            取消
          </Button>
          <Button type="primary" loading={!!saving} disabled={loading} onClick={() => form.submit()}>
            {okText}
          </Button>
        </Space>
      }
    >
      <div ref={body}>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
        {children}
      </div>
    </Modal>
  );
}
