import { z } from "zod";
import { announceShipmentDelays } from "../../backoffice/shipmentDelays.ts";
import type { Services } from "../../services.ts";
import type { TaskDefinition } from "../queue.ts";

export const ANNOUNCE_SHIPMENT_DELAYS = "announce-shipment-delays";
const ZAnnounce = z.object({
  accountId: z.uuid(),
  shipmentIds: z.array(z.uuid()).min(1).max(1000),
});

/**
 * Tells the customers of shipments a shop turned `delayed` (its webhook, Shopify): each delay
 * is keyed by the shipment and its new date, so a retry or a repeated webhook tells nobody twice.
 */
export const announceShipmentDelaysTask: TaskDefinition<z.infer<typeof ZAnnounce>, Services> = {
  name: ANNOUNCE_SHIPMENT_DELAYS,
  schema: ZAnnounce,
  retryLimit: 5,
  retryDelaySeconds: 5,
  async run(services, payload) {
    const notified = await announceShipmentDelays(services, payload.accountId, payload.shipmentIds);
    services.log.info(
      { accountId: payload.accountId, shipments: payload.shipmentIds.length, notified },
      "shipment delays announced",
    );
  },
};
