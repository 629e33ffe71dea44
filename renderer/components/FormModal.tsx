/**
 * A dialog holding a form, made for keyboard entry:
 * - the first field gets the focus when it opens;
 * - Enter in a text field saves (not while an IME composition is active, not in a
 *   multi-line field, not in a dropdown that is choosing an option);
 * - Esc cancels (again not while composing), asking first if something was typed;
 * - a failed save shows the message above the form and keeps everything typed.
 */
import { Alert, Button, Modal, Space, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useFormKeys } from './useFormKeys';

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
  const { body, cancel, onKeyDown, focusFirst, compositionHandlers } = useFormKeys({ form, onCancel, saving, loading, confirmDiscard });

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
        <div onKeyDown={onKeyDown} {...compositionHandlers}>
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
