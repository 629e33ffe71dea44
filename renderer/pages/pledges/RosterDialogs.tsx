/**
 * Dialogs of a campaign's roster: 批量登记 (a meeting: same date and method for the
 * selected people), 履诺核查 (date and result), and the scan viewer (image shown here, PDF
 * opened or saved through a blob URL).
 */
import { Alert, App, Button, Checkbox, Empty, Form, Input, Modal, Radio, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import {
  COPY_HOLDERS,
  SIGN_METHODS,
  rosterBreachInput,
  rosterBulkSignoffInput,
  type CampaignDetail,
  type RosterEntry,
} from '../../../core/pledges/contract';
import { errorMessage } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { shellKind } from '../../api/transport';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { cnDate, todayIso } from '../../lib/dates';
import { base64ToBlob, saveBlob } from '../../lib/files';
import { freshPerOpening } from '../../lib/freshPerOpening';
import { parseForm, showServerError, zodRule } from '../../lib/zodForm';

// ---- 批量登记

interface BulkValues {
  signedDate: string | null;
  signMethod: (typeof SIGN_METHODS)[number];
  copies: (typeof COPY_HOLDERS)[number][];
}

export interface BulkSignoffModalProps {
  open: boolean;
  campaign: CampaignDetail;
  entries: RosterEntry[];
  onClose: () => void;
  onDone?: (count: number) => void;
}

export const BulkSignoffModal = freshPerOpening(function BulkSignoffDialog({
  open,
  campaign,
  entries,
  onClose,
  onDone,
}: BulkSignoffModalProps) {
  const [form] = Form.useForm<BulkValues>();
  const [error, setError] = useState<string | null>(null);
  const bulk = useApiMutation('pledgeRoster.bulkSignoff');
  const already = entries.filter((e) => e.signed).length;

  const save = async (raw: BulkValues) => {
    setError(null);
    const input = parseForm(form, rosterBulkSignoffInput, { ...raw, campaignId: campaign.id, rosterIds: entries.map((e) => e.id) }, [
      'signedDate',
      'signMethod',
      'copies',
    ]);
    if (!input) return;
    try {
      await bulk.mutateAsync(input);
      onDone?.(entries.length);
      onClose();
    } catch (e) {
      setError(showServerError(form, e, ['signedDate', 'signMethod', 'copies']));
    }
  };

  return (
    <FormModal
      open={open}
      title={`批量登记签订（${entries.length}人）`}
      form={form}
      onCancel={onClose}
      saving={bulk.isPending}
      error={error}
      okText="登记"
    >
      <Typography.Paragraph>
        {entries
          .slice(0, 12)
          .map((e) => e.person.name)
          .join('、')}
        {entries.length > 12 ? `等${entries.length}人` : ''}按同一日期、方式登记为已签订。
        {already ? <Typography.Text type="warning">其中{already}人已登记过，将按本次填写的内容更新。</Typography.Text> : null}
      </Typography.Paragraph>
      <Form<BulkValues>
        form={form}
        component={false}
        layout="vertical"
        onFinish={save}
        initialValues={{ signedDate: null, signMethod: '集中', copies: ['本人', '纪委'] }}
        autoComplete="off"
      >
        <Form.Item
          label="签订日期"
          name="signedDate"
          required
          rules={[zodRule(rosterBulkSignoffInput.shape.signedDate, (v) => v ?? undefined)]}
        >
          <DateInput />
        </Form.Item>
        <Form.Item label="签订方式" name="signMethod">
          <Radio.Group options={SIGN_METHODS.map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        <Form.Item label="留存" name="copies">
          <Checkbox.Group options={COPY_HOLDERS.map((h) => ({ value: h, label: h }))} />
        </Form.Item>
      </Form>
    </FormModal>
  );
});

// ---- 履诺核查

interface BreachValues {
  checkedOn: string | null;
  result: string;
}

export const BreachCheckModal = freshPerOpening(function BreachCheckDialog({
  open,
  entry,
  onClose,
}: {
  open: boolean;
  entry: RosterEntry | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<BreachValues>();
  const [error, setError] = useState<string | null>(null);
  const check = useApiMutation('pledgeRoster.breachCheck');
  if (!entry) return null;

  const save = async (raw: BreachValues) => {
    setError(null);
    const input = parseForm(
      form,
      rosterBreachInput,
      { ...raw, checkedOn: raw.checkedOn ?? undefined, rosterId: entry.id, rev: entry.rev },
      ['checkedOn', 'result'],
    );
    if (!input) return;
    try {
      await check.mutateAsync(input);
      onClose();
    } catch (e) {
      setError(showServerError(form, e, ['checkedOn', 'result']));
    }
  };

  return (
    <FormModal open={open} title={`履诺核查：${entry.person.name}`} form={form} onCancel={onClose} saving={check.isPending} error={error}>
      <Typography.Paragraph type="secondary">签订日期：{cnDate(entry.signedDate)}</Typography.Paragraph>
      <Form<BreachValues>
        form={form}
        component={false}
        layout="vertical"
        onFinish={save}
        initialValues={{ checkedOn: entry.breachCheckedOn ?? todayIso(), result: entry.breachResult ?? '经核查，未发现违反承诺情况' }}
        autoComplete="off"
      >
        <Form.Item label="核查日期" name="checkedOn" required rules={[zodRule(rosterBreachInput.shape.checkedOn, (v) => v ?? undefined)]}>
          <DateInput />
        </Form.Item>
        <Form.Item label="核查结果" name="result" required rules={[zodRule(rosterBreachInput.shape.result)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
});

// ---- 扫描件

export function ScanViewer({ entry, canRemove, onClose }: { entry: RosterEntry; canRemove: boolean; onClose: () => void }) {
  const { modal, message } = App.useApp();
  const scan = useApiQuery('pledgeRoster.getScan', { rosterId: entry.id }, { staleTime: 0, gcTime: 0 });
  const remove = useApiMutation('pledgeRoster.removeScan');
  const data = scan.data;
  const isImage = !!data && data.mime.startsWith('image/');
  // A PDF gets a blob URL while the viewer is open.
  const pdfUrl = useMemo(
    () => (data?.mime === 'application/pdf' ? URL.createObjectURL(base64ToBlob(data.contentBase64, data.mime)) : null),
    [data],
  );
  useEffect(() => () => (pdfUrl ? URL.revokeObjectURL(pdfUrl) : undefined), [pdfUrl]);

  const confirmRemove = () =>
    modal.confirm({
      title: `删除${entry.person.name}的扫描件？`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await remove.mutateAsync({ rosterId: entry.id });
          message.success('扫描件已删除');
          onClose();
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  return (
    <Modal
      open
      title={`扫描件：${entry.person.name}${entry.scan ? `（${entry.scan.fileName}）` : ''}`}
      onCancel={onClose}
      width={isImage ? 860 : 520}
      footer={
        <Space>
          {data ? <Button onClick={() => saveBlob(base64ToBlob(data.contentBase64, data.mime), data.fileName)}>保存到本机</Button> : null}
          {canRemove && data ? (
            <Button danger onClick={confirmRemove}>
              删除扫描件
            </Button>
          ) : null}
          <Button type="primary" onClick={onClose}>
            关闭
          </Button>
        </Space>
      }
    >
      {scan.isLoading ? (
        <Spin tip="正在读取…">
          <div style={{ height: 160 }} />
        </Spin>
      ) : scan.error ? (
        <Alert type="error" showIcon title={scan.error.message} />
      ) : data && isImage ? (
        <div style={{ maxHeight: '70vh', overflow: 'auto', textAlign: 'center', background: '#f5f5f5' }}>
          <img
            src={`data:${data.mime};base64,${data.contentBase64}`}
            alt={`${entry.person.name}的承诺书扫描件`}
            style={{ maxWidth: '100%' }}
            data-testid="scan-image"
          />
        </div>
      ) : data && pdfUrl ? (
        <Space orientation="vertical">
          <Typography.Text>扫描件为 PDF 文件（{((entry.scan?.size ?? 0) / 1024).toFixed(0)}KB）。</Typography.Text>
          {shellKind() === 'browser' ? (
            <Button type="primary" onClick={() => window.open(pdfUrl, '_blank', 'noopener')}>
              在新窗口中打开
            </Button>
          ) : (
            <Typography.Text type="secondary">请点击“保存到本机”，再用 PDF 阅读器打开。</Typography.Text>
          )}
        </Space>
      ) : (
        <Empty description="没有扫描件" />
      )}
    </Modal>
  );
}
