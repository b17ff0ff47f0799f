import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { closeServices, testDatabase, testEnv } from "../../../../test/support/relais.ts";
import { createEmailChannel } from "../../channels/email/testing/channels.ts";
import { startRelay } from "../../channels/email/testing/relay.ts";
import { reportScheduleCreator } from "../../commands/reportScheduleCreator.ts";
import type { Env } from "../../env.ts";
import { createServices } from "../../runtime.ts";
import type { Services } from "../../services.ts";
import { seedConversations } from "../testing.ts";
import { latestOccurrence, nextOccurrence } from "./occurrences.ts";
import { scheduledReportSender } from "./sender.ts";
import { reportScheduleSweeper } from "./sweeper.ts";

/**
 * Scheduled reports go out once per period: two workers sweeping and sending at the same
 * time, then a restart of the whole process, send one mail per period to a real SMTP server
 * on loopback, with the key figures, their trend and the CSV attached.
 */
describe("scheduled reports: once per period across workers and restarts", () => {
  let env: Env;
  let first: Services;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  beforeAll(async () => {
    env = await testEnv();
    // A database on disk (PGlite) or a server (PostgreSQL), so that a restart finds it again.
    first = await createServices(env);
    relay = await startRelay({ user: "relais", pass: "s3cret" });
  }, 60_000);
  afterAll(async () => {
    await relay?.close();
    if (first) await closeServices(first);
  });

  it("sends the daily report of each period once, with figures, trend and CSV", async () => {
    const { account, user } = await createAccount(first);
    await createEmailChannel(first, account.id, { smtpUrl: relay.url });
    const actor = {
      accountId: account.id,
      userId: user.id,
      role: "admin" as const,
      via: "token" as const,
    };
    // Monday 2 March 2026, 08:00 in Paris is 07:00 UTC.
    const created = new Date("2026-03-01T12:00:00Z");
    const schedule = await reportScheduleCreator(first.db, {
      actor,
      now: created,
      schedule: {
        report: "overview",
        filters: { hours: "calendar" },
        cadence: "daily",
        weekday: "mon",
        time: "08:00",
        timeZone: "Europe/Paris",
        emails: ["direction@shop.example", "logistique@shop.example"],
        locale: "fr",
        channelId: null,
        enabled: true,
      },
    });
    expect(schedule.next_run_at.toISOString()).toBe("2026-03-02T07:00:00.000Z");
    /** The sending job of the period starting at `start`, run by `worker` at `at`. */
    const send = (worker: Services, start: string, at: Date) =>
      scheduledReportSender(
        worker,
        { accountId: account.id, scheduleId: schedule.id, periodStart: new Date(start) },
        at,
      );
    // The period reported: 1 March 08:00 → 2 March 08:00 (Paris); two conversations, one
    // answered after 10 minutes; the period before it had one, answered after 20 minutes.
    await seedConversations(first, account.id, [
      {
        messages: [
          { direction: "in", at: "2026-03-01T09:00:00Z", text: '=HYPERLINK("x")' },
          { direction: "out", at: "2026-03-01T09:10:00Z" },
        ],
      },
      { messages: [{ direction: "in", at: "2026-03-02T05:00:00Z" }] },
      {
        messages: [
          { direction: "in", at: "2026-02-28T10:00:00Z" },
          { direction: "out", at: "2026-02-28T10:20:00Z" },
        ],
      },
    ]);

    const before = new Date("2026-03-02T06:59:00Z");
    expect(await reportScheduleSweeper(first, before)).toBe(0);

    const due = new Date("2026-03-02T07:00:30Z");
    // Two workers sweep at once: on PostgreSQL two processes' connections, on PGlite (one
    // process per data folder) two concurrent sweeps of the one process.
    const second = testDatabase() === "postgres" ? await createServices(env) : first;
    try {
      const swept = await Promise.all([
        reportScheduleSweeper(first, due),
        reportScheduleSweeper(second, due),
      ]);
      expect(swept[0] + swept[1]).toBe(1);
      // The sending job runs on both workers (a job delivered twice): one mail.
      const outcomes = await Promise.all([
        send(first, "2026-03-01T07:00:00Z", due),
        send(second, "2026-03-01T07:00:00Z", due),
      ]);
      expect(outcomes.sort()).toEqual(["sent", "skipped"]);
    } finally {
      if (second !== first) await closeServices(second);
    }
    expect(relay.received).toHaveLength(1);
    const mail = relay.received[0];
    expect(mail?.to.sort()).toEqual(["direction@shop.example", "logistique@shop.example"]);
    expect(mail?.mail.subject).toBe(
      "Relais — Rapport vue d'ensemble (quotidien) — 1 mars 2026 – 2 mars 2026",
    );
    const html = String(mail?.mail.html);
    expect(html).toContain("Conversations</th><td");
    // 2 conversations now, 1 before: ▲ +100 %; first response 10 min against 20 min.
    expect(html).toMatch(/Conversations<\/th><td[^>]*>2<\/td><td[^>]*>1<\/td><td[^>]*>▲ \+100 %/);
    expect(html).toMatch(
      /Première réponse \(médiane\)<\/th><td[^>]*>10 min<\/td><td[^>]*>20 min<\/td><td[^>]*color:#087f5b[^>]*>▼ -50 %/,
    );
    const attachment = mail?.mail.attachments[0];
    expect(attachment?.filename).toBe("relais-overview-2026-03-01.csv");
    const csv = attachment?.content.toString("utf8") ?? "";
    expect(csv.startsWith("\uFEFFday,conversations,")).toBe(true);
    expect(csv).toContain("2026-03-01,1,1,1,600,600,,");

    // The whole process restarts, then sweeps and runs the job again at the same instant.
    await closeServices(first);
    first = await createServices(env);
    expect(await reportScheduleSweeper(first, due)).toBe(0);
    expect(await send(first, "2026-03-01T07:00:00Z", due)).toBe("skipped");
    expect(relay.received).toHaveLength(1);

    const row = await first.db
      .selectFrom("report_schedules")
      .select(["next_run_at", "last_sent_at", "last_error"])
      .where("account_id", "=", account.id)
      .where("id", "=", schedule.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ last_error: null });
    expect(row.next_run_at.toISOString()).toBe("2026-03-03T07:00:00.000Z");
    const events = await first.db
      .selectFrom("events")
      .select("name")
      .where("account_id", "=", account.id)
      .where("name", "=", "report_schedule.sent")
      .execute();
    expect(events).toHaveLength(1);

    // The next day's report is a new period: it goes out once too.
    const nextDay = new Date("2026-03-03T07:01:00Z");
    expect(await reportScheduleSweeper(first, nextDay)).toBe(1);
    expect(await send(first, "2026-03-02T07:00:00Z", nextDay)).toBe("sent");
    expect(relay.received).toHaveLength(2);
  }, 120_000);

  it("records why a report cannot go out when the account has no email relay", async () => {
    const { account, user } = await createAccount(first);
    const actor = {
      accountId: account.id,
      userId: user.id,
      role: "admin" as const,
      via: "token" as const,
    };
    const schedule = await reportScheduleCreator(first.db, {
      actor,
      now: new Date("2026-03-01T12:00:00Z"),
      schedule: {
        report: "agents",
        filters: { hours: "calendar" },
        cadence: "weekly",
        weekday: "mon",
        time: "09:30",
        timeZone: "America/New_York",
        emails: ["boss@shop.example"],
        locale: "en",
        channelId: null,
        enabled: true,
      },
    });
    expect(schedule.next_run_at.toISOString()).toBe("2026-03-02T14:30:00.000Z");
    const due = new Date("2026-03-02T14:31:00Z");
    expect(await reportScheduleSweeper(first, due)).toBe(1);
    const outcome = await scheduledReportSender(
      first,
      {
        accountId: account.id,
        scheduleId: schedule.id,
        periodStart: new Date("2026-02-23T14:30:00Z"),
      },
      due,
    );
    expect(outcome).toBe("failed");
    const row = await first.db
      .selectFrom("report_schedules")
      .select("last_error")
      .where("account_id", "=", account.id)
      .where("id", "=", schedule.id)
      .executeTakeFirstOrThrow();
    expect(row.last_error).toMatch(/No email channel/);
  }, 60_000);
});

describe("schedule occurrences in the schedule's time zone", () => {
  const paris = {
    cadence: "daily" as const,
    weekday: "mon",
    time: "08:00",
    timeZone: "Europe/Paris",
  };
  it("keeps 08:00 local across the change of clocks", () => {
    // Clocks go forward in Paris on 29 March 2026: 08:00 is 07:00 UTC before, 06:00 UTC after.
    expect(nextOccurrence(paris, new Date("2026-03-28T08:00:00Z")).toISOString()).toBe(
      "2026-03-29T06:00:00.000Z",
    );
    expect(latestOccurrence(paris, new Date("2026-03-28T06:59:00Z")).toISOString()).toBe(
      "2026-03-27T07:00:00.000Z",
    );
  });
  it("goes out weekly on the chosen day", () => {
    const friday = { ...paris, cadence: "weekly" as const, weekday: "fri" };
    // Wednesday 4 March 2026 → Friday 6 March 08:00 Paris.
    expect(nextOccurrence(friday, new Date("2026-03-04T10:00:00Z")).toISOString()).toBe(
      "2026-03-06T07:00:00.000Z",
    );
  });
});
