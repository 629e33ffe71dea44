/**
 * A horizontal bar chart drawn as SVG by React: nothing to load, nothing fetched, the
 * same on an air-gapped PC. Each bar opens the records behind it.
 */
import type { MetricGroup } from '../../../core/statistics/contract';

const BAR = 22;
const GAP = 8;
const LABEL = 132;
const WIDTH = 520;

export function BarChart({
  title,
  groups,
  unit,
  onOpen,
}: {
  title: string;
  groups: MetricGroup[];
  unit: string;
  onOpen: (g: MetricGroup) => void;
}) {
  const shown = groups.slice(0, 12);
  if (!shown.length) return null;
  const max = Math.max(...shown.map((g) => g.value), 1);
  const height = shown.length * (BAR + GAP);
  return (
    <figure style={{ margin: '8px 0' }}>
      <figcaption style={{ fontWeight: 500, marginBottom: 4 }}>{title}</figcaption>
      <svg width="100%" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} style={{ maxWidth: WIDTH }}>
        {shown.map((g, i) => {
          const y = i * (BAR + GAP);
          const w = Math.max(2, ((WIDTH - LABEL - 70) * g.value) / max);
          return (
            <g
              key={g.key}
              style={{ cursor: 'pointer' }}
              onClick={() => onOpen(g)}
              role="button"
              aria-label={`${g.label} ${g.value}${unit}`}
            >
              <title>{`${g.label}：${g.value}${unit}（点击查看明细）`}</title>
              <text x={LABEL - 8} y={y + BAR * 0.7} textAnchor="end" fontSize={13} fill="#333">
                {g.label.length > 9 ? `${g.label.slice(0, 9)}…` : g.label}
              </text>
              <rect x={LABEL} y={y} width={w} height={BAR} rx={3} fill="#1677ff" />
              <text x={LABEL + w + 6} y={y + BAR * 0.7} fontSize={13} fill="#333">
                {g.value}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
