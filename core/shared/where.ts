/** Builds a WHERE clause from optional filters, with named parameters. */
export class Where {
  private readonly parts: string[] = [];
  readonly params: Record<string, unknown>;

  constructor(first: string, params: Record<string, unknown> = {}) {
    this.parts.push(first);
    this.params = { ...params };
  }

  /** Adds `sql` (and its named parameters) when `when` holds. */
  add(when: unknown, sql: string, params: Record<string, unknown> = {}): this {
    if (when) {
      this.parts.push(sql);
      Object.assign(this.params, params);
    }
    return this;
  }

  get sql(): string {
    return this.parts.join(' AND ');
  }
}
