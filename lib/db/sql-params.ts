/** Collects positional parameters for a hand-written statement (values are bound, never spliced into the text). */
export class SqlParams {
  readonly values: unknown[] = [];
  constructor(initial: readonly unknown[] = []) {
    this.values.push(...initial);
  }
  /** Adds a value and returns its placeholder (`$n`). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Placeholders by name, for a statement written once and run many times (a
 * prepared statement): `ref(name)` is the same `$n` wherever it is used, and
 * `bind(values)` lays the values out in that order.
 */
export class NamedParams<K extends string> {
  private readonly order: K[] = [];
  ref(name: K): string {
    let index = this.order.indexOf(name);
    if (index === -1) index = this.order.push(name) - 1;
    return `$${index + 1}`;
  }
  bind(values: Record<K, unknown>): unknown[] {
    return this.order.map((name) => values[name]);
  }
}
