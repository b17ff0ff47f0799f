import { afterAll, beforeAll } from "vitest";
import { startTestRelais } from "./relais.ts";

/** A busy machine slows starting Relais (PGlite). */
const STARTUP_MS = 180_000;

export type TestRelais = Awaited<ReturnType<typeof startTestRelais>>;

/**
 * One Relais for the whole test file: started before its tests, stopped after them. Call it at
 * the top of a `describe`; the function it returns gives the running Relais inside tests.
 */
export function useTestRelais(...args: Parameters<typeof startTestRelais>): () => TestRelais {
  let relais: TestRelais | undefined;
  beforeAll(async () => {
    relais = await startTestRelais(...args);
  }, STARTUP_MS);
  afterAll(async () => {
    await relais?.stop();
  });
  return () => {
    if (!relais) throw new Error("Relais has not started.");
    return relais;
  };
}
