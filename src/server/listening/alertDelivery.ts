import { SIGNATURE_HEADER, signPayload } from "../channels/api/signature.ts";
import type { EmailChannel } from "../channels/email/config.ts";
import { relayTransport } from "../channels/email/outbound.ts";
import { httpRequest } from "../channels/http.ts";
import { resolveChannel } from "../channels/resolve.ts";
import { reportMailChannel } from "../models/reportSchedules.ts";
import type { Services } from "../services.ts";
import { spikeWebhookBody } from "./spikes.ts";

/**
 * Delivers one spike alert: the signed POST to the query's webhook (`X-Relais-Signature` as the
 * API channel signs its callbacks, with the query's secret) or the email to its addresses
 * through the account's first email channel with an SMTP relay. Throws on a failure worth
 * another attempt (the job retries); the body is the same each time.
 */
export async function deliverListeningAlert(
  services: Services,
  props: { accountId: string; alertId: string; target: "webhook" | "email" },
): Promise<void> {
  const alert = await services.db
    .selectFrom("listening_alerts")
    .selectAll()
    .where("account_id", "=", props.accountId)
    .where("id", "=", props.alertId)
    .executeTakeFirst();
  if (!alert) return;
  const query = await services.db
    .selectFrom("listening_queries")
    .selectAll()
    .where("account_id", "=", props.accountId)
    .where("id", "=", alert.query_id)
    .executeTakeFirst();
  if (!query) return;
  const log = services.log.child({ accountId: props.accountId, alertId: alert.id });
  if (props.target === "webhook") {
    if (!query.webhook_url || !query.webhook_secret) return;
    const body = spikeWebhookBody(alert);
    const secret = services.secrets.open<string>(query.webhook_secret);
    const response = await httpRequest(
      query.webhook_url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [SIGNATURE_HEADER]: signPayload(secret, body),
        },
        body,
        publicOnly: !services.env.RELAIS_OUTBOUND_ALLOW_PRIVATE,
      },
      services.env.RELAIS_HTTP_TIMEOUT_MS,
    );
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new Error(`the listening webhook answered ${response.status}; tried again`);
    }
    if (response.status >= 300) log.warn({ status: response.status }, "listening webhook refused");
    return;
  }
  if (query.emails.length === 0) return;
  const channel = await mailChannel(services, props.accountId);
  if (!channel?.secrets.smtpUrl) {
    log.warn({}, "no email channel with an SMTP relay for the listening alert");
    return;
  }
  const transport = relayTransport(
    channel.secrets.smtpUrl,
    channel,
    services.env.RELAIS_HTTP_TIMEOUT_MS,
  );
  try {
    const rate = Math.round(alert.baseline_per_hour * 100) / 100;
    await transport.sendMail({
      from: { name: channel.config.fromName ?? channel.row.name, address: channel.config.address },
      to: query.emails,
      subject: `Relais — pic de mentions négatives / negative spike: ${query.name}`,
      messageId: `<relais.listening.${alert.id}@relais.invalid>`,
      text: [
        `« ${query.name} » : ${alert.negative_count} mentions négatives dans la dernière fenêtre (référence ${rate} par heure).`,
        "",
        `"${query.name}": ${alert.negative_count} negative mentions in the last window (baseline ${rate} per hour).`,
      ].join("\n"),
    });
  } finally {
    transport.close();
  }
}

async function mailChannel(services: Services, accountId: string): Promise<EmailChannel | null> {
  for (const row of await reportMailChannel(services.db, {
    account_id: accountId,
    channel_id: null,
  })) {
    const { channel } = resolveChannel(row, services.secrets);
    const email = channel as EmailChannel;
    if (email.secrets.smtpUrl) return email;
  }
  return null;
}
