/**
 * 统计: the numbers of the annual report for a year or any date range. Every number and
 * every bar opens the records it counts; the page exports to Excel; 报告段落 words the
 * numbers like the annual report for the clerk to copy.
 */
import { Alert, App, Button, Card, Col, Flex, Input, Modal, Row, Segmented, Select, Spin, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import type { MetricGroup, MetricKey, StatisticsReport } from '../../../core/statistics/contract';
import { reportParagraph } from '../../../core/statistics/paragraph';
import { useApiQuery } from '../../api/hooks';
import { DateInput } from '../../components/DateInput';
import { ExportButton } from '../../components/ExportButton';
import { formatDate } from '../../lib/format';
import { PageHeader } from '../PageHeader';
import { BarChart } from './BarChart';
import { RecordsModal, type Drill } from './RecordsModal';
import { RevisitsDueCard } from './RevisitsDueCard';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 8 }, (_, i) => thisYear - i);
const pct = (a: number, b: number) => (b ? `${Math.round((a / b) * 1000) / 10}%` : '—');

export function StatisticsPage() {
  const [mode, setMode] = useState<'year' | 'range'>('year');
  const [year, setYear] = useState(thisYear);
  const [range, setRange] = useState<{ from: string | null; to: string | null }>({ from: `${thisYear}-01-01`, to: null });
  const [drill, setDrill] = useState<Drill | null>(null);
  const [paragraph, setParagraph] = useState<string | null>(null);
  const period =
    mode === 'year' ? { from: `${year}-01-01`, to: `${year}-12-31` } : range.from && range.to ? { from: range.from, to: range.to } : null;
  const report = useApiQuery('statistics.report', period ?? { from: '', to: '' }, { enabled: !!period, keepPrevious: true });
  const data = report.data;

  return (
    <div>
      <PageHeader
        title="统计"
        extra={
          <>
            <Segmented
              value={mode}
              onChange={(v) => setMode(v as 'year' | 'range')}
              options={[
                { value: 'year', label: '按年度' },
                { value: 'range', label: '按期间' },
              ]}
            />
            {mode === 'year' ? (
              <Select
                aria-label="年度"
                value={year}
                onChange={setYear}
                style={{ width: 110 }}
                options={YEARS.map((y) => ({ value: y, label: `${y}年` }))}
              />
            ) : (
              <>
                <DateInput aria-label="起始日期" value={range.from} onChange={(v) => setRange((r) => ({ ...r, from: v }))} />
                <span>至</span>
                <DateInput aria-label="截止日期" value={range.to} onChange={(v) => setRange((r) => ({ ...r, to: v }))} />
              </>
            )}
            <Button type="primary" disabled={!data} onClick={() => data && setParagraph(reportParagraph(data))}>
              报告段落
            </Button>
            {period ? <ExportButton request={{ list: 'statistics', filter: period }} disabled={!data} /> : null}
          </>
        }
      />
      {!period ? <Alert type="info" showIcon title="请选择起始日期和截止日期。" style={{ marginBottom: 12 }} /> : null}
      {report.error ? <Alert type="error" showIcon title={report.error.message} style={{ marginBottom: 12 }} /> : null}
      {period && !data && !report.error ? (
        <Spin tip="正在统计…">
          <div style={{ height: 200 }} />
        </Spin>
      ) : null}
      {data && period ? (
        <Numbers
          report={data}
          open={(metric, group) => {
            const m = data.metrics[metric];
            setDrill({ metric, group: group?.key ?? null, title: group ? `${m.label} · ${group.label}` : m.label });
          }}
        />
      ) : null}
      {period ? <RevisitsDueCard asOf={period.to} /> : null}
      {drill && period ? (
        <RecordsModal
          key={`${drill.metric}:${drill.group}`}
          drill={drill}
          from={period.from}
          to={period.to}
          onClose={() => setDrill(null)}
        />
      ) : null}
      <ParagraphModal text={paragraph} onClose={() => setParagraph(null)} />
    </div>
  );
}

function Numbers({ report, open }: { report: StatisticsReport; open: (metric: MetricKey, group?: MetricGroup) => void }) {
  const m = report.metrics;
  const stat = (key: MetricKey, title?: string) => (
    <Col xs={12} md={6} xl={4} key={key}>
      <button type="button" className="stat-button" data-testid={`stat-${key}`} onClick={() => open(key)} title="点击查看明细">
        <Statistic title={title ?? m[key].label} value={m[key].value} suffix={m[key].unit} />
      </button>
    </Col>
  );
  const chart = (key: MetricKey, title: string) => (
    <BarChart title={title} groups={m[key].groups} unit={m[key].unit} onOpen={(g) => open(key, g)} />
  );
  const completion = (rosterKey: MetricKey, signedKey: MetricKey, nameTitle: string) => {
    const signed = new Map(m[signedKey].groups.map((g) => [g.key, g]));
    const rows = m[rosterKey].groups.map((g) => ({ key: g.key, label: g.label, total: g.value, signed: signed.get(g.key)?.value ?? 0 }));
    return (
      <Table
        size="small"
        rowKey="key"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={rows}
        locale={{ emptyText: '本期没有承诺书批次' }}
        columns={[
          { title: nameTitle, dataIndex: 'label', key: 'label' },
          {
            title: '应签',
            dataIndex: 'total',
            key: 'total',
            width: 90,
            render: (v: number, r) => (
              <Button
                type="link"
                size="small"
                onClick={() =>
                  open(
                    rosterKey,
                    m[rosterKey].groups.find((g) => g.key === r.key),
                  )
                }
              >
                {v}
              </Button>
            ),
          },
          {
            title: '已签',
            dataIndex: 'signed',
            key: 'signed',
            width: 90,
            render: (v: number, r) => (
              <Button
                type="link"
                size="small"
                disabled={!v}
                onClick={() =>
                  open(
                    signedKey,
                    m[signedKey].groups.find((g) => g.key === r.key),
                  )
                }
              >
                {v}
              </Button>
            ),
          },
          { title: '完成率', key: 'rate', width: 90, render: (_v, r) => pct(r.signed, r.total) },
        ]}
      />
    );
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        统计期间：{formatDate(report.from)}至{formatDate(report.to)}。点击任一数字或条形可查看所统计的记录。
      </Typography.Text>
      <Card size="small" title="廉政意见回复">
        <Row gutter={[12, 12]}>
          {stat('replies.batches', '回复（批次）')}
          {stat('replies.persons', '回复（人次）')}
          {stat('replies.overdue', '超期回复')}
          <Col xs={12} md={6} xl={4}>
            <Statistic title="平均回复用时" value={report.averageReplyDays ?? '—'} suffix={report.averageReplyDays === null ? '' : '天'} />
          </Col>
        </Row>
        <Row gutter={24}>
          <Col xs={24} lg={8}>
            {chart('replies.byPurpose', '按用途（人次）')}
          </Col>
          <Col xs={24} lg={8}>
            {chart('replies.byConclusion', '按结论（人次）')}
          </Col>
          <Col xs={24} lg={8}>
            {chart('replies.byRequester', '按来函单位（人次）')}
          </Col>
        </Row>
      </Card>
      <Card size="small" title="廉洁提醒函">
        <Row gutter={[12, 12]}>
          {stat('reminders.letters')}
          {stat('reminders.addressees')}
          {stat('reminders.received')}
          <Col xs={12} md={6} xl={4}>
            <Statistic title="签收率" value={pct(m['reminders.received'].value, m['reminders.addressees'].value)} />
          </Col>
          {stat('reminders.twoLettersOneBook')}
        </Row>
        {chart('reminders.addressees', '按节点（份）')}
      </Card>
      <Card size="small" title="承诺书">
        <Row gutter={[12, 12]}>
          {stat('pledges.signed')}
          {stat('pledges.withCosigner')}
        </Row>
        <Row gutter={24}>
          <Col xs={24} lg={8}>
            {chart('pledges.signed', '按承诺书类型（份）')}
          </Col>
          <Col xs={24} lg={8}>
            <Typography.Text strong>各批次完成情况</Typography.Text>
            {completion('pledges.rosterByCampaign', 'pledges.signedByCampaign', '批次')}
          </Col>
          <Col xs={24} lg={8}>
            <Typography.Text strong>各单位完成情况</Typography.Text>
            {completion('pledges.rosterByUnit', 'pledges.signedByUnit', '单位')}
          </Col>
        </Row>
      </Card>
      <Card size="small" title="问题线索与处分">
        <Row gutter={[12, 12]}>
          {stat('matters.petitions')}
          {stat('matters.leads')}
          {stat('matters.cases')}
          {stat('sanctions.records')}
          {stat('sanctions.partyGovernmentPeople')}
          {stat('sanctions.firstFormPeople')}
          {stat('sanctions.inImpactAtEnd')}
        </Row>
        <Row gutter={24}>
          <Col xs={24} lg={12}>
            {chart('sanctions.records', '处分/处理决定（按种类，件）')}
          </Col>
          <Col xs={24} lg={12}>
            {chart('sanctions.inImpactAtEnd', '期末处于影响期内（按种类，人）')}
          </Col>
        </Row>
      </Card>
      <Card size="small" title="澄清正名与暖心回访">
        <Row gutter={[12, 12]}>
          {stat('clearances.count')}
          {stat('revisits.count')}
        </Row>
      </Card>
    </Flex>
  );
}

function ParagraphModal({ text, onClose }: { text: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text ?? '');
      message.success('已复制，可粘贴到报告中');
    } catch {
      message.info('请选中文字后按 Ctrl+C 复制');
    }
  };
  return (
    <Modal
      open={text !== null}
      title="报告段落"
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        <Button key="copy" type="primary" onClick={() => void copy()}>
          复制
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">按本期统计数字生成，可复制后在报告中修改。</Typography.Paragraph>
      <Input.TextArea aria-label="报告段落" value={text ?? ''} readOnly autoSize={{ minRows: 5 }} data-testid="report-paragraph" />
    </Modal>
  );
}
