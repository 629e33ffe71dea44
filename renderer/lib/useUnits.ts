import { useMemo } from 'react';
import type { Unit } from '../../core/units/contract';
import { useApiQuery } from '../api/hooks';
import { buildUnitTree, toTreeSelectData, unitPathMap, type UnitNode, type TreeSelectNode } from './unitTree';

export interface UnitsData {
  units: Unit[];
  tree: UnitNode[];
  paths: Map<string, string>;
  treeSelectData: TreeSelectNode[];
  isLoading: boolean;
  error: Error | null;
}

/** All units (a small list) as list, tree and "上级／下级" paths. */
export function useUnits(): UnitsData {
  const query = useApiQuery('units.list', {}, { staleTime: 10_000 });
  return useMemo(() => {
    const units = query.data ?? [];
    const tree = buildUnitTree(units);
    return {
      units,
      tree,
      paths: unitPathMap(units),
      treeSelectData: toTreeSelectData(tree),
      isLoading: query.isLoading,
      error: query.error,
    };
  }, [query.data, query.isLoading, query.error]);
}
