/**
 * Counts and times the statements a benchmark phase runs, grouped by their SQL text (Kysely
 * sends parameters apart, so one query shape is one text). Fed by the database's `onQuery`.
 */
export interface StatementShape {
  sql: string;
  count: number;
  totalMs: number;
}

export class StatementCounter {
  #phase = "setup";
  readonly #phases = new Map<string, Map<string, StatementShape>>();

  /** Statements from now on are counted under `phase`. */
  enter(phase: string): void {
    this.#phase = phase;
  }

  readonly observe = (query: { sql: string; durationMs: number }): void => {
    let shapes = this.#phases.get(this.#phase);
    if (!shapes) {
      shapes = new Map();
      this.#phases.set(this.#phase, shapes);
    }
    const sql = query.sql.replace(/\s+/g, " ").trim();
    const shape = shapes.get(sql) ?? { sql, count: 0, totalMs: 0 };
    shape.count += 1;
    shape.totalMs += query.durationMs;
    shapes.set(sql, shape);
  };

  count(phase: string): number {
    let total = 0;
    for (const shape of this.#phases.get(phase)?.values() ?? []) total += shape.count;
    return total;
  }

  /** The phase's statement shapes, most time first. */
  shapes(phase: string): StatementShape[] {
    return [...(this.#phases.get(phase)?.values() ?? [])].sort((a, b) => b.totalMs - a.totalMs);
  }

  /** A table of the phase's statements per message: count, mean and total milliseconds. */
  report(phase: string, messages: number, width = 110): string {
    const lines = this.shapes(phase).map((shape) => {
      const perMessage = (shape.count / messages).toFixed(2).padStart(6);
      const mean = (shape.totalMs / shape.count).toFixed(2).padStart(6);
      const total = shape.totalMs.toFixed(0).padStart(6);
      const text = shape.sql.length > width ? `${shape.sql.slice(0, width - 1)}…` : shape.sql;
      return `${perMessage} ${mean} ms ${total} ms  ${text}`;
    });
    const perMessage = (this.count(phase) / messages).toFixed(2);
    return [`${phase}: ${perMessage} statements per message`, "  /msg   mean   total", ...lines]
      .map((line) => `  ${line}`)
      .join("\n");
  }
}
