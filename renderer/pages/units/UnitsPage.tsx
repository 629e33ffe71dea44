/**
 * 单位: the unit tree (built client-side from units.list) with add child, rename, move
 * (parent select) and delete. The server refuses to delete a unit that still has people
 * or sub-units; its message is shown as is.
 */
import { ExportButton } from '../../components/ExportButton';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Row, Space, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { unitsCreateInput, unitsUpdateInput, type Unit } from '../../../core/units/contract';
import { errorMessage } from '../../api/errors';
import { useApiMutation } from '../../api/hooks';
import { FormModal } from '../../components/FormModal';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { subtreeIds, toTreeSelectData, type UnitNode } from '../../lib/unitTree';
import { useDialog } from '../../lib/useDialog';
import { useUnits } from '../../lib/useUnits';
import { useFormSave } from '../../lib/useFormSave';
import { optionalWholeNumberRule, zodRule } from '../../lib/zodForm';
import { PageHeader } from '../PageHeader';
import { optionalText, requiredText } from '../../../core/shared/fields';

const FIELDS = ['parentId', 'name', 'shortName', 'sortOrder'] as const;
const nameRule = zodRule(requiredText('单位名称', 60));
const shortNameRule = zodRule(optionalText('单位简称', 20));

interface UnitFormValues {
  parentId?: string | null;
  name?: string;
  shortName?: string | null;
  sortOrder?: number | null;
}

function toTreeData(nodes: UnitNode[]): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.unit.id,
    title: (
      <span>
        {n.unit.name}
        {n.unit.peopleCount > 0 ? <Typography.Text type="secondary">（{n.unit.peopleCount}人）</Typography.Text> : null}
      </span>
    ),
    children: toTreeData(n.children),
  }));
}

export function UnitsPage() {
  const units = useUnits();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const adding = useDialog<{ parentId: string | null }>();
  const selected = units.units.find((u) => u.id === selectedId) ?? null;

  const treeData = useMemo(() => toTreeData(units.tree), [units.tree]);
  const allIds = units.units.map((u) => u.id);
  const expandedKeys = allIds.filter((id) => !collapsed.has(id));

  return (
    <div>
      <PageHeader
        title="单位"
        extra={
          <>
            <ExportButton request={{ list: 'units', filter: {} }} />
            <Button type="primary" onClick={() => adding.open({ parentId: null })}>
              新增顶级单位
            </Button>
          </>
        }
      />
      {units.error ? <Alert type="error" showIcon title={units.error.message} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={16}>
        <Col xs={24} md={10} lg={9}>
          <Card size="small" title="单位结构" styles={{ body: { minHeight: 360 } }}>
            {units.units.length === 0 && !units.isLoading ? (
              <Empty description="还没有单位，点击“新增顶级单位”添加" />
            ) : (
              <Tree
                aria-label="单位结构"
                blockNode
                showLine
                treeData={treeData}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setCollapsed(new Set(allIds.filter((id) => !keys.includes(id))))}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => setSelectedId((keys[0] as string | undefined) ?? selectedId)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} lg={15}>
          {selected ? (
            <UnitDetails
              key={`${selected.id}:${selected.rev}`}
              unit={selected}
              onAddChild={() => adding.open({ parentId: selected.id })}
              onDeleted={() => setSelectedId(null)}
            />
          ) : (
            <Card size="small">
              <Empty description="在左侧选择一个单位，可改名、调整上级单位、添加下级单位或删除" />
            </Card>
          )}
        </Col>
      </Row>
      <AddUnitModal
        key={adding.key}
        open={adding.isOpen}
        parentId={adding.value?.parentId ?? null}
        onClose={adding.close}
        onCreated={(u) => {
          if (u.parentId) setCollapsed((c) => new Set([...c].filter((id) => id !== u.parentId)));
          setSelectedId(u.id);
        }}
      />
    </div>
  );
}

function UnitDetails({ unit, onAddChild, onDeleted }: { unit: Unit; onAddChild: () => void; onDeleted: () => void }) {
  const { modal, message } = App.useApp();
  const units = useUnits();
  const [form] = Form.useForm<UnitFormValues>();
  const update = useApiMutation('units.update');
  const remove = useApiMutation('units.delete');
  const { error, setError, save: saveForm } = useFormSave(form, FIELDS);

  // A unit cannot move under itself or one of its sub-units.
  const parentChoices = useMemo(() => toTreeSelectData(units.tree, subtreeIds(units.units, unit.id)), [units.tree, units.units, unit.id]);
  const children = units.units.filter((u) => u.parentId === unit.id).length;

  const save = async (values: UnitFormValues) => {
    const saved = await saveForm(
      unitsUpdateInput,
      { ...values, sortOrder: values.sortOrder ?? 0, id: unit.id, rev: unit.rev },
      update.mutateAsync,
    );
    if (saved) message.success(`已保存“${saved.value.name}”`);
  };

  const confirmDelete = () => {
    setError(null);
    modal.confirm({
      title: `删除单位“${unit.name}”？`,
      content: '删除后可在回收站恢复。有人员或下级单位的单位不能删除。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await remove.mutateAsync({ id: unit.id });
          message.success(`已删除“${unit.name}”，可在回收站恢复。`);
          onDeleted();
        } catch (e) {
          setError(errorMessage(e));
        }
      },
    });
  };

  return (
    <Card
      size="small"
      title={<span data-testid="unit-path">{units.paths.get(unit.id) ?? unit.name}</span>}
      extra={
        <Space>
          <Button onClick={onAddChild}>添加下级单位</Button>
          <Button danger onClick={confirmDelete}>
            删除
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="本单位人员">{unit.peopleCount}人</Descriptions.Item>
        <Descriptions.Item label="下级单位">{children}个</Descriptions.Item>
      </Descriptions>
      <Form<UnitFormValues>
        name="unitEdit"
        form={form}
        layout="vertical"
        validateTrigger="onBlur"
        onFinish={save}
        style={{ maxWidth: 480 }}
        // The details are keyed by id and revision: they refill only after a save, never while typing.
        initialValues={{ name: unit.name, shortName: unit.shortName, parentId: unit.parentId, sortOrder: unit.sortOrder }}
      >
        <UnitFields parentChoices={parentChoices} />
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          保存修改
        </Button>
      </Form>
    </Card>
  );
}

/** A unit's fields, in the details card and the add dialog. `parentChoices`: the tree without the unit and its sub-units (editing). */
function UnitFields({ autoFocus, parentChoices }: { autoFocus?: boolean; parentChoices?: ReturnType<typeof toTreeSelectData> }) {
  return (
    <>
      <Form.Item label="单位名称" name="name" required rules={[nameRule]}>
        <Input autoFocus={autoFocus} maxLength={60} />
      </Form.Item>
      <Form.Item label="单位简称" name="shortName" rules={[shortNameRule]}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item label="上级单位" name="parentId" {...(parentChoices ? { extra: '清空表示顶级单位；不能选择本单位或其下级单位' } : {})}>
        <UnitTreeSelect aria-label="上级单位" placeholder="（顶级单位）" {...(parentChoices ? { treeData: parentChoices } : {})} />
      </Form.Item>
      <Form.Item
        label="排序号"
        name="sortOrder"
        rules={[optionalWholeNumberRule('排序号', unitsCreateInput.shape.sortOrder)]}
        extra="数字小的排在前面"
      >
        <InputNumber style={{ width: 160 }} />
      </Form.Item>
    </>
  );
}

function AddUnitModal({
  open,
  parentId,
  onClose,
  onCreated,
}: {
  open: boolean;
  parentId: string | null;
  onClose: () => void;
  onCreated: (u: Unit) => void;
}) {
  const { message } = App.useApp();
  const units = useUnits();
  const [form] = Form.useForm<UnitFormValues>();
  const create = useApiMutation('units.create');
  const { error, save } = useFormSave(form, FIELDS);

  const parentName = parentId ? units.paths.get(parentId) : null;

  return (
    <FormModal
      open={open}
      title={parentName ? `在“${parentName}”下添加单位` : '新增顶级单位'}
      form={form}
      onCancel={onClose}
      saving={create.isPending}
      error={error}
      width={480}
    >
      <Form<UnitFormValues>
        name="unitAdd"
        form={form}
        initialValues={{ parentId, sortOrder: 0 }}
        layout="vertical"
        validateTrigger="onBlur"
        preserve={false}
        onFinish={async (values) => {
          const saved = await save(unitsCreateInput, { ...values, sortOrder: values.sortOrder ?? 0 }, create.mutateAsync);
          if (!saved) return;
          message.success(`已添加单位“${saved.value.name}”`);
          onCreated(saved.value);
          onClose();
        }}
      >
        <UnitFields autoFocus />
      </Form>
    </FormModal>
  );
}
