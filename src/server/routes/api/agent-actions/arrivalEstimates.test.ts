import { describe, expect, it } from "vitest";
import { createAccount, createUser } from "../../../../../test/support/factories.ts";
import { apiClient } from "../../../../../test/support/http.ts";
import { useTestRelais } from "../../../../../test/support/useRelais.ts";

describe("arrival estimates as account settings", { timeout: 120_000 }, () => {
  const relais = useTestRelais();

  it("defaults, set by admins only, checked, per account and audited", async () => {
    const services = relais().services;
    const { account, token } = await createAccount(services);
    const admin = apiClient(relais().url, token);
    const agent = apiClient(relais().url, (await createUser(services, account.id, "agent")).token);
    const defaults = { refund: { minDays: 5, maxDays: 10 }, replacement: { days: 3 } };
    expect((await agent.get("/api/v1/arrival-estimates")).body.data).toEqual(defaults);

    const wanted = { refund: { minDays: 2, maxDays: 4 }, replacement: { days: 1 } };
    expect((await agent.put("/api/v1/arrival-estimates", wanted)).status).toBe(403);
    const put = await admin.put("/api/v1/arrival-estimates", wanted);
    expect(put.status).toBe(200);
    expect(put.body.data).toEqual(wanted);
    expect((await agent.get("/api/v1/arrival-estimates")).body.data).toEqual(wanted);
    const backwards = await admin.put("/api/v1/arrival-estimates", {
      refund: { minDays: 8, maxDays: 4 },
      replacement: { days: 1 },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.id).toBeTruthy();
    expect((await admin.get("/api/v1/arrival-estimates")).body.data).toEqual(wanted);

    // Another account keeps its own (the defaults).
    const other = await createAccount(services);
    const theirs = apiClient(relais().url, other.token);
    expect((await theirs.get("/api/v1/arrival-estimates")).body.data).toEqual(defaults);

    const audit = await services.db
      .selectFrom("audit_log")
      .select("action")
      .where("account_id", "=", account.id)
      .where("action", "=", "arrival_estimates.update")
      .execute();
    expect(audit).toHaveLength(1);
  });
});
