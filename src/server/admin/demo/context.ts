import type { Services } from "../../services.ts";

/**
 * Where every demo channel's provider lives: the discard port of the server's own loopback, on
 * which nothing listens. The demo's credentials open no real account, so nothing a demo channel
 * does — an agent's reply, a profile or media lookup, a poll, a stream — may reach the real
 * provider (graph.facebook.com, mastodon.social, api.x.com…): with private addresses refused
 * (the default) the call is refused before connecting; where they are allowed, the connection
 * is refused at once. The reply shows as failed, which a demo can afford.
 */
export const DEMO_SANDBOX_URL = "http://127.0.0.1:9";

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
