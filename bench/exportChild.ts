/** Child of exchange.bench.ts: exports every person of the data folder given to .xlsx and prints wall, CPU and peak memory. */
import { benchHost, measure } from './host';

async function main(): Promise<void> {
  const b = await benchHost({ dir: process.argv[2]!, setup: false });
  const { result, wallMs, cpuMs } = await measure(() =>
    b.call<{ rows: number; contentBase64: string }>('exports.list', { list: 'people', format: 'xlsx', filter: {} }),
  );
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ wallMs, cpuMs, maxRssMb, rows: result.rows, bytes: Math.round((result.contentBase64.length * 3) / 4) }));
  b.host.close();
}

void main();
