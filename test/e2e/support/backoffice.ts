import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runOperation } from "../../../src/server/admin/operations.ts";
import { apiClient } from "../../support/http.ts";
import { waitFor } from "../../support/wait.ts";
import { customerWrites, type Seed, type WebRelais } from "./relais.ts";

const FIXTURES = join(process.cwd(), "test", "fixtures", "backoffice");
export const TRACKING = "https://www.laposte.fr/outils/suivre-vos-envois?code=6A123";

/**
 * The back office's test account: products and orders imported from the CSV fixtures, Zoé's
 * message naming two orders (the first hers, with a tracked shipment), and credit limits small
 * enough for that order to show both sides of the agent's limit. Gives Zoé's conversation id.
 */
export async function seedBackOffice(relais: WebRelais, seed: Seed): Promise<string> {
  const { services } = relais;
  for (const kind of ["products", "orders"] as const) {
    await runOperation(services, `import.${kind}`, {
      account: seed.account.slug,
      content: readFileSync(join(FIXTURES, `${kind}.csv`), "utf8"),
      format: "csv",
    });
  }
  await customerWrites(
    relais,
    seed,
    "Bonjour, ma commande 48213 est arrivée cassée. Et où en est la commande 48214 ?",
    {
      id: "zoe",
      name: "Zoé Lambert",
    },
  );
  const api = apiClient(relais.url, seed.token);
  const [conversation] = await waitFor(
    async () => {
      const rows = (await api.get("/api/v1/conversations")).body.data;
      return rows.length === 1 ? rows : null;
    },
    { timeoutMs: 40_000 },
  );
  // Zoé's order is hers: the customer who writes is the one who bought it.
  await services.db
    .updateTable("orders")
    .set({ contact_id: conversation.contact.id })
    .where("account_id", "=", seed.account.id)
    .where("number", "=", "48213")
    .execute();
  await services.db
    .updateTable("shipments")
    .set({ tracking_url: TRACKING })
    .where("account_id", "=", seed.account.id)
    .where("tracking_number", "=", "6A123")
    .execute();
  // Credits small enough for this order's total to show both sides of the agent's limit.
  await api.put("/api/v1/authority-limits", { agent: { credit: { perAction: 5, perDay: 100 } } });
  return conversation.id as string;
}
