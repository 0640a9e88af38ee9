import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RankingRow } from '../../api/schema-types';
import { fmtPercent } from '../../lib/format';

const MAX_BARS = 30;

/** Score (% of the maximum) per ranked unit; the first 30 when ranking every commune of a province. */
export function RankingChart({ rows, onSelect }: { rows: RankingRow[]; onSelect?: (code: string) => void }) {
  const data = rows
    .filter((r) => r.total && r.total.percent !== null)
    .slice(0, MAX_BARS)
    .map((r) => ({ code: r.unit.code, name: r.unit.name, percent: r.total?.percent ?? 0 }));
  const height = Math.max(160, data.length * 28 + 40);
  return (
    <div style={{ width: '100%', height }} data-testid="ranking-chart">
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 32, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
          <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} interval={0} />
          <Tooltip formatter={(v) => fmtPercent(Number(v), 2)} />
          <Bar dataKey="percent" name="%" onClick={(d: { payload?: { code?: string } }) => d.payload?.code && onSelect?.(d.payload.code)} cursor="pointer">
            {data.map((d, i) => (
              <Cell key={d.code} fill={i < 3 ? '#a8071a' : '#ff7875'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
