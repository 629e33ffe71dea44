/** Test-only packages that ship no types; each declares only what the tests use. */
declare module '@doyensec/electronegativity' {
  const run: (options: object) => Promise<unknown>;
  export default run;
}
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
