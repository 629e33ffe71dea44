/**
 * A dialog holding a form, made for keyboard entry:
 * - the first field gets the focus when it opens;
 * - Enter in a text field saves (not while an IME composition is active, not in a
 *   multi-line field, not in a dropdown that is choosing an option);
 * - Esc cancels (again not while composing), asking first if something was typed;
 * - a failed save shows the message above the form and keeps everything typed.
 */
import { Modal, Space } from 'antd';
import type { ReactNode } from 'react';
import { FormBody, FormButtons, type FormFrameProps } from './formFrame';
import { useFormKeys } from './useFormKeys';

export interface FormModalProps extends FormFrameProps {
  /** Extra buttons left of 取消/保存. */
  extraFooter?: ReactNode;
  /** Ask before closing when fields were touched (default true). */
  confirmDiscard?: boolean;
}

export function FormModal(props: FormModalProps) {
  const { open, title, width = 560, extraFooter, error, children } = props;
  const { body, cancel, onKeyDown, afterOpenChange, compositionHandlers } = useFormKeys(props);

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
      afterOpenChange={afterOpenChange}
      modalRender={(node) => (
        <div onKeyDown={onKeyDown} {...compositionHandlers}>
          {node}
        </div>
      )}
      footer={
        <Space>
          {extraFooter}
          <FormButtons frame={props} cancel={cancel} />
        </Space>
      }
    >
      <div ref={body}>
        <FormBody error={error}>{children}</FormBody>
      </div>
    </Modal>
  );
}
