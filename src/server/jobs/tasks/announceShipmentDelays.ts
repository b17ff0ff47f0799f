import { z } from "zod";
import { announceRestockDelays } from "../../backoffice/restockDelays.ts";
import { announceShipmentDelays } from "../../backoffice/shipmentDelays.ts";
import type { Services } from "../../services.ts";
import type { TaskDefinition } from "../queue.ts";

export const ANNOUNCE_SHIPMENT_DELAYS = "announce-shipment-delays";
const ZAnnounce = z.object({
  accountId: z.uuid(),
  shipmentIds: z.array(z.uuid()).max(1000),
  /** Products whose restock date moved later (absent in jobs queued before it existed). */
  restockSkus: z.array(z.string().min(1)).max(1000).default([]),
});

/**
 * Tells the customers of shipments a shop turned `delayed` (its webhook, Shopify), and of orders
 * a product's later restock date makes late: each delay is keyed by the shipment (or SKU) and its
 * new date, so a retry or a repeated webhook tells nobody twice.
 */
export const announceShipmentDelaysTask: TaskDefinition<z.infer<typeof ZAnnounce>, Services> = {
  name: ANNOUNCE_SHIPMENT_DELAYS,
  schema: ZAnnounce,
  retryLimit: 5,
  retryDelaySeconds: 5,
  async run(services, payload) {
    const notified =
      (await announceShipmentDelays(services, payload.accountId, payload.shipmentIds)) +
      (await announceRestockDelays(services, payload.accountId, payload.restockSkus));
    services.log.info(
      {
        accountId: payload.accountId,
        shipments: payload.shipmentIds.length,
        restocks: payload.restockSkus.length,
        notified,
      },
      "shipment delays announced",
    );
  },
};
