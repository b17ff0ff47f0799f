import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../../test/support/factories.ts";
import { apiClient } from "../../../../test/support/http.ts";
import { testEnv } from "../../../../test/support/relais.ts";
import { waitFor } from "../../../../test/support/wait.ts";
import type { Env } from "../../env.ts";
import { type RunningRelais, startRelais } from "../../runtime.ts";
import { createEmailChannel } from "./testing/channels.ts";
import { startDovecot } from "./testing/dovecot.ts";
import { emailFixture } from "./testing/fixtures.ts";

/** A message bigger than the channel's limit: a short text and a large video. */
function hugeMessage(to: string): Buffer {
  const video = randomBytes(150_000).toString("base64").replace(/.{76}/g, "$&\r\n");
  return Buffer.from(
    [
      "From: Lucas Bernard <lucas.bernard@example.fr>",
      `To: ${to}`,
      "Subject: =?UTF-8?Q?Vid=C3=A9o_du_probl=C3=A8me?=",
      "Date: Sat, 21 Nov 2026 11:00:00 +0100",
      "Message-ID: <huge-video-1@example.fr>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b1"',
      "",
      "--b1",
      "Content-Type: text/plain; charset=ISO-8859-1",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "Voici la vid=E9o du probl=E8me : l'=E9cran clignote d=E8s le d=E9marrage.",
      "--b1",
      'Content-Type: video/mp4; name="ecran.mp4"',
      "Content-Transfer-Encoding: base64",
      'Content-Disposition: attachment; filename="ecran.mp4"',
      "",
      video,
      "--b1--",
      "",
    ].join("\r\n"),
    "latin1",
  );
}

describe("email in by IMAP polling (a real Dovecot)", () => {
  let dovecot: Awaited<ReturnType<typeof startDovecot>>;
  let env: Env;
  let relais: RunningRelais | null = null;

  beforeAll(async () => {
    dovecot = await startDovecot();
    // One database for both runs below: a file-backed PGlite or the test's PostgreSQL database.
    env = await testEnv({ RELAIS_SMTP_PORT: "0" });
  }, 120_000);
  afterAll(async () => {
    await relais?.stop();
    await dovecot?.stop();
  });

  it("fetches several mailboxes, stores each mail once, and survives a restart", {
    timeout: 180_000,
  }, async () => {
    relais = await startRelais(env, { inMemory: false });
    const { account, token } = await createAccount(relais.services);
    let api = apiClient(relais.url ?? "", token);
    const address = "contact@shop.example";
    await dovecot.session(async (imap) => {
      await imap.mailboxCreate("Support");
      for (const name of ["fr-iso-8859-1-qp", "windows-1252-8bit", "auto-reply"]) {
        await imap.append("INBOX", emailFixture(name, { TO: address }));
      }
      await imap.append("INBOX", hugeMessage(address));
      await imap.append("INBOX", emailFixture("attachment-inline", { TO: address }));
      await imap.append("Support", emailFixture("alternative-utf8", { TO: address }));
    });

    const { channel } = await createEmailChannel(relais.services, account.id, {
      imapUrl: dovecot.imapUrl("INBOX,Support"),
      config: { pollIntervalSeconds: 1, maxMessageBytes: 100_000, batchSize: 2 },
    });
    const subjects = async () => {
      const list = await api.get(
        "/api/v1/conversations?status=open,pending,snoozed,resolved&limit=100",
      );
      return (list.body.data as Array<{ subject: string }>).map((c) => c.subject).sort();
    };
    const expected = [
      "Cafetière abîmée à la livraison",
      "Cracked screen on arrival - photo and invoice attached",
      "Question sur la garantie – casque à réduction de bruit 🎧",
      "Remboursement de 129,90 € – colis « livré »",
      "Vidéo du problème",
    ].sort();
    await waitFor(async () => (await subjects()).length === expected.length, {
      timeoutMs: 90_000,
      message: `all mail fetched (dovecot log: ${dovecot.log().slice(-500)})`,
    });
    expect(await subjects()).toEqual(expected);

    const state = async () =>
      (
        await relais!.services.db
          .selectFrom("channels")
          .select("state")
          .where("account_id", "=", account.id)
          .where("id", "=", channel.id)
          .executeTakeFirstOrThrow()
      ).state.imap as Record<string, { uidValidity: string; lastUid: number }>;
    const cursors = await waitFor(
      async () => {
        const current = await state();
        return current?.INBOX?.lastUid === 5 && current.Support?.lastUid === 1 ? current : null;
      },
      { timeoutMs: 30_000 },
    );
    expect(cursors.INBOX?.uidValidity).toMatch(/^\d+$/);

    // The huge message: its text, and a note of the video left behind; the others were not held up.
    const huge = await api.get("/api/v1/conversations?q=clignote");
    const detail = await api.get(`/api/v1/conversations/${huge.body.data[0].id}`);
    const [message] = detail.body.data.messages;
    expect(message.text).toBe("Voici la vidéo du problème : l'écran clignote dès le démarrage.");
    expect(message.attachments).toEqual([]);
    expect(message.metadata.oversize.skipped).toEqual([
      expect.objectContaining({ filename: "ecran.mp4", contentType: "video/mp4" }),
    ]);
    const james = (await api.get("/api/v1/conversations?q=cracked")).body.data[0];
    const withFiles = (await api.get(`/api/v1/conversations/${james.id}`)).body.data.messages[0];
    expect(withFiles.attachments.map((file: { filename: string }) => file.filename)).toEqual([
      "screen.png",
      "invoice-A-10293.pdf",
    ]);

    // Polled read-only: the customer's mailbox still shows the mail as unread.
    const flags = await dovecot.session(async (imap) => {
      const lock = await imap.getMailboxLock("INBOX");
      try {
        return (await imap.fetchAll("1:*", { flags: true })).map((m) => [...(m.flags ?? [])]);
      } finally {
        lock.release();
      }
    });
    expect(flags.flat()).not.toContain("\\Seen");

    // More polls change nothing: two more whole polls (each a Dovecot session, login to logout).
    const sessionsEnded = () => dovecot.log().match(/Logged out/g)?.length ?? 0;
    const ended = sessionsEnded();
    await waitFor(() => sessionsEnded() >= ended + 2, {
      timeoutMs: 30_000,
      message: `two more polls (dovecot log: ${dovecot.log().slice(-500)})`,
    });
    expect(await subjects()).toEqual(expected);
    await relais.stop();
    relais = null;

    // While Relais is down, a new mail arrives; a new Relais on the same database fetches it alone.
    await dovecot.session((imap) =>
      imap.append(
        "INBOX",
        emailFixture("reply-in-reply-to", {
          TO: address,
          MESSAGE_ID: "<unknown-to-relais@shop.example>",
          DATE: new Date().toUTCString(),
        }),
      ),
    );
    relais = await startRelais(env, { inMemory: false });
    api = apiClient(relais.url ?? "", token);
    await waitFor(async () => (await state())?.INBOX?.lastUid === 6, { timeoutMs: 90_000 });
    const elodie = (await api.get("/api/v1/conversations?q=cafetière")).body.data;
    expect(elodie).toHaveLength(1);
    const thread = (await api.get(`/api/v1/conversations/${elodie[0].id}`)).body.data.messages;
    expect(thread.map((m: { text: string }) => m.text)).toEqual([
      expect.stringContaining("Mon colis est arrivé ce matin"),
      "Merci beaucoup, l'échange me convient parfaitement.",
    ]);

    // A renumbered mailbox (new UIDVALIDITY) is read again from the start, without duplicates.
    await relais.services.db
      .updateTable("channels")
      .set({
        state: JSON.stringify({ imap: { ...cursors, INBOX: { uidValidity: "1", lastUid: 99 } } }),
      })
      .where("account_id", "=", account.id)
      .where("id", "=", channel.id)
      .execute();
    await waitFor(async () => (await state())?.INBOX?.uidValidity === cursors.INBOX?.uidValidity, {
      timeoutMs: 90_000,
    });
    expect((await state())?.INBOX?.lastUid).toBe(6);
    expect(await subjects()).toEqual(expected);
    const count = await relais.services.db
      .selectFrom("messages")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("account_id", "=", account.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(6);
    // This channel stops polling: the next test's Relais, on the same database, polls only its own.
    await relais.services.db
      .updateTable("channels")
      .set({ disabled_at: new Date() })
      .where("account_id", "=", account.id)
      .where("id", "=", channel.id)
      .execute();
    await relais.stop();
    relais = null;
  });
  it("reads an encoded-word From, and keeps mail that names nobody in the quarantine", {
    timeout: 180_000,
  }, async () => {
    relais = await startRelais(env, { inMemory: false });
    const { account, token } = await createAccount(relais.services);
    const api = apiClient(relais.url ?? "", token);
    const address = "contact@shop.example";
    await dovecot.session(async (imap) => {
      await imap.mailboxCreate("Quarantaine");
      await imap.append("Quarantaine", emailFixture("python-encoded-from", { TO: address }));
      await imap.append(
        "Quarantaine",
        emailFixture("no-sender-address", { TO: address, MESSAGE_ID: "imap-nameless@example.fr" }),
      );
    });
    const { channel } = await createEmailChannel(relais.services, account.id, {
      imapUrl: dovecot.imapUrl("Quarantaine"),
      config: { pollIntervalSeconds: 1 },
    });
    const cursor = async () =>
      (
        await relais!.services.db
          .selectFrom("channels")
          .select("state")
          .where("account_id", "=", account.id)
          .where("id", "=", channel.id)
          .executeTakeFirstOrThrow()
      ).state.imap as Record<string, { lastUid: number }> | undefined;
    // The cursor passes a message only once it is stored: in a conversation or the quarantine.
    await waitFor(async () => (await cursor())?.Quarantaine?.lastUid === 2, {
      timeoutMs: 90_000,
      message: async () => {
        const jobs = await sql<{ state: string; retry_count: number; output: unknown }>`
          select state, retry_count, output from pgboss.job
          where name = 'poll-channel' and data->>'channelId' = ${channel.id}
          order by created_on desc limit 5`.execute(relais!.services.db);
        return `mailbox polled (cursor ${JSON.stringify(await cursor())}, poll jobs ${JSON.stringify(jobs.rows)}, dovecot log: ${dovecot.log().slice(-800)})`;
      },
    });
    const [rene] = (await api.get("/api/v1/conversations")).body.data;
    expect(rene.contact.name).toBe("René Dupont");
    const held = (await api.get("/api/v1/email-quarantine")).body.data;
    expect(held).toEqual([
      expect.objectContaining({
        reason: "no sender address",
        subject: "Remboursement en attente",
        channel: expect.objectContaining({ id: channel.id }),
      }),
    ]);
    await relais.stop();
    relais = null;
  });
});
