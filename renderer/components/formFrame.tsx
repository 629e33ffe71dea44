/**
 * What FormModal and FormDrawer share: their props, the 取消 / 保存 buttons and the server's
 * message above the form. The keyboard rules are useFormKeys.
 */
import { Alert, Button, type FormInstance } from 'antd';
import type { ReactNode } from 'react';

export interface FormFrameProps {
  open: boolean;
  title: ReactNode;
  form: FormInstance;
  onCancel: () => void;
  saving?: boolean;
  /** Shown above the form (a server message). */
  error?: ReactNode;
  okText?: string;
  width?: number;
  /** The content is still loading (no Enter-to-save yet). */
  loading?: boolean;
  children: ReactNode;
}

/** 取消 (the frame's cancel, which asks first if something was typed) and 保存 (submits the form). */
export function FormButtons({ frame, cancel }: { frame: FormFrameProps; cancel: () => void }) {
  const { form, saving, loading, okText = '保存' } = frame;
  return (
    <>
      <Button onClick={cancel} disabled={saving}>
        取消
      </Button>
      <Button type="primary" loading={!!saving} disabled={loading} onClick={() => form.submit()}>
        {okText}
      </Button>
    </>
  );
}

/** The form's body: a failed save's message above the fields, everything typed kept. */
export function FormBody({ error, children }: Pick<FormFrameProps, 'error' | 'children'>) {
  return (
    <>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      {children}
    </>
  );
}
