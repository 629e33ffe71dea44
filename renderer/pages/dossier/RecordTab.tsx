/**
 * One dossier tab for a kind of record the person has (在查事项, 澄清正名, 暖心回访): a 登记
 * button, the list with 修改/删除, and the form dialog. What differs between the kinds —
 * channels, columns, form fields, texts — is declared in recordKinds.tsx; this is the
 * behaviour they share.
 */
import { App, Button, Form, Row, type FormInstance } from 'antd';
import type { TableProps } from 'antd';
import { useState, type ComponentType } from 'react';
import type { z } from 'zod';
import type { Channel } from '../../../core/api';
import { useApiMutation } from '../../api/hooks';
import { FormModal } from '../../components/FormModal';
import { useCan } from '../../lib/permissions';
import { parseForm, showServerError } from '../../lib/zodForm';
import { RecordTable } from './RecordTable';

const FIX_MARKED = '请按提示修改标红的项目后再保存。';

/** A kind of dossier record, for RecordTab. `Ctx` is what its form picks from (the person's sanctions, matters). */
export interface RecordKind<T extends { id: string; rev: number }, Ctx> {
  /** The record's name in titles: 登记{noun} · 姓名. */
  noun: string;
  /** The form's name (field ids are `${formName}_${field}`; e2e finds fields by label). */
  formName: string;
  create: Channel;
  update: Channel;
  remove: Channel;
  /** The create channel's input schema: the form is checked against it before it is sent. */
  schema: z.ZodObject<z.ZodRawShape>;
  fields: readonly string[];
  saved: { created: string; updated: string };
  addLabel: string;
  /** Why 登记 is not possible now (the button is then disabled with this as its tip). */
  cannotAdd?: (ctx: Ctx) => string | null;
  emptyText: string;
  columns: NonNullable<TableProps<T>['columns']>;
  deleteTitle: (row: T) => string;
  deleteContent?: (row: T) => string;
  deletedMessage?: string;
  initialValues: (record: T | null, ctx: Ctx) => object;
  Fields: ComponentType<{ form: FormInstance; ctx: Ctx }>;
  /** A field that clears others (e.g. 在办 clears the closing date). */
  onValuesChange?: (changed: Record<string, unknown>, form: FormInstance) => void;
}

export function RecordTab<T extends { id: string; rev: number }, Ctx>({
  kind,
  personId,
  personName,
  records,
  ctx,
}: {
  kind: RecordKind<T, Ctx>;
  personId: string;
  personName: string;
  records: T[];
  ctx: Ctx;
}) {
  const can = useCan();
  const [editing, setEditing] = useState<{ key: number; record: T | null } | null>(null);
  const remove = useApiMutation(kind.remove);
  const blocked = kind.cannotAdd?.(ctx) ?? null;
  return (
    <div>
      {can(kind.create) ? (
        <Button
          type="primary"
          style={{ marginBottom: 12 }}
          disabled={!!blocked}
          title={blocked ?? undefined}
          onClick={() => setEditing({ key: Date.now(), record: null })}
        >
          {kind.addLabel}
        </Button>
      ) : null}
      <RecordTable<T>
        rows={records}
        mayEdit={can(kind.update)}
        emptyText={kind.emptyText}
        onEdit={(record) => setEditing({ key: Date.now(), record })}
        // The id comes from the listed row; the server checks it like any input.
        onDelete={(r) => remove.mutateAsync({ id: r.id } as never)}
        deleteTitle={kind.deleteTitle}
        deleteContent={kind.deleteContent}
        deletedMessage={kind.deletedMessage}
        columns={kind.columns}
      />
      {editing ? (
        <RecordFormModal
          key={editing.key}
          kind={kind}
          personId={personId}
          personName={personName}
          record={editing.record}
          ctx={ctx}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}

function RecordFormModal<T extends { id: string; rev: number }, Ctx>({
  kind,
  personId,
  personName,
  record,
  ctx,
  onClose,
}: {
  kind: RecordKind<T, Ctx>;
  personId: string;
  personName: string;
  record: T | null;
  ctx: Ctx;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const create = useApiMutation(kind.create);
  const update = useApiMutation(kind.update);
  const save = async (raw: Record<string, unknown>) => {
    setError(null);
    const input = parseForm(form, kind.schema, { ...raw, personId }, kind.fields);
    if (!input) return setError(FIX_MARKED);
    try {
      // Checked against the kind's schema just above; the server checks it again.
      if (record) await update.mutateAsync({ ...input, id: record.id, rev: record.rev } as never);
      else await create.mutateAsync(input as never);
      message.success(record ? kind.saved.updated : kind.saved.created);
      onClose();
    } catch (e) {
      setError(showServerError(form, e, kind.fields));
    }
  };
  const { Fields } = kind;
  return (
    <FormModal
      open
      title={`${record ? '修改' : '登记'}${kind.noun} · ${personName}`}
      form={form}
      onCancel={onClose}
      saving={create.isPending || update.isPending}
      error={error}
      width={640}
    >
      <Form
        name={kind.formName}
        form={form}
        layout="vertical"
        validateTrigger="onBlur"
        initialValues={kind.initialValues(record, ctx)}
        preserve={false}
        autoComplete="off"
        onFinish={save}
        onFinishFailed={() => setError(FIX_MARKED)}
        onValuesChange={kind.onValuesChange ? (changed: Record<string, unknown>) => kind.onValuesChange?.(changed, form) : undefined}
      >
        <Row gutter={16}>
          <Fields form={form} ctx={ctx} />
        </Row>
      </Form>
    </FormModal>
  );
}
