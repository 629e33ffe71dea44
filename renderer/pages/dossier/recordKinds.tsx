/**
 * The dossier's record tabs as data: for 在查事项, 澄清正名 and 暖心回访, which channels,
 * columns, form fields and texts. RecordTab.tsx draws any of them.
 */
import { AutoComplete, Col, Form, Input, Select, Tag, Typography, type FormInstance } from 'antd';
import { CLEARANCE_FORMS, clearancesCreateInput, type Clearance } from '../../../core/clearances/contract';
import {
  PENDING_EVENT_LABELS,
  PENDING_KINDS,
  PENDING_KIND_LABELS,
  PENDING_STATUSES,
  pendingCreateInput,
  type PendingMatter,
} from '../../../core/pendingMatters/contract';
import { revisitsCreateInput, type Revisit } from '../../../core/revisits/contract';
import type { Sanction } from '../../../core/sanctions/contract';
import { CATEGORY_LABELS } from '../../../core/sanctions/kinds';
import { DateInput } from '../../components/DateInput';
import { formatDate } from '../../lib/format';
import { zodRule } from '../../lib/zodForm';
import type { RecordKind } from './RecordTab';

const dateColumn = (title: string, dataIndex: string) => ({
  title,
  dataIndex,
  key: dataIndex,
  width: 140,
  render: (v: string) => formatDate(v),
});

// ---- 在查事项 -------------------------------------------------------------------------

const pending = pendingCreateInput.shape;
const SOURCES = ['信访举报', '上级交办', '巡视巡察移交', '审计移交', '监督检查发现', '案件审查发现', '其他'];

function PendingFields({ form }: { form: FormInstance }) {
  const status = Form.useWatch<PendingMatter['status'] | undefined>('status', form);
  return (
    <>
      <Col span={12}>
        <Form.Item label="事项类别" name="kind" rules={[zodRule(pending.kind)]}>
          <Select placeholder="请选择" options={PENDING_KINDS.map((k) => ({ value: k, label: PENDING_KIND_LABELS[k] }))} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label="来源" name="source" rules={[zodRule(pending.source)]}>
          <AutoComplete options={SOURCES.map((s) => ({ value: s }))} placeholder="如 信访举报、巡察移交" maxLength={60} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label="受理日期" name="receivedDate" rules={[zodRule(pending.receivedDate)]}>
          <DateInput />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label="状态" name="status" rules={[zodRule(pending.status)]}>
          <Select options={PENDING_STATUSES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label="反映的主要问题" name="summary" rules={[zodRule(pending.summary)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
      </Col>
      {status === '已办结' ? (
        <>
          <Col span={12}>
            <Form.Item label="办结日期" name="closedDate" rules={[zodRule(pending.closedDate)]}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="办结结果" name="closingResult" rules={[zodRule(pending.closingResult)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} placeholder="如 了结、予以澄清、给予诫勉" />
            </Form.Item>
          </Col>
        </>
      ) : null}
    </>
  );
}

export const PENDING_KIND: RecordKind<PendingMatter, null> = {
  noun: '在查事项',
  formName: 'pending',
  create: 'pendingMatters.create',
  update: 'pendingMatters.update',
  remove: 'pendingMatters.delete',
  schema: pendingCreateInput,
  fields: ['kind', 'source', 'receivedDate', 'summary', 'status', 'closedDate', 'closingResult'],
  saved: { created: '在查事项已登记', updated: '在查事项已保存' },
  addLabel: '登记在查事项',
  emptyText: '没有在查事项',
  columns: [
    { title: '类别', dataIndex: 'kind', key: 'kind', width: 130, render: (k: PendingMatter['kind']) => PENDING_KIND_LABELS[k] },
    { title: '来源', dataIndex: 'source', key: 'source', width: 130 },
    { ...dateColumn('受理日期', 'receivedDate'), width: 130 },
    { title: '主要问题', dataIndex: 'summary', key: 'summary', ellipsis: true },
    {
      title: '办理经过',
      key: 'history',
      width: 200,
      render: (_v, m) => (
        <div data-testid="pending-history" style={{ fontSize: 12 }}>
          {m.history.map((e, i) => (
            <div key={i}>
              {formatDate(e.date)} {PENDING_EVENT_LABELS[e.kind]}
            </div>
          ))}
        </div>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (v: PendingMatter['status']) => <Tag color={v === '在办' ? 'orange' : 'default'}>{v}</Tag>,
    },
    {
      title: '办结日期/结果',
      key: 'closed',
      width: 200,
      render: (_v, m) =>
        m.status === '已办结' ? (
          <div>
            <div>{formatDate(m.closedDate)}</div>
            <Typography.Text type="secondary">{m.closingResult}</Typography.Text>
          </div>
        ) : null,
    },
  ],
  deleteTitle: (m) => `删除这条${PENDING_KIND_LABELS[m.kind]}？`,
  // 在查事项 are deleted for good (they are not in the 回收站).
  deleteContent: (m) => `${formatDate(m.receivedDate)}受理。删除后不再参与廉政意见核查。`,
  deletedMessage: '在查事项已删除',
  initialValues: (m) => m ?? { status: '在办' },
  Fields: PendingFields,
  onValuesChange: (changed, form) => {
    if (changed.status === '在办') form.setFieldsValue({ closedDate: null, closingResult: null });
  },
};

// ---- 澄清正名 -------------------------------------------------------------------------

const clearance = clearancesCreateInput.shape;

function ClearanceFields({ ctx: matters }: { ctx: PendingMatter[] }) {
  return (
    <>
      <Col span={12}>
        <Form.Item label="澄清日期" name="clearDate" rules={[zodRule(clearance.clearDate)]}>
          <DateInput />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label="澄清方式" name="form" rules={[zodRule(clearance.form)]}>
          <Select placeholder="请选择" options={CLEARANCE_FORMS.map((f) => ({ value: f, label: f }))} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label="所澄清的事项" name="pendingMatterId" extra="经核查反映不实的信访举报或问题线索">
          <Select
            allowClear
            placeholder="请选择（可不选）"
            options={matters.map((m) => ({
              value: m.id,
              label: `${PENDING_KIND_LABELS[m.kind]}（${formatDate(m.receivedDate)}受理）${m.summary ? `：${m.summary.slice(0, 30)}` : ''}`,
            }))}
          />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label="澄清范围（告知单位）" name="unitInformed" rules={[zodRule(clearance.unitInformed)]}>
          <Input maxLength={100} placeholder="如 市财政局党组" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label="备注" name="notes" rules={[zodRule(clearance.notes)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
      </Col>
    </>
  );
}

/** 澄清正名: when, how (会议/书面/通报), which matter it closes (one of the person's 在查事项), which unit was told. */
export const CLEARANCE_KIND: RecordKind<Clearance, PendingMatter[]> = {
  noun: '澄清正名',
  formName: 'clearance',
  create: 'clearances.create',
  update: 'clearances.update',
  remove: 'clearances.delete',
  schema: clearancesCreateInput,
  fields: ['pendingMatterId', 'clearDate', 'form', 'unitInformed', 'notes'],
  saved: { created: '澄清正名已登记', updated: '澄清正名记录已保存' },
  addLabel: '登记澄清正名',
  emptyText: '没有澄清正名记录',
  columns: [
    dateColumn('澄清日期', 'clearDate'),
    { title: '方式', dataIndex: 'form', key: 'form', width: 80 },
    { title: '所澄清的事项', dataIndex: 'matterLabel', key: 'matter', width: 220 },
    { title: '告知单位', dataIndex: 'unitInformed', key: 'unitInformed' },
    { title: '备注', dataIndex: 'notes', key: 'notes', ellipsis: true },
  ],
  deleteTitle: (r) => `删除${formatDate(r.clearDate)}的澄清正名记录？`,
  initialValues: (r) => r ?? {},
  Fields: ClearanceFields,
};

// ---- 暖心回访 -------------------------------------------------------------------------

const revisit = revisitsCreateInput.shape;

function RevisitFields({ ctx: sanctions }: { ctx: Sanction[] }) {
  return (
    <>
      <Col span={24}>
        <Form.Item label="跟进的处分" name="sanctionId" rules={[zodRule(revisit.sanctionId)]}>
          <Select
            placeholder="请选择"
            options={sanctions.map((s) => ({
              value: s.id,
              label: `${CATEGORY_LABELS[s.category]}·${s.type}（${formatDate(s.decisionDate)}决定）`,
            }))}
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label="回访日期" name="visitDate" rules={[zodRule(revisit.visitDate)]}>
          <DateInput />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label="回访人" name="visitors" rules={[zodRule(revisit.visitors)]}>
          <Input maxLength={60} placeholder="如 案管室张某、李某" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label="回访情况" name="notes" rules={[zodRule(revisit.notes)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} placeholder="思想状况、工作表现、意见建议等" />
        </Form.Item>
      </Col>
    </>
  );
}

/** 暖心回访 of a sanctioned person; ctx: the sanctions a visit may follow up (not the 已撤销 ones). */
export const REVISIT_KIND: RecordKind<Revisit, Sanction[]> = {
  noun: '暖心回访',
  formName: 'revisit',
  create: 'revisits.create',
  update: 'revisits.update',
  remove: 'revisits.delete',
  schema: revisitsCreateInput,
  fields: ['sanctionId', 'visitDate', 'visitors', 'notes'],
  saved: { created: '暖心回访已登记', updated: '回访记录已保存' },
  addLabel: '登记暖心回访',
  cannotAdd: (sanctions) => (sanctions.length ? null : '该人员没有处分记录，无需回访'),
  emptyText: '没有暖心回访记录',
  columns: [
    dateColumn('回访日期', 'visitDate'),
    { title: '跟进的处分', dataIndex: 'sanctionLabel', key: 'sanction', width: 260 },
    { title: '回访人', dataIndex: 'visitors', key: 'visitors', width: 160 },
    { title: '回访情况', dataIndex: 'notes', key: 'notes', ellipsis: true },
  ],
  deleteTitle: (r) => `删除${formatDate(r.visitDate)}的回访记录？`,
  initialValues: (r, sanctions) => r ?? (sanctions.length === 1 ? { sanctionId: sanctions[0]!.id } : {}),
  Fields: RevisitFields,
};

/** The sanctions a 暖心回访 may follow up. */
export const visitableSanctions = (sanctions: Sanction[]) => sanctions.filter((s) => s.status !== '已撤销');
