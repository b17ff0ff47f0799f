import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type Mail from "nodemailer/lib/mailer/index.js";
import type { EmailChannel } from "../../channels/email/config.ts";
import { parseEmail } from "../../channels/email/provider.ts";
import { resolveChannel } from "../../channels/resolve.ts";
import { channelCreator } from "../../commands/channelCreator.ts";
import { inboundIngester } from "../../commands/inboundIngester.ts";
import { randomSecret } from "../../crypto/tokens.ts";
import type { Channel } from "../../db/schema.ts";
import type { Services } from "../../services.ts";
import { addAgentTurn } from "./api.ts";
import type { DemoContext, DemoSection } from "./context.ts";

/** A tiny PNG (a grey pixel) standing in for a customer's photo. */
const PHOTO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const INVOICE = Buffer.from(
  "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n",
);

async function compose(mail: Mail.Options): Promise<Buffer> {
  return new MailComposer(mail).compile().build();
}

/** A customer's mail as it would arrive by SMTP: real MIME, parsed like real traffic. */
async function receive(
  services: Services,
  channel: Channel,
  mail: Mail.Options,
): Promise<string | undefined> {
  const { channel: resolved } = resolveChannel(channel, services.secrets);
  const parsed = await parseEmail(resolved as EmailChannel, await compose(mail));
  const outcome = await inboundIngester(services.db, channel, parsed.items);
  const messageId = outcome.messageIds[0];
  if (!messageId) return undefined;
  const row = await services.db
    .selectFrom("messages")
    .select("conversation_id")
    .where("account_id", "=", channel.account_id)
    .where("id", "=", messageId)
    .executeTakeFirstOrThrow();
  return row.conversation_id;
}

/** The shop's support mailbox: a damaged delivery, a broken laptop with photo and invoice, a refund. */
export const emailDemo: DemoSection = {
  name: "E-mail",
  async run(services, context: DemoContext) {
    const { accountId } = context;
    const account = await services.db
      .selectFrom("accounts")
      .select("slug")
      .where("id", "=", accountId)
      .executeTakeFirstOrThrow();
    const address = `service-client@${account.slug}.relais.test`;
    // Filling again reuses the mailbox: an inbound address belongs to one channel only.
    const claimed = await services.db
      .selectFrom("inbound_addresses")
      .innerJoin("channels", "channels.id", "inbound_addresses.channel_id")
      .selectAll("channels")
      .where("inbound_addresses.account_id", "=", accountId)
      .where("inbound_addresses.address", "=", address)
      .executeTakeFirst();
    const channel =
      claimed ??
      (await channelCreator(services.db, services.secrets, {
        accountId,
        kind: "email",
        name: "Service client (e-mail)",
        config: { address, fromName: "Maison Lumière – Service client" },
        secrets: { tokenKey: randomSecret() },
      }));
    const to = { name: "Maison Lumière", address };

    const cafetiere = await receive(services, channel, {
      from: { name: "Élodie Martin", address: "elodie.martin@example.fr" },
      to,
      subject: "Cafetière arrivée cassée – commande CMD-48213",
      date: context.ago(60 * 5),
      messageId: `<demo-cafetiere-${accountId}@example.fr>`,
      text: "Bonjour,\n\nLa cafetière reçue ce matin est fendue sur le côté, le carton était écrasé.\nEst-il possible d'avoir un échange avant vendredi ? C'est un cadeau.\n\nMerci d'avance,\nÉlodie\n\n-- \nÉlodie Martin\n06 12 34 56 78",
    });
    if (cafetiere) {
      await addAgentTurn(services, context, {
        conversationId: cafetiere,
        channelId: channel.id,
        turn: {
          from: "agent",
          agent: "camille",
          text: "Bonjour Élodie,\n\nToutes nos excuses : une cafetière neuve part aujourd'hui en Colissimo, vous la recevrez jeudi. Gardez l'ancienne, inutile de la renvoyer.\n\nCamille",
        },
        at: context.ago(60 * 4),
      });
      await receive(services, channel, {
        from: { name: "Élodie Martin", address: "elodie.martin@example.fr" },
        to,
        subject: "Re: Cafetière arrivée cassée – commande CMD-48213",
        date: context.ago(60 * 3),
        messageId: `<demo-cafetiere-2-${accountId}@example.fr>`,
        references: [`<demo-cafetiere-${accountId}@example.fr>`],
        inReplyTo: `<demo-cafetiere-${accountId}@example.fr>`,
        text: "Parfait, merci beaucoup pour la rapidité !\n\nLe 12 nov. à 10:02, Maison Lumière a écrit :\n> Toutes nos excuses : une cafetière neuve part aujourd'hui.",
      });
    }

    await receive(services, channel, {
      from: { name: "James Carter", address: "james.carter@example.com" },
      to,
      subject: "Cracked screen on arrival – photo and invoice attached",
      date: context.ago(75),
      messageId: `<demo-laptop-${accountId}@example.com>`,
      text: "Hello,\n\nThe laptop I received today (order #A-10293) has a cracked screen, see the photo.\nThe invoice is attached. Could you send a replacement?\n\nThanks,\nJames",
      html: '<p>Hello,</p><p>The laptop I received today (order #A-10293) has a cracked screen:</p><p><img src="cid:photo@example.com" alt="cracked screen"></p><p>The invoice is attached. Could you send a replacement?</p><p>Thanks,<br>James</p>',
      attachments: [
        {
          filename: "screen.png",
          content: PHOTO,
          contentType: "image/png",
          cid: "photo@example.com",
        },
        { filename: "invoice-A-10293.pdf", content: INVOICE, contentType: "application/pdf" },
      ],
    });

    const refund = await receive(services, channel, {
      from: { name: "François Lefèvre", address: "francois.lefevre@example.fr" },
      to,
      subject: "Remboursement de 129,90 € toujours pas reçu",
      date: context.ago(60 * 30),
      messageId: `<demo-refund-${accountId}@example.fr>`,
      textEncoding: "quoted-printable",
      text: "Bonjour,\n\nJ’ai renvoyé le casque le 10 novembre ; le transporteur indique « livré » depuis une semaine, mais je n’ai toujours pas reçu le remboursement de 129,90 €.\n\nCordialement,\nFrançois",
    });
    if (refund) {
      await addAgentTurn(services, context, {
        conversationId: refund,
        channelId: channel.id,
        turn: {
          from: "agent",
          agent: "admin",
          text: "Bonjour François,\n\nLe remboursement de 129,90 € vient d'être validé ; il apparaîtra sur votre compte sous 3 jours ouvrés.\n\nBien cordialement,\nAlex",
        },
        at: context.ago(60 * 28),
      });
      await services.db
        .updateTable("conversations")
        .set({ status: "resolved", resolved_at: context.ago(60 * 28), waiting_since: null })
        .where("account_id", "=", accountId)
        .where("id", "=", refund)
        .execute();
    }
    return 3;
  },
};
