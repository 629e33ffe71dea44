/** The arguments after `--cli` (`清廉台账 --cli backup …`), or null when the app starts normally. */
export function cliArgs(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--cli');
  return at === -1 ? null : argv.slice(at + 1);
}
