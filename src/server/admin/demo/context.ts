import type { Services } from "../../services.ts";

/** What every demo section gets: the account, its agents and teams, and a clock. */
export interface DemoContext {
  accountId: string;
  people: Record<"admin" | "camille" | "sam", { id: string; email: string }>;
  teams: Record<"delivery" | "tech", string>;
  /** A moment `minutes` ago. */
  ago(minutes: number): Date;
}

/** A part of the demo, usually one channel's conversations. */
export interface DemoSection {
  name: string;
  run(services: Services, context: DemoContext): Promise<number>;
}
