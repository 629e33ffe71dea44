/**
 * 操作记录 (administrators): who changed, viewed, printed or exported what, newest
 * first, with filters; 校验完整性 checks the hash chain and names the first broken link.
 * 身份证号 arrive masked from the core.
 */
import { Alert, Button, Descriptions, Input, Result, Select, Typography } from 'antd';
import { useState } from 'react';
import { api, isChannel } from '../../../core/api';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, type AuditEntryView, type AuditListInput } from '../../../core/audit/contract';
import { errorMessage } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useIsAdmin } from '../../app/auth';
import { DateInput } from '../../components/DateInput';
import { formatDateTime } from '../../lib/format';
import { ListPage } from '../../components/ListPage';
import { usePagedList } from '../../lib/usePagedList';

const actionLabel = (a: string) => AUDIT_ACTION_LABELS[a] ?? a;
const entityLabel = (e: string) => AUDIT_ENTITY_LABELS[e] ?? (isChannel(e) ? api[e].title : e);

export function AuditLogPage() {
  const isAdmin = useIsAdmin();
  const [filters, setFilters] = useState<Omit<AuditListInput, 'page' | 'pageSize'>>({});
  const [entityId, setEntityId] = useState('');
  const entries = usePagedList('audit.list', filters, { enabled: isAdmin, total: (n) => `共${n}条` });
  const facets = useApiQuery('audit.facets', {}, { enabled: isAdmin });
  const users = useApiQuery('users.list', {}, { enabled: isAdmin });
  const verify = useApiMutation('audit.verify');

  if (!isAdmin) return <Result status="403" title="没有权限" subTitle="操作记录只对管理员开放。" />;

  // A changed filter starts again at page 1 (usePagedList).
  const setFilter = (patch: Partial<typeof filters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <ListPage<AuditEntryView>
      title="操作记录"
      exportRequest={{ list: 'auditLog', filter: entries.filter }}
      actions={
        <Button loading={verify.isPending} onClick={() => verify.mutate({})}>
          校验完整性
        </Button>
      }
      notices={
        <>
          {verify.error ? (
            <Alert type="error" showIcon title={errorMessage(verify.error)} style={{ marginBottom: 12 }} role="alert" />
          ) : null}
          {verify.data ? (
            <Alert
              type={verify.data.ok ? 'success' : 'error'}
              showIcon
              role="status"
              data-testid="audit-verify-result"
              style={{ marginBottom: 12 }}
              title={
                verify.data.ok
                  ? `操作记录完整：共${verify.data.checked}条，校验链没有断开。`
                  : `操作记录被改动：${verify.data.firstBroken?.message ?? ''}此前的${verify.data.checked}条记录完整。`
              }
              description={
                verify.data.head ? (
                  <Typography.Text type="secondary">
                    最后一条为第{verify.data.head.seq}条，校验值{' '}
                    <Typography.Text code copyable>
                      {verify.data.head.hash}
                    </Typography.Text>
                    。请记下此校验值：日后末尾的记录若被删除，可与之比对发现。
                  </Typography.Text>
                ) : null
              }
            />
          ) : null}
        </>
      }
      filtersLabel="筛选操作记录"
      filters={
        <>
          <Select
            allowClear
            placeholder="账号"
            aria-label="按账号筛选"
            style={{ width: 150 }}
            value={filters.userId}
            onChange={(v?: string) => setFilter({ userId: v })}
            options={(users.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          />
          <Select
            allowClear
            placeholder="操作"
            aria-label="按操作筛选"
            style={{ width: 170 }}
            value={filters.action}
            onChange={(v?: string) => setFilter({ action: v })}
            options={(facets.data?.actions ?? []).map((a) => ({ value: a, label: actionLabel(a) }))}
          />
          <Select
            allowClear
            placeholder="对象"
            aria-label="按对象筛选"
            style={{ width: 170 }}
            value={filters.entity}
            onChange={(v?: string) => setFilter({ entity: v })}
            options={(facets.data?.entities ?? []).map((e) => ({ value: e, label: entityLabel(e) }))}
          />
          <Input.Search
            allowClear
            placeholder="记录编号"
            aria-label="按记录编号筛选"
            style={{ width: 220 }}
            value={entityId}
            onChange={(e) => setEntityId(e.target.value)}
            onSearch={(v) => setFilter({ entityId: v.trim() || undefined })}
          />
          <DateInput
            aria-label="开始日期"
            placeholder="开始日期"
            value={filters.from ?? null}
            onChange={(v) => setFilter({ from: v })}
            style={{ width: 160 }}
          />
          <DateInput
            aria-label="结束日期"
            placeholder="结束日期"
            value={filters.to ?? null}
            onChange={(v) => setFilter({ to: v })}
            style={{ width: 160 }}
          />
        </>
      }
      paged={entries}
      rowKey="seq"
      size="small"
      emptyText="没有操作记录"
      tableProps={{
        expandable: { expandedRowRender: (e) => <EntryDetails entry={e} />, rowExpandable: (e) => e.before !== null || e.after !== null },
      }}
      columns={[
        { title: '序号', dataIndex: 'seq', width: 80 },
        { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
        {
          title: '账号',
          dataIndex: 'userName',
          width: 120,
          render: (v: string | null, e) => v ?? (e.userId ? '（已删除的账号）' : '（未登录）'),
        },
        { title: '操作', dataIndex: 'action', width: 140, render: actionLabel },
        { title: '对象', dataIndex: 'entity', width: 160, render: entityLabel },
        { title: '记录编号', dataIndex: 'entityId', ellipsis: true },
      ]}
    />
  );
}

function EntryDetails({ entry }: { entry: AuditEntryView }) {
  const show = (v: unknown) =>
    v === null ? '（无）' : <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(v, null, 2)}</pre>;
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label="之前">{show(entry.before)}</Descriptions.Item>
      <Descriptions.Item label="之后">{show(entry.after)}</Descriptions.Item>
    </Descriptions>
  );
}
