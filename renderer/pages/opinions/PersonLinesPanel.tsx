/**
 * The persons of a new request: add one by one (PersonPicker), paste a list (one
 * "姓名 单位 职务" per line) or import .xlsx/.csv (RequestListImport: column mapping and
 * row report first); every line is matched against 人员库
 * (opinionRequests.matchLines, 100 lines per call with a progress bar) and shown with
 * its state. Same-name lines are resolved by picking a candidate (姓名 + 单位 + 出生年月)
 * or creating a new person; unknown names by creating the person (prefilled) or
 * picking someone else.
 */
import { Alert, App, Button, Card, Flex, Input, Progress, Radio, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import type { MatchedLine } from '../../../core/opinions/contract';
import type { PersonListItem } from '../../../core/people/contract';
import { call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { base64ToBlob, saveBlob } from '../../lib/files';
import { PersonPicker, personDistinguisher } from '../../components/PersonPicker';
import { useUnits } from '../../lib/useUnits';
import { PersonFormModal } from '../people/PersonFormModal';
import {
  MATCH_CHUNK,
  fromMatched,
  fromPicked,
  guessUnit,
  isResolved,
  lineStates,
  splitLines,
  type LineState,
  type PersonLine,
} from './personLines';
import { RequestListImport } from './RequestListImport';

const STATE_TAGS: Record<LineState, { color: string; text: string }> = {
  matched: { color: 'green', text: '已匹配' },
  new: { color: 'cyan', text: '新增人员' },
  ambiguous: { color: 'orange', text: '同名待选' },
  unknown: { color: 'red', text: '人员库无此人' },
  invalid: { color: 'red', text: '无效' },
  duplicate: { color: 'red', text: '重复' },
};

export interface PersonLinesPanelProps {
  lines: PersonLine[];
  onChange: (update: (lines: PersonLine[]) => PersonLine[]) => void;
  /** A message about the list as a whole (e.g. the contract's "至少要有一名人员"). */
  error?: string | null;
}

export function PersonLinesPanel({ lines, onChange, error }: PersonLinesPanelProps) {
  const { message, modal } = App.useApp();
  const units = useUnits();
  const [paste, setPaste] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number; what: string } | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [filter, setFilter] = useState<'all' | 'todo'>('all');
  const [creating, setCreating] = useState<{ lineKey: string; defaults: Record<string, string | null> } | null>(null);
  const [pickerValue, setPickerValue] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  const states = useMemo(() => lineStates(lines), [lines]);
  const todo = lines.filter((l) => !isResolved(states.get(l.key)?.state));
  const shown = filter === 'todo' ? todo : lines;
  const nextLineNo = () => lines.reduce((m, l) => Math.max(m, l.lineNo), 0) + 1;

  const update = (key: string, patch: Partial<PersonLine>) => onChange((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const remove = (key: string) => onChange((all) => all.filter((l) => l.key !== key));
  const resolve = (key: string, p: PersonListItem, how: PersonLine['how']) => update(key, { personId: p.id, person: p, how });
  const append = (matched: MatchedLine[]) => onChange((all) => [...all, ...matched.map(fromMatched)]);

  const checkPaste = async () => {
    setListError(null);
    const raw = splitLines(paste);
    if (!raw.length) {
      setListError('请先粘贴人员名单，每行一人：姓名 单位 职务');
      return;
    }
    const first = nextLineNo();
    const out: MatchedLine[] = [];
    setProgress({ done: 0, total: raw.length, what: '正在核对名单' });
    try {
      for (let i = 0; i < raw.length; i += MATCH_CHUNK) {
        out.push(...(await call('opinionRequests.matchLines', { lines: raw.slice(i, i + MATCH_CHUNK), firstLineNo: first + i })));
        setProgress({ done: Math.min(i + MATCH_CHUNK, raw.length), total: raw.length, what: '正在核对名单' });
      }
      append(out);
      setPaste('');
      message.success(`已核对${out.length}行`);
    } catch (e) {
      // Nothing of this paste is added; the text stays for another try.
      setListError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };

  /** Rows of an imported file's report: numbered after the lines already on the list. */
  const addImported = (added: PersonLine[]) => {
    const first = nextLineNo();
    onChange((all) => [...all, ...added.map((l, i) => ({ ...l, lineNo: first + i }))]);
    message.success(`已加入${added.length}人；保存来函时写入`);
  };

  const downloadTemplate = async () => {
    try {
      const t = await call('imports.template', { kind: 'requestList' });
      saveBlob(base64ToBlob(t.contentBase64, t.mime), t.fileName);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const addPicked = (p: PersonListItem | null) => {
    setPickerValue(null);
    if (!p) return;
    const at = lines.findIndex((l) => l.personId === p.id);
    if (at >= 0) {
      message.warning(`${p.name}已在名单中（第${at + 1}人）`);
      return;
    }
    onChange((all) => [...all, fromPicked(p, nextLineNo())]);
  };

  const startCreate = (l: PersonLine) =>
    setCreating({
      lineKey: l.key,
      defaults: { name: l.name, unitId: guessUnit(l.unitText, units.units, units.paths), position: l.positionText },
    });

  // Clearing throws away every checked line and every same-name choice: ask first.
  const confirmClear = () =>
    modal.confirm({
      title: `清空名单中的${lines.length}人？`,
      content: '已核对的结果和同名人员的选定都会丢弃，需要重新粘贴或添加。',
      okText: '清空',
      okButtonProps: { danger: true },
      cancelText: '取消',
      autoFocusButton: 'cancel',
      onOk: () => onChange(() => []),
    });

  const removeBad = () => onChange((all) => all.filter((l) => !['invalid', 'duplicate'].includes(states.get(l.key)?.state ?? '')));
  const badCount = lines.filter((l) => ['invalid', 'duplicate'].includes(states.get(l.key)?.state ?? '')).length;

  const columns: TableProps<PersonLine>['columns'] = [
    { title: '序号', key: 'index', width: 64, render: (_v, l) => lines.indexOf(l) + 1 },
    {
      title: '来函所列',
      key: 'raw',
      width: 260,
      render: (_v, l) => (
        <div>
          <Typography.Text strong>{l.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[l.unitText, l.positionText].filter(Boolean).join('　') || (l.origin === 'added' ? '（逐个添加）' : '（来函未列单位职务）')}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: '核对结果',
      key: 'state',
      width: 120,
      render: (_v, l) => {
        const s = states.get(l.key)!;
        const tag = STATE_TAGS[s.state];
        return (
          <Space orientation="vertical" size={2}>
            <Tag color={tag.color} data-testid="line-state">
              {tag.text}
            </Tag>
            {s.state === 'matched' && l.how === 'picked' ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                已选定
              </Typography.Text>
            ) : null}
            {s.state === 'matched' && l.how === 'created' ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                已新增
              </Typography.Text>
            ) : null}
          </Space>
        );
      },
    },
    {
      title: '人员库中的人员 / 处理',
      key: 'resolve',
      render: (_v, l) => {
        const s = states.get(l.key)!;
        if (l.personId && l.person) {
          return (
            <Space orientation="vertical" size={2}>
              <span>
                {l.person.name}
                {'\u3000'}
                <Typography.Text type="secondary">{personDistinguisher(l.person)}</Typography.Text>
              </span>
              {s.state === 'duplicate' ? <Typography.Text type="danger">与第{s.duplicateOf}人是同一人，请移除本行</Typography.Text> : null}
              {l.message && l.how === 'auto' && !l.fromFile ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.message}
                </Typography.Text>
              ) : null}
              {l.fromFile?.expect === 'update' ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="line-update">
                  {l.fromFile.existing === 'update' ? '保存时按名单更新人员库的单位、职务' : '不改人员库'}
                </Typography.Text>
              ) : null}
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                onClick={() =>
                  update(l.key, {
                    personId: null,
                    person: null,
                    how: null,
                    status: l.candidates.length ? 'ambiguous' : 'unknown',
                    // another person now: the file's row (and its update choice) no longer applies
                    fromFile: undefined,
                  })
                }
              >
                改选
              </Button>
            </Space>
          );
        }
        if (s.state === 'new') {
          return <Typography.Text type="secondary">保存来函时新增人员{l.message ? `（${l.message}）` : ''}</Typography.Text>;
        }
        return (
          <Space orientation="vertical" size={6} style={{ width: '100%' }}>
            {l.message ? <Typography.Text type={s.state === 'ambiguous' ? 'warning' : 'danger'}>{l.message}</Typography.Text> : null}
            {l.candidates.length ? (
              <Radio.Group
                aria-label={`第${lines.indexOf(l) + 1}人的候选人员`}
                value={null}
                onChange={(e) => {
                  const p = l.candidates.find((c) => c.id === e.target.value);
                  if (p) resolve(l.key, p, 'picked');
                }}
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
            ) : null}
            <Space size={8} wrap>
              <Button size="small" danger={s.state === 'unknown'} onClick={() => startCreate(l)}>
                {l.candidates.length ? '新增为新人员' : '新增人员'}
              </Button>
              <PersonPicker
                aria-label={`为第${lines.indexOf(l) + 1}人从人员库选择`}
                style={{ width: 280 }}
                placeholder="或从人员库中选择其他人"
                onChange={(_id, p) => {
                  if (p) resolve(l.key, p, 'picked');
                }}
              />
            </Space>
          </Space>
        );
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 70,
      render: (_v, l) => (
        <Button type="link" size="small" danger onClick={() => remove(l.key)}>
          移除
        </Button>
      ),
    },
  ];

  return (
    <Card size="small" title={`人员名单（${lines.length}人）`} data-testid="person-lines">
      <Flex gap={16} wrap align="flex-start" style={{ marginBottom: 12 }}>
        <div style={{ flex: '1 1 420px' }}>
          <Typography.Text strong>粘贴名单</Typography.Text>
          <Typography.Text type="secondary">
            （每行一人：姓名 单位 职务，以空格、制表符或逗号分隔；序号和表头自动忽略。也可导入含“姓名”列的电子表格或逗号分隔文本文件）
          </Typography.Text>
          <Input.TextArea
            aria-label="粘贴人员名单"
            value={paste}
            onChange={(e) => setPaste(e.target.value)}
            autoSize={{ minRows: 4, maxRows: 10 }}
            placeholder={'张三 县财政局 科长\n李四 县教育局 副局长'}
            disabled={!!progress}
            style={{ marginTop: 4 }}
          />
          <Space style={{ marginTop: 8 }}>
            <Button onClick={() => void checkPaste()} loading={!!progress} disabled={!paste.trim()}>
              核对名单
            </Button>
            <Button disabled={!!progress} onClick={() => setImporting(true)}>
              导入表格文件
            </Button>
            <Button type="link" onClick={() => void downloadTemplate()}>
              下载名单模板
            </Button>
          </Space>
        </div>
        <div style={{ flex: '0 1 360px' }}>
          <Typography.Text strong>逐个添加</Typography.Text>
          <div style={{ marginTop: 4 }}>
            <PersonPicker aria-label="逐个添加人员" value={pickerValue} style={{ width: '100%' }} onChange={(_id, p) => addPicked(p)} />
          </div>
        </div>
      </Flex>
      {progress ? (
        <div style={{ marginBottom: 12 }} data-testid="match-progress">
          <Typography.Text>
            {progress.what}… {progress.total > 1 ? `${progress.done}/${progress.total}行` : ''}
          </Typography.Text>
          <Progress percent={progress.total > 1 ? Math.round((progress.done / progress.total) * 100) : 50} status="active" />
        </div>
      ) : null}
      {listError ? <Alert type="error" showIcon title={listError} style={{ marginBottom: 12 }} role="alert" /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      {lines.length ? (
        <>
          <Flex gap={12} align="center" wrap style={{ marginBottom: 8 }}>
            <Segmented<'all' | 'todo'>
              value={filter}
              onChange={setFilter}
              options={[
                { value: 'all', label: `全部 ${lines.length}` },
                { value: 'todo', label: `待处理 ${todo.length}` },
              ]}
            />
            {todo.length ? (
              <Typography.Text type="warning" data-testid="lines-todo">
                还有{todo.length}行待处理：同名的请选定，人员库中没有的请新增或改选，无效和重复的请移除。
              </Typography.Text>
            ) : (
              <Typography.Text type="success" data-testid="lines-todo">
                全部{lines.length}人已匹配。
              </Typography.Text>
            )}
            {badCount ? (
              <Button size="small" onClick={removeBad}>
                移除无效和重复的{badCount}行
              </Button>
            ) : null}
            <Button size="small" danger onClick={confirmClear}>
              清空名单
            </Button>
          </Flex>
          <Table<PersonLine>
            rowKey="key"
            size="small"
            columns={columns}
            dataSource={shown}
            pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (t) => `共 ${t} 行` } : false}
          />
        </>
      ) : (
        <Typography.Text type="secondary">名单为空：请粘贴、导入或逐个添加需回复的人员。</Typography.Text>
      )}
      {importing ? <RequestListImport onClose={() => setImporting(false)} onAdd={addImported} /> : null}
      {creating ? (
        <PersonFormModal
          open
          personId={null}
          defaults={creating.defaults}
          onClose={() => setCreating(null)}
          onSaved={(p) => resolve(creating.lineKey, p, 'created')}
        />
      ) : null}
    </Card>
  );
}
