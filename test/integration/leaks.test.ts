import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "../../src/server/channels/outboundGuard.ts";
import { createAccount } from "../support/factories.ts";
import { apiClient } from "../support/http.ts";
import { useTestRelais } from "../support/useRelais.ts";

describe("smaller leaks", () => {
  // The installation's default: outbound URLs may not point inside its network.
  const relais = useTestRelais({ RELAIS_OUTBOUND_ALLOW_PRIVATE: "false" });

  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:9/hook",
    "http://localhost:3000/hook",
    "http://10.1.2.3/hook",
    "http://192.168.1.10/hook",
    "http://[::1]/hook",
    "http://[fe80::1]/hook",
    "http://[fd00::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
  ])("refuses an outbound URL at %s", async (outboundUrl) => {
    const { token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const created = await api.post("/api/v1/channels", {
      kind: "api",
      name: "Shop",
      config: { outboundUrl },
    });
    expect(created.status).toBe(422);
    expect(created.body.error.id).toBe("private_address");
  });

  it("accepts a public address, and refuses changing it to a private one", async () => {
    const { token } = await createAccount(relais().services);
    const api = apiClient(relais().url, token);
    const created = await api.post("/api/v1/channels", {
      kind: "api",
      name: "Shop",
      config: { outboundUrl: "https://93.184.215.14/hook" },
    });
    expect(created.status).toBe(201);
    const changed = await api.patch(`/api/v1/channels/${created.body.data.id}`, {
      config: { outboundUrl: "http://169.254.169.254/" },
    });
    expect(changed.status).toBe(422);
  });

  it("classifies addresses", () => {
    expect(isPrivateAddress("8.8.8.8")).toBe(false);
    expect(isPrivateAddress("2001:4860:4860::8888")).toBe(false);
    expect(isPrivateAddress("172.16.0.1")).toBe(true);
    expect(isPrivateAddress("fc00::1")).toBe(true);
  });

  it("answers 404 for callback slots of another account's team", async () => {
    const { services, url } = relais();
    const mine = await createAccount(services);
    const other = await createAccount(services);
    const team = await apiClient(url, other.token).post("/api/v1/teams", { name: "Autre" });
    expect(team.status).toBe(201);
    const slots = await apiClient(url, mine.token).get(
      `/api/v1/callback-slots?teamId=${team.body.data.id}`,
    );
    expect(slots.status).toBe(404);
  });
});
