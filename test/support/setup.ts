import { afterEach } from "vitest";
import { installNetworkGuard, takeBlockedConnections } from "./networkGuard.ts";

// Every project: a test that reaches beyond loopback fails, naming the host it tried.
installNetworkGuard();
takeBlockedConnections();

afterEach(() => {
  const blocked = takeBlockedConnections();
  if (blocked.length > 0) {
    throw new Error(
      `this test tried to reach a non-loopback address: ${[...new Set(blocked)].join(", ")} — point the provider at a fake on 127.0.0.1`,
    );
  }
});
