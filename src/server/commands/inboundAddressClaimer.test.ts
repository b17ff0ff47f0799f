import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../test/support/factories.ts";
import { apiClient } from "../../../test/support/http.ts";
import { runCli } from "../../../test/support/process.ts";
import { closeServices, startTestRelais, testEnv } from "../../../test/support/relais.ts";
import { loadEnv } from "../env.ts";
import { createServices } from "../runtime.ts";

/** An inbound email address belongs to one channel in the whole installation. */
describe("inbound email addresses", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;
  beforeAll(async () => {
    relais = await startTestRelais();
  }, 120_000);
  afterAll(async () => {
    await relais?.stop();
  });

  async function admin() {
    const { token } = await createAccount(relais.services);
    return apiClient(relais.url, token);
  }
  const emailChannel = (address: string) => ({
    kind: "email",
    name: "Service client",
    config: { address },
  });

  it("refuses another account's address, however it is written (409 address_taken)", async () => {
    const address = `support-${randomUUID().slice(0, 8)}@shop.example`;
    const first = await admin();
    const created = await first.post("/api/v1/channels", emailChannel(address));
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const other = await admin();
    for (const variant of [
      address,
      ` ${address.toUpperCase()} `,
      address.replace("@", "+sales@"),
    ]) {
      const taken = await other.post("/api/v1/channels", emailChannel(variant));
      expect(taken.status, variant).toBe(409);
      expect(taken.body.error.id).toBe("address_taken");
    }
    // Nor within one account: mail to it could go to one channel only.
    const twice = await first.post("/api/v1/channels", emailChannel(address));
    expect(twice.status).toBe(409);

    // Taking it by changing an existing channel is refused too, and changes nothing.
    const own = await other.post(
      "/api/v1/channels",
      emailChannel(`b-${randomUUID().slice(0, 8)}@shop.example`),
    );
    expect(own.status).toBe(201);
    const moved = await other.patch(`/api/v1/channels/${own.body.data.id}`, {
      config: { address: address.toUpperCase() },
    });
    expect(moved.status).toBe(409);
    expect(moved.body.error.id).toBe("address_taken");
    const unchanged = await other.get(`/api/v1/channels/${own.body.data.id}`);
    expect(unchanged.body.data.config.address).toBe(own.body.data.config.address);

    // The holder may save its own channel; once it moves away, the address is free again.
    const renamed = await first.patch(`/api/v1/channels/${created.body.data.id}`, {
      name: "Support",
      config: { address, fromName: "Support" },
    });
    expect(renamed.status).toBe(200);
    const away = await first.patch(`/api/v1/channels/${created.body.data.id}`, {
      config: { address: `new-${address}` },
    });
    expect(away.status).toBe(200);
    expect((await other.post("/api/v1/channels", emailChannel(address))).status).toBe(201);
    const rows = await relais.services.db
      .selectFrom("inbound_addresses")
      .select(["address", "channel_id"])
      .where("address", "in", [address, `new-${address}`])
      .orderBy("address")
      .execute();
    expect(rows.map((row) => row.address)).toEqual([`new-${address}`, address]);
  });

  it("refuses a taken address from `relais channel add email` with a clear message", {
    timeout: 120_000,
  }, async () => {
    const env = await testEnv();
    const cliEnv = {
      RELAIS_DATA: env.RELAIS_DATA,
      DATABASE_URL: env.DATABASE_URL,
      RELAIS_SECRET_KEY: env.RELAIS_SECRET_KEY,
    };
    const address = `contact-${randomUUID().slice(0, 8)}@shop.example`;
    const add = (account: string, value: string) =>
      runCli(
        ["channel", "add", "email", "--account", account, "--name", "Mail", "--address", value],
        cliEnv,
      );
    const services = await createServices(loadEnv({ ...cliEnv, LOG_LEVEL: "silent" }));
    const slugs: string[] = [];
    try {
      for (let n = 0; n < 2; n += 1) {
        const { account } = await createAccount(services);
        slugs.push(account.slug);
      }
    } finally {
      await closeServices(services);
    }
    const first = add(slugs[0] ?? "", address);
    expect(first.status, first.stderr).toBe(0);
    const second = add(slugs[1] ?? "", address.toUpperCase());
    expect(second.status).toBe(1);
    expect(second.stderr).toContain("already belongs to another channel");
  });
});
