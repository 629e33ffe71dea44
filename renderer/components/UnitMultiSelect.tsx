/**
 * Picks several units from the unit tree (searchable by name and 简称). Each unit is checked on
 * its own: checking 市财政局 does not check its 科室 (a letter to a bureau is not a letter
 * to each of its offices). The value is the list of unit ids.
 */
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useUnits } from '../lib/useUnits';

export interface UnitMultiSelectProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  id?: string;
  style?: React.CSSProperties;
  disabled?: boolean;
  'aria-label'?: string;
}

export function UnitMultiSelect({
  value,
  onChange,
  placeholder = '请选择单位（可多选）',
  id,
  style,
  disabled,
  ...rest
}: UnitMultiSelectProps) {
  const units = useUnits();
  const labelled = useMemo(
    () => (value ?? []).map((v) => ({ value: v, label: units.paths.get(v) ?? '（已删除的单位）' })),
    [value, units.paths],
  );
  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      style={{ width: '100%', ...style }}
      value={labelled}
      onChange={(v: { value: string }[] | undefined) => onChange?.((v ?? []).map((x) => x.value))}
      treeData={units.treeSelectData}
      treeCheckable
      treeCheckStrictly
      showCheckedStrategy={TreeSelect.SHOW_ALL}
      placeholder={placeholder}
      allowClear
      disabled={disabled}
      showSearch={{ treeNodeFilterProp: 'search' }}
      treeDefaultExpandAll
      loading={units.isLoading}
      notFoundContent="没有匹配的单位"
      maxTagCount={12}
      maxTagPlaceholder={(omitted) => `等${omitted.length + 12}个单位`}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 300 } } }}
    />
  );
}
