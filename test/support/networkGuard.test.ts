import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { startFakeServer } from "./fakeServer.ts";
import { connectTarget, isLoopbackHost, takeBlockedConnections } from "./networkGuard.ts";

describe("the test network guard", () => {
  it("refuses a non-loopback address before any packet and names it", async () => {
    takeBlockedConnections();
    await expect(fetch("http://192.0.2.7:8443/2/tweets")).rejects.toThrow();
    await expect(fetch("https://graph.facebook.com/v23.0/me")).rejects.toThrow();
    expect(takeBlockedConnections()).toEqual(["192.0.2.7:8443", "graph.facebook.com:443"]);
  });

  it("lets loopback and unix sockets through", async () => {
    const fake = await startFakeServer(() => ({ status: 200, body: { ok: true } }));
    try {
      const response = await fetch(`${fake.url}/ping`);
      expect(response.status).toBe(200);
    } finally {
      await fake.close();
    }
    const path = `/tmp/relais-guard-${process.pid}-${Date.now()}.sock`;
    const server = createServer((socket) => socket.end("hi"));
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      const { connect } = await import("node:net");
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(path);
        socket.on("data", (data) => resolve(data.toString()));
        socket.on("error", reject);
      });
      expect(reply).toBe("hi");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(takeBlockedConnections()).toEqual([]);
  });

  it("tells loopback from the rest", () => {
    for (const host of [
      "127.0.0.1",
      "127.3.2.1",
      "::1",
      "[::1]",
      "::ffff:127.0.0.1",
      "localhost",
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      "10.0.0.1",
      "169.254.169.254",
      "::2",
      "::ffff:10.0.0.1",
      "api.x.com",
      "0.0.0.0",
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
    expect(connectTarget([{ host: "api.x.com", port: 443 }])).toEqual({
      host: "api.x.com",
      port: "443",
    });
    expect(connectTarget([[{ path: "/run/x.sock" }, null]])).toEqual({ path: "/run/x.sock" });
    expect(connectTarget([5432, "10.1.1.1"])).toEqual({ host: "10.1.1.1", port: "5432" });
    expect(connectTarget([5432])).toEqual({ host: "localhost", port: "5432" });
  });
});
