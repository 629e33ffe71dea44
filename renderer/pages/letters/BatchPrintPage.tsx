/**
 * 批量打印: pick issued replies, then preview and print them together, or have the host
 * write one PDF of all of them as a job (print.pdfStart of the replyLetters kind, like
 * every document): letters laid out (done/total), then its pages; cancellable.
 */
import { Alert, Button, Card, Checkbox, Input, Modal, Progress, Space, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { PdfJobView } from '../../../core/print/contract';
import { call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useApiQuery } from '../../api/hooks';
import { LetterPreview } from '../../components/LetterPreview';
import { base64ToBlob, saveBlob } from '../../lib/files';
import { PageHeader } from '../PageHeader';

export function BatchPrintPage() {
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const list = useApiQuery(
    'opinionReplies.list',
    { status: 'issued', page, pageSize: 50, ...(query ? { query } : {}) },
    { keepPrevious: true },
  );
  const fonts = useApiQuery('print.fonts', {});
  const [selected, setSelected] = useState<string[]>([]);
  const [duplex, setDuplex] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [job, setJob] = useState<PdfJobView | null>(null);
  /** Letters in the running job (the progress counts them while laying out, then its pages). */
  const [letters, setLetters] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  /** 取消 was clicked: a PDF that was finished meanwhile is not saved. */
  const cancelled = useRef(false);

  useEffect(() => () => (timer.current ? window.clearTimeout(timer.current) : undefined), []);

  const poll = (jobId: string) => {
    timer.current = window.setTimeout(async () => {
      try {
        const s = await call('print.pdfJob', { jobId });
        setJob(s);
        if (s.state === 'running') return poll(jobId);
        if (s.state === 'done' && s.result && !cancelled.current) {
          const file = s.result;
          saveBlob(base64ToBlob(file.pdfBase64, 'application/pdf'), file.fileName);
          setSaved(`已生成“${file.fileName}”，共${file.pageCount}页。`);
        } else if (s.state === 'failed') setError(s.error?.message ?? '批量生成失败。');
      } catch (e) {
        setError(errorMessage(e));
      }
    }, 300);
  };

  const start = async () => {
    setError(null);
    setSaved(null);
    cancelled.current = false;
    try {
      const s = await call('print.pdfStart', { request: { kind: 'replyLetters', replyIds: selected, duplex } });
      setLetters(selected.length);
      setJob(s);
      poll(s.id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const cancel = async () => {
    if (!job) return;
    if (timer.current) window.clearTimeout(timer.current);
    cancelled.current = true;
    await call('print.pdfCancel', { jobId: job.id }).catch(() => undefined);
    // shown as cancelled now; the host stops at the next letter or part, and forgets the job once it is looked at
    setJob({ ...job, state: 'cancelled' });
    void call('print.pdfJob', { jobId: job.id }).catch(() => undefined);
  };

  const running = job?.state === 'running';
  // letters laid out: counted while laying out, all of them once the pages are written
  const lettersDone = job ? (job.state === 'done' || job.progress.phase === 'print' ? letters : job.progress.done) : 0;
  return (
    <div>
      <PageHeader title="批量打印复函" />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            placeholder="文号、来函单位或姓名"
            allowClear
            onSearch={(v) => (setQuery(v.trim()), setPage(1))}
            style={{ width: 260 }}
          />
          <Checkbox checked={duplex} onChange={(e) => setDuplex(e.target.checked)}>
            双面打印（每份从正面开始）
          </Checkbox>
          <Button disabled={!selected.length} onClick={() => setPreviewing(true)}>
            预览并打印（{selected.length}份）
          </Button>
          <Button
            type="primary"
            disabled={!selected.length || running || fonts.data?.serverPdf.available === false}
            onClick={() => void start()}
          >
            生成PDF（{selected.length}份）
          </Button>
        </Space>
        {fonts.data && !fonts.data.serverPdf.available && !window.qinglian ? (
          <Alert type="info" showIcon title={fonts.data.serverPdf.note} style={{ marginBottom: 8 }} />
        ) : null}
        {job ? (
          <Space style={{ marginBottom: 8 }} data-testid="batch-progress">
            <Progress
              percent={Math.round((job.progress.done / Math.max(1, job.progress.total)) * 100)}
              status={job.state === 'failed' ? 'exception' : job.state === 'done' ? 'success' : 'active'}
              style={{ width: 320 }}
            />
            <Typography.Text>
              {lettersDone}/{letters}份{running && job.progress.phase === 'print' ? `，${job.progress.label}` : ''}
              {job.state === 'cancelled' ? '（已取消）' : ''}
            </Typography.Text>
            {running ? <Button onClick={() => void cancel()}>取消</Button> : null}
          </Space>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} role="alert" /> : null}
        {saved ? <Alert type="success" showIcon title={saved} style={{ marginBottom: 8 }} /> : null}
        <Table
          size="small"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), preserveSelectedRowKeys: true }}
          pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: '回复文号', dataIndex: 'docNumber' },
            { title: '回复日期', dataIndex: 'replyDate' },
            { title: '来函单位', dataIndex: 'requester' },
            { title: '人员', dataIndex: 'names' },
            { title: '人数', dataIndex: 'personCount' },
          ]}
        />
      </Card>
      <Modal
        open={previewing}
        title={`预览（${selected.length}份）`}
        width={980}
        footer={null}
        onCancel={() => setPreviewing(false)}
        destroyOnHidden
      >
        {previewing ? <LetterPreview request={{ kind: 'replyLetters', replyIds: selected, duplex }} height="70vh" /> : null}
      </Modal>
    </div>
  );
}
