import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { closeServices, testServices } from "../../../../test/support/relais.ts";
import type { Services } from "../../services.ts";
import { inboundAddresses } from "./20261207T0101_inbound_addresses.ts";

/**
 * The upgrade of an installation where two accounts already shared an address (the defect this
 * migration closes): it must not fail, and the oldest channel keeps the address.
 */
describe("migration 20261207T0101_inbound_addresses", () => {
  let services: Services;
  beforeAll(async () => {
    services = await testServices();
  }, 60_000);
  afterAll(async () => {
    await closeServices(services);
  });

  it("claims each existing address once, for its oldest channel, normalised", async () => {
    const first = await createAccount(services);
    const second = await createAccount(services);
    const channel = (accountId: string, address: string, at: string, kind = "email") =>
      services.db
        .insertInto("channels")
        .values({
          account_id: accountId,
          kind,
          name: address,
          config: JSON.stringify({ address }),
          created_at: new Date(at),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    const oldest = await channel(first.account.id, "Support@Shop.example", "2026-01-01T00:00:00Z");
    const later = await channel(second.account.id, " support+ventes@shop.example ", "2026-02-01");
    const own = await channel(second.account.id, "contact@other.example", "2026-03-01");
    await channel(second.account.id, "not-email@shop.example", "2026-03-02", "api");

    await sql.raw(inboundAddresses.statements[2] ?? "").execute(services.db);
    const rows = await services.db
      .selectFrom("inbound_addresses")
      .select(["address", "channel_id"])
      .orderBy("address")
      .execute();
    expect(rows).toEqual([
      { address: "contact@other.example", channel_id: own.id },
      { address: "support@shop.example", channel_id: oldest.id },
    ]);
    expect(rows.some((row) => row.channel_id === later.id)).toBe(false);
  });
});
