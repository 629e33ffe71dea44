/**
 * A side drawer holding a form, with the same keyboard rules as FormModal:
 * Enter in a one-line text field saves (not while an IME composition is active, not in a
 * dropdown or date picker), Esc cancels (asking first if something was typed), and a
 * failed save shows the message above the form and keeps everything typed.
 */
import { Drawer, Space } from 'antd';
import { FormBody, FormButtons, type FormFrameProps } from './formFrame';
import { useFormKeys } from './useFormKeys';

export type FormDrawerProps = FormFrameProps;

export function FormDrawer(props: FormDrawerProps) {
  const { open, title, width = 620, error, children } = props;
  const { body, cancel, onKeyDown, afterOpenChange, compositionHandlers } = useFormKeys(props);

  return (
    <Drawer
      open={open}
      title={title}
      size={width}
      keyboard={false}
      destroyOnHidden
      onClose={cancel}
      afterOpenChange={afterOpenChange}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <FormButtons frame={props} cancel={cancel} />
        </Space>
      }
    >
      <div ref={body} onKeyDown={onKeyDown} {...compositionHandlers}>
        <FormBody error={error}>{children}</FormBody>
      </div>
    </Drawer>
  );
}
