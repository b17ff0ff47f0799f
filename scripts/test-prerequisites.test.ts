import { describe, expect, it } from "vitest";
import { type Found, main, plan } from "./test-prerequisites.mjs";

const ready: Found = {
  missing: [],
  postgresUp: true,
  postgresVersions: ["15"],
  root: true,
  apt: true,
};

describe("npm test's pretest step", () => {
  it("does nothing when everything is there", () => {
    expect(plan(ready)).toEqual({ action: "none" });
    expect(plan({ ...ready, root: false, apt: false })).toEqual({ action: "none" });
  });

  it("installs the missing Debian packages and starts PostgreSQL when root", () => {
    expect(plan({ ...ready, missing: ["dovecot-imapd", "chromium"], postgresUp: false })).toEqual({
      action: "run",
      commands: [
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "dovecot-imapd", "chromium"],
        ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "start"],
      ],
    });
  });

  it("stops with the exact command when not root, or without apt-get", () => {
    const decision = plan({ ...ready, missing: ["fonts-noto-color-emoji"], root: false });
    expect(decision.action).toBe("stop");
    expect(decision.action === "stop" && decision.message).toContain(
      "sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends fonts-noto-color-emoji",
    );
    expect(plan({ ...ready, missing: ["chromium"], apt: false }).action).toBe("stop");
  });

  it("says so when no PostgreSQL server is installed or reachable", () => {
    const decision = plan({
      ...ready,
      missing: ["chromium"],
      postgresUp: false,
      postgresVersions: [],
    });
    expect(decision.action).toBe("stop");
    expect(decision.action === "stop" && decision.message).toMatch(
      /127\.0\.0\.1:5432[\s\S]*chromium/,
    );
  });

  it("runs the commands, checks again, and fails when a command fails", async () => {
    const states: Found[] = [{ ...ready, missing: ["chromium"] }, ready];
    const ran: string[][] = [];
    const log: string[] = [];
    const code = await main({
      look: async () => states.shift() ?? ready,
      run: (command) => {
        ran.push(command);
        return 0;
      },
      log: (line) => log.push(line),
    });
    expect(code).toBe(0);
    expect(ran.map((command) => command[1])).toEqual(["update", "install"]);

    const failing = await main({
      look: async () => ({ ...ready, missing: ["chromium"] }),
      run: () => 100,
      log: (line) => log.push(line),
    });
    expect(failing).toBe(1);
    expect(log.at(-1)).toContain("failed");
  });

  it("fails when the packages are still missing after installing", async () => {
    const log: string[] = [];
    const code = await main({
      look: async () => ({ ...ready, missing: ["chromium"] }),
      run: () => 0,
      log: (line) => log.push(line),
    });
    expect(code).toBe(1);
    expect(log.at(-1)).toContain("still not ready");
  });

  it("stops without running anything when it may not install", async () => {
    let ran = 0;
    const code = await main({
      look: async () => ({ ...ready, missing: ["dovecot-imapd"], root: false }),
      run: () => {
        ran += 1;
        return 0;
      },
      log: () => {},
    });
    expect(code).toBe(1);
    expect(ran).toBe(0);
  });
});
