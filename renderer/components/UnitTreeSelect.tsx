/** Picks a unit from the unit tree (searchable by name and 简称). */
import { TreeSelect } from 'antd';
import type { TreeSelectNode } from '../lib/unitTree';
import { useUnits } from '../lib/useUnits';

export interface UnitTreeSelectProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  /** Replace the tree (e.g. with some units disabled). */
  treeData?: TreeSelectNode[];
  id?: string;
  style?: React.CSSProperties;
  allowClear?: boolean;
  'aria-label'?: string;
}

export function UnitTreeSelect({
  value,
  onChange,
  placeholder = '请选择单位',
  treeData,
  id,
  style,
  allowClear = true,
  ...rest
}: UnitTreeSelectProps) {
  const units = useUnits();
  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      style={{ width: '100%', ...style }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      treeData={treeData ?? units.treeSelectData}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'search' }}
      treeDefaultExpandAll
      loading={units.isLoading}
      notFoundContent="没有匹配的单位"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 280 } } }}
    />
  );
}
