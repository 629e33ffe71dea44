/**
 * `npm run bench` — seeds throw-away databases and prints one JSON object per line:
 * {"name", "value", "unit"} plus "baseline"/"ratio" where compared.
 * `npm run bench -- --quick` runs smaller versions (under a minute).
 * `npm run bench -- people` runs only benchmarks whose area starts with "people".
 */
import * as backup from './backup.bench';
import * as letters from './letters.bench';
import * as login from './login.bench';
import * as opinions from './opinions.bench';
import * as peopleSearch from './peopleSearch.bench';
import * as pledges from './pledges.bench';
import * as statistics from './statistics.bench';
import * as exchange from './exchange.bench';

const BENCHES: Record<string, { run(options: { quick: boolean }): void | Promise<void> }> = {
  'people.search': peopleSearch,
  opinions,
  letters,
  pledges,
  backup,
  statistics,
  exchange,
  login,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const filters = args.filter((a) => !a.startsWith('--'));
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (filters.length && !filters.some((f) => name.startsWith(f))) continue;
    await bench.run({ quick });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
