/** units.list gives a flat list with parentId; the tree is built here. */
import type { Unit } from '../../core/units/contract';

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

const byOrder = (a: UnitNode, b: UnitNode) => a.unit.sortOrder - b.unit.sortOrder || a.unit.name.localeCompare(b.unit.name, 'zh-Hans-CN');

export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.id, { unit: u, children: [] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    // A unit whose parent is missing (deleted) still shows, at the top.
    (parent ?? { children: roots }).children.push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort(byOrder);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** "市财政局／办公室" — the unit with its ancestors. */
export function unitPathMap(units: readonly Unit[]): Map<string, string> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const paths = new Map<string, string>();
  const pathOf = (id: string, depth = 0): string => {
    const known = paths.get(id);
    if (known) return known;
    const u = byId.get(id);
    if (!u) return '';
    const parent = u.parentId && depth < 50 ? pathOf(u.parentId, depth + 1) : '';
    const p = parent ? `${parent}／${u.name}` : u.name;
    paths.set(id, p);
    return p;
  };
  for (const u of units) pathOf(u.id);
  return paths;
}

/** The unit and all units below it. */
export function subtreeIds(units: readonly Unit[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const out = new Set<string>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

export interface TreeSelectNode {
  value: string;
  title: string;
  /** What the picker's search looks in: the name and the 简称 (市发改委 is found by “发改”). */
  search: string;
  key: string;
  disabled?: boolean;
  children: TreeSelectNode[];
}

/** Data for antd TreeSelect; units in `disabledIds` cannot be picked (moving a unit under itself). */
export function toTreeSelectData(tree: readonly UnitNode[], disabledIds?: ReadonlySet<string>): TreeSelectNode[] {
  return tree.map((n) => ({
    value: n.unit.id,
    key: n.unit.id,
    title: n.unit.name,
    search: n.unit.shortName ? `${n.unit.name} ${n.unit.shortName}` : n.unit.name,
    ...(disabledIds?.has(n.unit.id) ? { disabled: true } : {}),
    children: toTreeSelectData(n.children, disabledIds),
  }));
}
