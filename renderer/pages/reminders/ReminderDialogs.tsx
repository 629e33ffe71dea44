/**
 * Dialogs of a letter's page: 印发 (the signer, then a number), 作废 (a reason), and
 * 修改主送 (units and persons; the server refuses to drop an addressee that has signed
 * and says which — shown as is, nothing typed is lost).
 */
import { Alert, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { remindersCreateInput, remindersVoidInput, type ReminderDetail } from '../../../core/reminders/contract';
import { requiredText } from '../../../core/shared/fields';
import { useApiMutation } from '../../api/hooks';
import { FormModal } from '../../components/FormModal';
import { PersonMultiPicker, type PickedPerson } from '../../components/PersonMultiPicker';
import { UnitMultiSelect } from '../../components/UnitMultiSelect';
import { freshPerOpening } from '../../lib/freshPerOpening';
import { parseForm, showServerError, zodRule } from '../../lib/zodForm';

/** The letter's own fields, as reminderLetters.update wants them. */
export function letterFieldsOf(d: ReminderDetail) {
  return {
    title: d.title,
    kind: d.kind,
    occasion: d.occasion,
    year: d.year,
    letterDate: d.letterDate,
    periodFrom: d.periodFrom,
    periodTo: d.periodTo,
    keyPoints: d.keyPoints,
    body: d.body,
    attachments: d.attachments,
    copyTo: d.copyTo,
    signer: d.signer,
    deliveryMethod: d.deliveryMethod,
    feedbackDueDate: d.feedbackDueDate,
  };
}

interface DialogProps {
  open: boolean;
  letter: ReminderDetail;
  onClose: () => void;
  onDone?: (d: ReminderDetail) => void;
}

const signerRequired = requiredText('签发人', 20);

export const IssueModal = freshPerOpening(function IssueDialog({ open, letter, onClose, onDone }: DialogProps) {
  const [form] = Form.useForm<{ signer: string }>();
  const [error, setError] = useState<string | null>(null);
  const update = useApiMutation('reminderLetters.update');
  const issue = useApiMutation('reminderLetters.issue');
  const [rev, setRev] = useState(letter.rev);

  const save = async (raw: { signer: string }) => {
    setError(null);
    const parsed = signerRequired.safeParse(raw.signer ?? '');
    if (!parsed.success) {
      form.setFields([{ name: 'signer', errors: [parsed.error.issues[0]?.message ?? '请填写签发人'] }]);
      return;
    }
    try {
      let current = rev;
      if (parsed.data !== letter.signer) {
        const saved = await update.mutateAsync({ ...letterFieldsOf(letter), signer: parsed.data, id: letter.id, rev: current });
        current = saved.rev;
        setRev(current);
      }
      const issued = await issue.mutateAsync({ id: letter.id, rev: current });
      onDone?.(issued);
      onClose();
    } catch (e) {
      setError(showServerError(form, e, ['signer']));
    }
  };

  return (
    <FormModal
      open={open}
      title="印发提醒函"
      form={form}
      onCancel={onClose}
      saving={update.isPending || issue.isPending}
      error={error}
      okText="确认印发"
      confirmDiscard={false}
    >
      <Typography.Paragraph>
        《{letter.title}》将编发文号，印发后内容不能再修改（如有错误只能作废）。主送对象 {letter.addresseeCount} 个。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ signer: letter.signer ?? '' }} onFinish={save} autoComplete="off">
        <Form.Item label="签发人" name="signer" required rules={[zodRule(signerRequired)]}>
          <Input maxLength={20} />
        </Form.Item>
      </Form>
    </FormModal>
  );
});

export const VoidModal = freshPerOpening(function VoidDialog({ open, letter, onClose, onDone }: DialogProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const voidLetter = useApiMutation('reminderLetters.void');

  const save = async (raw: { reason: string }) => {
    setError(null);
    const input = parseForm(form, remindersVoidInput, { id: letter.id, rev: letter.rev, reason: raw.reason }, ['reason']);
    if (!input) return;
    try {
      onDone?.(await voidLetter.mutateAsync(input));
      onClose();
    } catch (e) {
      setError(showServerError(form, e, ['reason']));
    }
  };

  return (
    <FormModal open={open} title="作废提醒函" form={form} onCancel={onClose} saving={voidLetter.isPending} error={error} okText="确认作废">
      <Typography.Paragraph>
        {letter.docNumber ? `文号${letter.docNumber}将登记为作废，不再使用。` : '拟稿作废后不能再修改或印发。'}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={save} autoComplete="off">
        <Form.Item label="作废理由" name="reason" required rules={[zodRule(remindersVoidInput.shape.reason)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  );
});

interface AddresseeValues {
  unitIds: string[];
  persons: PickedPerson[];
}

export const AddresseesModal = freshPerOpening(function AddresseesDialog({ open, letter, onClose, onDone }: DialogProps) {
  const [form] = Form.useForm<AddresseeValues>();
  const [error, setError] = useState<string | null>(null);
  const setAddressees = useApiMutation('reminderLetters.setAddressees');

  const save = async (raw: AddresseeValues) => {
    setError(null);
    try {
      onDone?.(
        await setAddressees.mutateAsync({ id: letter.id, unitIds: raw.unitIds ?? [], personIds: (raw.persons ?? []).map((p) => p.id) }),
      );
      onClose();
    } catch (e) {
      setError(showServerError(form, e, ['unitIds']));
    }
  };

  return (
    <FormModal open={open} title="修改主送对象" form={form} onCancel={onClose} saving={setAddressees.isPending} error={error} width={720}>
      {letter.status === 'issued' ? (
        <Alert type="info" showIcon title="提醒函已印发：可增加主送对象；已签收的对象不能移除。" style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{
          unitIds: letter.addressees.flatMap((a) => (a.unitId ? [a.unitId] : [])),
          persons: letter.addressees.flatMap((a) => (a.personId ? [{ id: a.personId, label: a.name }] : [])),
        }}
      >
        <Form.Item label="主送单位" name="unitIds" rules={[zodRule(remindersCreateInput.def.right.shape.unitIds)]}>
          <UnitMultiSelect />
        </Form.Item>
        <Form.Item label="主送人员" name="persons">
          <PersonMultiPicker />
        </Form.Item>
      </Form>
    </FormModal>
  );
});
