/**
 * A side drawer holding a form, with the same keyboard rules as FormModal:
 * Enter in a one-line text field saves (not while an IME composition is active, not in a
 * dropdown or date picker), Esc cancels (asking first if something was typed), and a
 * failed save shows the message above the form and keeps everything typed.
 */
import { Alert, App, Button, Drawer, Space, type FormInstance } from 'antd';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { isComposingKey, useCompositionFlag } from '../lib/ime';

export interface FormDrawerProps {
  open: boolean;
  title: ReactNode;
  form: FormInstance;
  onCancel: () => void;
  saving?: boolean;
  error?: ReactNode;
  okText?: string;
  width?: number;
  loading?: boolean;
  children: ReactNode;
}

export function FormDrawer({ open, title, form, onCancel, saving, error, okText = '保存', width = 620, loading, children }: FormDrawerProps) {
  const { modal } = App.useApp();
  const body = useRef<HTMLDivElement>(null);
  const { composing, handlers } = useCompositionFlag();
  const confirming = useRef(false);

  const cancel = () => {
    if (saving) return;
    if (!form.isFieldsTouched()) {
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
    if (isComposingKey(e, composing.current)) return;
    const target = e.target as HTMLElement;
    const inSelect = !!target.closest('.ant-select, .ant-picker, .ant-cascader');
    if (e.key === 'Escape') {
      if (inSelect && target.getAttribute('aria-expanded') === 'true') return;
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

  return (
    <Drawer
      open={open}
      title={title}
      size={width}
      keyboard={false}
      destroyOnHidden
      onClose={cancel}
      afterOpenChange={(isOpen) => {
        if (!isOpen || body.current?.contains(document.activeElement)) return;
        body.current?.querySelector<HTMLElement>('input:not([disabled]):not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea:not([disabled])')?.focus();
      }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={cancel} disabled={saving}>
            取消
          </Button>
          <Button type="primary" loading={!!saving} disabled={loading} onClick={() => form.submit()}>
            {okText}
          </Button>
        </Space>
      }
    >
      <div ref={body} onKeyDown={onKeyDown} {...handlers}>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
        {children}
      </div>
    </Drawer>
  );
}
