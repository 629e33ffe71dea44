/**
 * A side drawer holding a form, with the same keyboard rules as FormModal:
 * Enter in a one-line text field saves (not while an IME composition is active, not in a
 * dropdown or date picker), Esc cancels (asking first if something was typed), and a
 * failed save shows the message above the form and keeps everything typed.
 */
import { Alert, Button, Drawer, Space, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useFormKeys } from './useFormKeys';

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

export function FormDrawer({
  open,
  title,
  form,
  onCancel,
  saving,
  error,
  okText = '保存',
  width = 620,
  loading,
  children,
}: FormDrawerProps) {
  const { body, cancel, onKeyDown, focusFirst, compositionHandlers } = useFormKeys({ form, onCancel, saving, loading });

  return (
    <Drawer
      open={open}
      title={title}
      size={width}
      keyboard={false}
      destroyOnHidden
      onClose={cancel}
      afterOpenChange={(isOpen) => {
        if (isOpen) focusFirst();
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
      <div ref={body} onKeyDown={onKeyDown} {...compositionHandlers}>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
        {children}
      </div>
    </Drawer>
  );
}
