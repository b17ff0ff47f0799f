import type { ChannelKind } from "../../shared/enums.ts";
import { providerFor } from "./registry.ts";

/**
 * What Relais generates for a new channel of this kind (signing secrets, token keys) joined with
 * what the admin typed, whose values win; `shown` is what was generated and kept, to show once.
 */
export function withGeneratedSecrets(
  kind: ChannelKind,
  given: Record<string, unknown> = {},
): { secrets: Record<string, unknown>; shown: Record<string, unknown> | undefined } {
  const generated = providerFor(kind).generateSecrets?.() as Record<string, unknown> | undefined;
  const shown = Object.fromEntries(
    Object.entries(generated ?? {}).filter(([key]) => !(key in given)),
  );
  return {
    secrets: { ...generated, ...given },
    shown: Object.keys(shown).length > 0 ? shown : undefined,
  };
}
