import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { closeServices, testServices } from "../../../../test/support/relais.ts";
import { runOperation } from "../../admin/operations.ts";
import type { Services } from "../../services.ts";
import { summaryLine, type TwcsSummary } from "./importer.ts";
import { parseTwitterDate } from "./threads.ts";

const SMALL = join(import.meta.dirname, "../../../../test/fixtures/twcs/small.csv");

describe("twcs import", () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices();
  }, 180_000);
  afterAll(async () => {
    await closeServices(services);
  });

  async function conversations(accountId: string) {
    return services.db
      .selectFrom("conversations as c")
      .innerJoin("channels as ch", (join) =>
        join.onRef("ch.account_id", "=", "c.account_id").onRef("ch.id", "=", "c.channel_id"),
      )
      .innerJoin("identities as i", (join) =>
        join.onRef("i.account_id", "=", "c.account_id").onRef("i.contact_id", "=", "c.contact_id"),
      )
      .select([
        "c.id",
        "c.external_thread_id",
        "c.status",
        "c.first_response_at",
        "c.resolved_at",
        "c.created_at",
        "c.category",
        "c.sentiment",
        "ch.name as company",
        "i.value as customer",
      ])
      .where("c.account_id", "=", accountId)
      .orderBy("c.external_thread_id")
      .execute();
  }

  it("reads Twitter's dates with their offset", () => {
    expect(parseTwitterDate("Tue Oct 31 22:10:47 +0000 2017")).toBe(
      Date.parse("2017-10-31T22:10:47Z"),
    );
    expect(parseTwitterDate("Thu Nov 02 10:00:00 +0100 2017")).toBe(
      Date.parse("2017-11-02T09:00:00Z"),
    );
    expect(parseTwitterDate("2017-10-31")).toBeNull();
  });

  it("threads the file by the issue's rules and is idempotent", async () => {
    const { account } = await createAccount(services);
    const summary = (await runOperation(services, "import.twcs", {
      account: account.slug,
      file: SMALL,
    })) as TwcsSummary;
    expect(summaryLine(summary)).toBe(
      "twcs: 13 tweets, 4 conversations, 5 contacts, 2 channels, 3 rows refused",
    );

    const rows = await conversations(account.id);
    expect(
      rows.map((row) => [row.external_thread_id, row.company, row.customer, row.status]),
    ).toEqual([
      // A customer's tweet, the company's answer, the customer again: open (the customer spoke last).
      ["1", "AppleSupport", "101", "open"],
      // Several responses: the company's and another customer's both join the thread.
      ["4", "AmazonHelp", "102", "resolved"],
      // A reply to a tweet absent from the file starts a thread; nobody answers, so it belongs
      // to the first company its first tweet names (@someone is no company of the file).
      ["7", "AppleSupport", "104", "open"],
      // The company wrote first: the thread still belongs to it, with the customer who answered.
      ["8", "AmazonHelp", "105", "resolved"],
    ]);
    const byRoot = new Map(rows.map((row) => [row.external_thread_id, row]));
    expect(byRoot.get("1")?.first_response_at?.toISOString()).toBe("2017-10-31T22:12:30.000Z");
    expect(byRoot.get("4")?.first_response_at?.toISOString()).toBe("2017-11-01T09:00:00.000Z");
    expect(byRoot.get("7")?.first_response_at).toBeNull();
    // The company's opening tweet is no response: the first one comes after the customer's.
    expect(byRoot.get("8")?.first_response_at?.toISOString()).toBe("2017-11-03T12:06:15.000Z");
    expect(byRoot.get("8")?.created_at.toISOString()).toBe("2017-11-03T12:00:00.000Z");
    expect(byRoot.get("4")?.category).toMatch(/^delivery\./);

    const messages = await services.db
      .selectFrom("messages")
      .select([
        "external_id",
        "direction",
        "author_user_id",
        "delivery_status",
        "sent_at",
        "metadata",
      ])
      .where("account_id", "=", account.id)
      .orderBy("created_at")
      .execute();
    expect(messages.map((m) => m.external_id)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "6",
      "5",
      "7",
      "8",
      "9",
      "10",
    ]);
    const reply = messages.find((m) => m.external_id === "10");
    expect(reply).toMatchObject({
      direction: "out",
      author_user_id: null,
      delivery_status: "sent",
    });
    expect(reply?.sent_at?.toISOString()).toBe("2017-11-03T12:06:15.000Z");
    const customer = messages.find((m) => m.external_id === "4");
    expect(customer?.metadata).toMatchObject({
      triage: { category: expect.stringMatching(/^delivery\./) },
    });

    const channels = await services.db
      .selectFrom("channels")
      .select(["name", "kind", "config", "disabled_at"])
      .where("account_id", "=", account.id)
      .orderBy("name")
      .execute();
    expect(channels.map((c) => [c.name, c.kind, c.config.canSend])).toEqual([
      ["AmazonHelp", "x", false],
      ["AppleSupport", "x", false],
    ]);

    const again = (await runOperation(services, "import.twcs", {
      account: account.slug,
      file: SMALL,
    })) as TwcsSummary;
    expect(again).toEqual(summary);
    const count = async (table: "messages" | "conversations" | "contacts" | "channels") =>
      Number(
        (
          await services.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .where("account_id", "=", account.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([
      await count("messages"),
      await count("conversations"),
      await count("contacts"),
      await count("channels"),
    ]).toEqual([10, 4, 5, 2]);
  });
});
