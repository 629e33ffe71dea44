/**
 * Picks a unit from the unit tree (searchable by name and 简称).
 *
 * What is typed is what is saved (issue 16 §1): a clerk who types “发改” and clicks 保存
 * at once meant the one unit that matches. antd drops the search text on blur, so here
 * the field takes that unit the moment it loses the focus (the mousedown on any button,
 * before the button's click); of several, the one whose full name or 简称 it is. Text
 * matching several units or none picks nothing: the field shows what it holds.
 */
import { TreeSelect } from 'antd';
import type { FocusEvent } from 'react';
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
  const data = treeData ?? units.treeSelectData;
  const takeTypedUnit = (e: FocusEvent<HTMLElement>) => {
    const typed = e.target instanceof HTMLInputElement ? e.target.value.trim() : '';
    if (!typed) return;
    const hits = matchingUnits(data, typed);
    const exact = hits.filter((h) => h.title === typed || h.search.split(' ').includes(typed));
    const hit = hits.length === 1 ? hits[0] : exact.length === 1 ? exact[0] : undefined;
    if (hit && hit.value !== value) onChange?.(hit.value);
  };
  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      style={{ width: '100%', ...style }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      treeData={data}
      onBlur={takeTypedUnit}
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

/** The pickable units whose name or 简称 contains `text` (as the search filters them). */
export function matchingUnits(nodes: readonly TreeSelectNode[], text: string): TreeSelectNode[] {
  const needle = text.toLowerCase();
  return nodes.flatMap((n) => [...(!n.disabled && n.search.toLowerCase().includes(needle) ? [n] : []), ...matchingUnits(n.children, text)]);
}
