/**
 * The 逐人意见 table's columns. Each editable column shows the saved value when the reply
 * is not editable, or a field bound to the item's draft (useReplyDrafts) when it is.
 */
import { Button, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { CONCLUSIONS, CONCLUSION_LABELS, type Conclusion, type Purpose, type ReplyItem } from '../../../core/opinions/contract';
import { formatBirthMonth } from '../../lib/format';
import { personDossierPath } from '../../lib/links';
import { ConclusionTag } from './labels';
import { isDirty, standardWording, type ItemDraft } from './replyDrafts';
import type { ReplyDrafts } from './useReplyDrafts';

type Column = NonNullable<TableProps<ReplyItem>['columns']>[number];
type TextField = 'wording' | 'overrideReason' | 'remark';

/** A field with its message under it (the draft's error for that field). */
function Field({ error, children }: { error: string | undefined; children: ReactNode }) {
  return (
    <Form.Item validateStatus={error ? 'error' : undefined} help={error} style={{ marginBottom: 0 }}>
      {children}
    </Form.Item>
  );
}

function personColumn(): Column {
  return {
    title: '姓名',
    key: 'person',
    width: 170,
    render: (_v, i: ReplyItem) => (
      <div>
        <Link to={personDossierPath(i.person.id)}>{i.person.name}</Link>
        {i.person.homonymCount > 0 ? (
          <Tag color="orange" style={{ marginInlineStart: 4 }}>
            同名
          </Tag>
        ) : null}
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[i.person.unitPath ?? i.person.unitName, i.person.position].filter(Boolean).join('　')}
          </Typography.Text>
        </div>
        {i.person.birthMonth ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatBirthMonth(i.person.birthMonth)}生
          </Typography.Text>
        ) : null}
      </div>
    ),
  };
}

function conclusionColumn(drafts: ReplyDrafts | null, purpose: Purpose): Column {
  return {
    title: '结论',
    key: 'category',
    width: 130,
    render: (_v, i: ReplyItem) =>
      drafts ? (
        <Select<Conclusion>
          aria-label={`${i.person.name}的结论`}
          value={drafts.draft(i).category}
          style={{ width: 118 }}
          options={CONCLUSIONS.map((c) => ({ value: c, label: CONCLUSION_LABELS[c] }))}
          onChange={(c) => {
            const d = drafts.draft(i);
            // A category change brings its standard wording, unless the clerk wrote their own.
            drafts.setDraft(i, { category: c, errors: {}, ...(d.wordingEdited ? {} : { wording: standardWording(c, purpose, i) }) });
          }}
        />
      ) : (
        <ConclusionTag category={i.category} />
      ),
  };
}

/** A text column: the saved text, or its field (`input` draws it from the draft and a change handler). */
function textColumn(
  drafts: ReplyDrafts | null,
  spec: {
    field: TextField;
    title: string;
    width?: number;
    readOnly: (i: ReplyItem) => ReactNode;
    /** Shown instead of the field when the field does not apply. */
    notApplicable?: (i: ReplyItem, d: ItemDraft) => ReactNode | null;
    input: (i: ReplyItem, d: ItemDraft, change: (value: string) => void) => ReactNode;
    /** What else a change sets on the draft. */
    onChange?: (d: ItemDraft) => Partial<ItemDraft>;
  },
): Column {
  return {
    title: spec.title,
    key: spec.field,
    ...(spec.width ? { width: spec.width } : {}),
    render: (_v, i: ReplyItem) => {
      if (!drafts) return spec.readOnly(i);
      const d = drafts.draft(i);
      const na = spec.notApplicable?.(i, d);
      if (na) return na;
      const change = (value: string) => drafts.setDraft(i, { [spec.field]: value, ...spec.onChange?.(d) });
      return <Field error={d.errors[spec.field]}>{spec.input(i, d, change)}</Field>;
    },
  };
}

function actionsColumn(drafts: ReplyDrafts): Column {
  return {
    title: '操作',
    key: 'actions',
    width: 96,
    render: (_v, i: ReplyItem) => {
      const d = drafts.touched(i.id);
      const dirty = !!d && isDirty(i, d);
      return (
        <Space orientation="vertical" size={0}>
          <Button type="link" size="small" disabled={!dirty} loading={drafts.isSaving(i.id)} onClick={() => void drafts.save([i.id])}>
            保存
          </Button>
          {dirty ? (
            <Button type="link" size="small" onClick={() => drafts.discard(i.id)}>
              撤销修改
            </Button>
          ) : null}
          {d?.errors._ ? <Typography.Text type="danger">{d.errors._}</Typography.Text> : null}
        </Space>
      );
    },
  };
}

/** The columns; `drafts` is null when the reply is shown read-only. */
export function replyColumns(drafts: ReplyDrafts | null, purpose: Purpose): Column[] {
  const clearError = (field: TextField) => (d: ItemDraft) => ({ errors: { ...d.errors, [field]: '' } });
  return [
    { title: '序号', dataIndex: 'lineNo', key: 'lineNo', width: 56 },
    personColumn(),
    { title: '系统建议', key: 'proposed', width: 96, render: (_v, i: ReplyItem) => <ConclusionTag category={i.proposedCategory} /> },
    conclusionColumn(drafts, purpose),
    textColumn(drafts, {
      field: 'wording',
      title: '意见',
      readOnly: (i) => <span data-testid="wording">{i.wording}</span>,
      input: (i, d, change) => (
        <Input.TextArea
          aria-label={`${i.person.name}的意见`}
          value={d.wording}
          autoSize={{ minRows: 1, maxRows: 5 }}
          maxLength={500}
          onChange={(e) => change(e.target.value)}
        />
      ),
      onChange: (d) => ({ wordingEdited: true, ...clearError('wording')(d) }),
    }),
    textColumn(drafts, {
      field: 'overrideReason',
      title: '改变理由',
      width: 180,
      readOnly: (i) => i.overrideReason ?? '',
      // Only a changed conclusion needs a reason.
      notApplicable: (i, d) => (d.category === i.proposedCategory ? <Typography.Text type="secondary">—</Typography.Text> : null),
      input: (i, d, change) => (
        <Input.TextArea
          aria-label={`${i.person.name}的改变理由`}
          value={d.overrideReason}
          placeholder="改变系统建议须填写理由"
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={500}
          onChange={(e) => change(e.target.value)}
        />
      ),
      onChange: clearError('overrideReason'),
    }),
    textColumn(drafts, {
      field: 'remark',
      title: '备注',
      width: 140,
      readOnly: (i) => i.remark ?? '',
      input: (i, d, change) => (
        <Input aria-label={`${i.person.name}的备注`} value={d.remark} maxLength={200} onChange={(e) => change(e.target.value)} />
      ),
    }),
    ...(drafts ? [actionsColumn(drafts)] : []),
  ];
}
