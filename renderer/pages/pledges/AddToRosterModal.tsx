/**
 * 加入名单: by unit (everyone in the chosen units and their sub-units), by person
 * (PersonPicker), or from an .xlsx/.csv list — matched against 人员库 by the same import as
 * 征求意见 (opinionRequests.importFile); same-name lines are resolved here, lines without a
 * match are listed. People already on the roster are skipped and named back.
 */
import { Alert, App, Button, Modal, Radio, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import type { MatchedLine } from '../../../core/opinions/contract';
import type { CampaignDetail } from '../../../core/pledges/contract';
import { call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useApiMutation } from '../../api/hooks';
import { PersonMultiPicker, type PickedPerson } from '../../components/PersonMultiPicker';
import { personDistinguisher } from '../../components/PersonPicker';
import { UnitMultiSelect } from '../../components/UnitMultiSelect';
import { fileToBase64 } from '../../lib/files';
import { freshPerOpening } from '../../lib/freshPerOpening';

const MAX_IMPORT_BYTES = 15 * 1024 * 1024;

type Mode = 'units' | 'persons' | 'import';

export interface AddToRosterModalProps {
  open: boolean;
  campaign: CampaignDetail;
  onClose: () => void;
}

export const AddToRosterModal = freshPerOpening(AddToRosterDialog);

function AddToRosterDialog({ open, campaign, onClose }: AddToRosterModalProps) {
  const { modal, message } = App.useApp();
  const add = useApiMutation('pledgeRoster.add');
  const [mode, setMode] = useState<Mode>('units');
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [persons, setPersons] = useState<PickedPerson[]>([]);
  const [imported, setImported] = useState<{ fileName: string; lines: MatchedLine[] } | null>(null);
  /** Same-name lines: the candidate the clerk picked, by line number. */
  const [picked, setPicked] = useState<Record<number, string>>({});
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const importedIds = imported
    ? [
        ...new Set(
          imported.lines.flatMap((l) =>
            l.status === 'matched' && l.personId ? [l.personId] : picked[l.lineNo] ? [picked[l.lineNo]!] : [],
          ),
        ),
      ]
    : [];
  const unmatched = imported ? imported.lines.filter((l) => l.status !== 'matched' && !picked[l.lineNo]) : [];

  const importFile = async (file: File) => {
    setError(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setError(`“${file.name}”太大（最大15MB）。`);
      return;
    }
    setImporting(true);
    try {
      const lines = await call('opinionRequests.importFile', { fileName: file.name, contentBase64: await fileToBase64(file) });
      setImported({ fileName: file.name, lines });
      setPicked({});
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setImporting(false);
    }
  };

  const ready = mode === 'units' ? unitIds.length > 0 : mode === 'persons' ? persons.length > 0 : importedIds.length > 0;

  const save = async () => {
    setError(null);
    const input =
      mode === 'units'
        ? { campaignId: campaign.id, unitIds }
        : { campaignId: campaign.id, personIds: mode === 'persons' ? persons.map((p) => p.id) : importedIds };
    try {
      const result = await add.mutateAsync(input);
      onClose();
      if (result.alreadyIn.length) {
        modal.info({
          title: `已加入${result.added}人`,
          content: <div data-testid="already-in">以下人员已在名单中：{result.alreadyIn.join('、')}</div>,
          okText: '知道了',
        });
      } else message.success(`已加入${result.added}人`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const lineColumns: TableProps<MatchedLine>['columns'] = [
    { title: '行', dataIndex: 'lineNo', key: 'lineNo', width: 50 },
    { title: '名单所列', dataIndex: 'raw', key: 'raw', width: 200 },
    {
      title: '情况',
      key: 'state',
      render: (_v, l) =>
        l.status === 'ambiguous' && l.candidates.length ? (
          <Space orientation="vertical" size={2}>
            <Typography.Text type="warning">{l.message ?? '人员库中有同名人员，请选定'}</Typography.Text>
            <Radio.Group
              aria-label={`第${l.lineNo}行的候选人员`}
              value={picked[l.lineNo] ?? null}
              onChange={(e) => setPicked((p) => ({ ...p, [l.lineNo]: e.target.value as string }))}
            >
              <Space orientation="vertical" size={2}>
                {l.candidates.map((c) => (
                  <Radio key={c.id} value={c.id}>
                    {c.name}
                    {'\u3000'}
                    {personDistinguisher(c)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Space>
        ) : (
          <Typography.Text type="danger">{l.message ?? '人员库中没有此人'}</Typography.Text>
        ),
    },
  ];

  return (
    <Modal
      open={open}
      title={`加入名单：${campaign.title}`}
      width={760}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Space>
          <Button onClick={onClose} disabled={add.isPending}>
            取消
          </Button>
          <Button type="primary" onClick={() => void save()} loading={add.isPending} disabled={!ready}>
            {mode === 'import' && importedIds.length ? `加入${importedIds.length}人` : '加入名单'}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Tabs
        activeKey={mode}
        onChange={(k) => setMode(k as Mode)}
        items={[
          {
            key: 'units',
            label: '按单位',
            children: (
              <div>
                <UnitMultiSelect aria-label="选择单位" value={unitIds} onChange={setUnitIds} />
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                  所选单位及其下级单位的全部在册人员都会加入名单。
                </Typography.Paragraph>
              </div>
            ),
          },
          {
            key: 'persons',
            label: '按人员',
            children: <PersonMultiPicker aria-label="选择人员" value={persons} onChange={setPersons} />,
          },
          {
            key: 'import',
            label: '导入名单',
            children: (
              <div>
                <Space wrap>
                  <Upload
                    accept=".xlsx,.csv"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void importFile(file);
                      return false;
                    }}
                  >
                    <Button loading={importing}>选择 Excel / CSV 文件</Button>
                  </Upload>
                  <Typography.Text type="secondary">每行一人：姓名 单位 职务（表头会自动识别）</Typography.Text>
                </Space>
                {imported ? (
                  <div style={{ marginTop: 12 }} data-testid="import-result">
                    <Space wrap style={{ marginBottom: 8 }}>
                      <Typography.Text>
                        “{imported.fileName}”共{imported.lines.length}行：
                      </Typography.Text>
                      <Tag color="green">可加入 {importedIds.length} 人</Tag>
                      {unmatched.length ? <Tag color="red">未匹配 {unmatched.length} 行</Tag> : null}
                    </Space>
                    {unmatched.length || imported.lines.some((l) => l.status === 'ambiguous') ? (
                      <Table<MatchedLine>
                        rowKey="lineNo"
                        size="small"
                        columns={lineColumns}
                        dataSource={imported.lines.filter((l) => l.status !== 'matched')}
                        pagination={false}
                        scroll={{ y: 320 }}
                      />
                    ) : null}
                  </div>
                ) : null}
              </div>
            ),
          },
        ]}
      />
    </Modal>
  );
}
