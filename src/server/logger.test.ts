import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { closeServices, testServices } from "../../test/support/relais.ts";
import { buildApp } from "./app.ts";
import { redactUrl } from "./logger.ts";

describe("the request log keeps no credentials", { timeout: 180_000 }, () => {
  it("redacts widget tokens and download-link signatures in logged URLs", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const services = await testServices();
    const app = await buildApp({ ...services, log: pino({ level: "info" }, sink) });
    try {
      await app.inject({
        url: "/widget/00000000-0000-4000-8000-000000000000/live?token=rcw_SECRET1",
      });
      await app.inject({
        url: "/api/v1/attachments/00000000-0000-4000-8000-000000000000/download?account=a&expires=1&signature=SECRET2",
      });
      const logged = lines.join("");
      expect(logged).toContain("/download?account=a&expires=1&signature=[redacted]");
      expect(logged).toContain("/live?token=[redacted]");
      expect(logged).not.toContain("SECRET1");
      expect(logged).not.toContain("SECRET2");
    } finally {
      await app.close();
      await closeServices(services);
    }
  });

  it("leaves other parameters alone", () => {
    expect(redactUrl("/x?q=token&hub.verify_token=abc&page=2")).toBe(
      "/x?q=token&hub.verify_token=[redacted]&page=2",
    );
  });
});
