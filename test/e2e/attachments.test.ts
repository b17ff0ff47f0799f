import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32, deflateSync } from "node:zlib";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelCreator } from "../../src/server/commands/channelCreator.ts";
import { inboundIngester } from "../../src/server/commands/inboundIngester.ts";
import { createChatChannel } from "../../src/server/routes/widget/testing.ts";
import { startFakeServer } from "../support/fakeServer.ts";
import { apiClient } from "../support/http.ts";
import { waitFor } from "../support/wait.ts";
import { type Browser, openBrowser, screenshot, signIn } from "./support/browser.ts";
import { settle, useLocale } from "./support/checks.ts";
import {
  customerWrites,
  type Seed,
  seedAccount,
  startWebRelais,
  type WebRelais,
} from "./support/relais.ts";
import { capture } from "./support/settings.ts";

/** A real PNG (a parcel-brown gradient with a label stripe), as a phone photo would be. */
function photoPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) {
      const label = y > height * 0.4 && y < height * 0.6 && x > width * 0.25 && x < width * 0.75;
      const shade = Math.round(40 * (x / width));
      rows.set(label ? [250, 250, 245] : [176 + shade, 128 + shade, 80], row + 1 + x * 3);
    }
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);

/**
 * An agent attaches a return label and a photo in the composer (chooser, then drag and drop),
 * sees them upload, sends, and finds them on the reply in the timeline; the shop's system
 * receives signed links that work. On a channel that carries no files, the paperclip says why.
 */
describe("attachments in the composer", () => {
  let relais: WebRelais;
  let shop: Awaited<ReturnType<typeof startFakeServer>>;
  let seed: Seed;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;

  const open = async (page: Page, conversationId: string) => {
    await page.goto(`${relais.url}/inbox/all/${conversationId}?status=all`);
    await page.getByTestId("composer").waitFor();
  };
  const conversationOf = (name: string) =>
    waitFor(async () => {
      const list = (await api.get("/api/v1/conversations?status=open,pending")).body.data as Array<{
        id: string;
        contact: { name: string | null };
      }>;
      return list.find((conversation) => conversation.contact.name === name)?.id;
    });
  const chips = (page: Page) => page.getByTestId("composer-file");

  beforeAll(async () => {
    shop = await startFakeServer(() => ({ status: 200, body: { ok: true } }));
    relais = await startWebRelais();
    seed = await seedAccount(relais, { outboundUrl: `${shop.url}/replies` });
    api = apiClient(relais.url, seed.token);
    browser = await openBrowser();
    await signIn(browser.page, relais.url, seed.user.email, seed.password);
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.stop();
    await shop?.close();
  });

  it("attaches files with the paperclip, shows them uploading then ready, and sends them", async () => {
    const { page } = browser;
    await customerWrites(
      relais,
      seed,
      "Bonjour, le colis est arrivé écrasé. Pouvez-vous m'envoyer une étiquette de retour ?",
      { id: "cust-ines", name: "Inès Garnier" },
    );
    const conversationId = await conversationOf("Inès Garnier");
    await open(page, conversationId);

    const attach = page.getByTestId("attach");
    expect(await attach.getAttribute("aria-disabled")).toBeNull();
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), attach.click()]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([
      { name: "Étiquette retour CMD-48213.pdf", mimeType: "application/pdf", buffer: PDF },
      { name: "colis-abime.png", mimeType: "image/png", buffer: photoPng(480, 300) },
    ]);
    await waitFor(
      async () =>
        (await chips(page).evaluateAll((items) =>
          items.every((item) => item.getAttribute("data-status") === "ready"),
        )) && (await chips(page).count()) === 2,
      { message: "both files uploaded" },
    );
    expect(
      await chips(page).evaluateAll((items) => items.map((item) => item.dataset.filename)),
    ).toEqual(["Étiquette retour CMD-48213.pdf", "colis-abime.png"]);
    expect(await chips(page).first().textContent()).toMatch(/Étiquette retour CMD-48213\.pdf.*o/);

    const input = page.getByTestId("composer-input");
    await input.fill(
      "Voici votre étiquette de retour, et la photo que nous transmettons au transporteur.",
    );
    await input.hover();
    await page.getByRole("tooltip").waitFor({ state: "hidden" });
    await capture(page, "attachments-composer-fr");
    await page.getByTestId("send").click();

    const reply = page.locator('.rl-message[data-kind="out"]', { hasText: "étiquette de retour" });
    await reply.locator('[data-delivery-status="sent"]').waitFor({ timeout: 15_000 });
    expect(await chips(page).count()).toBe(0);
    await reply.getByText("Étiquette retour CMD-48213.pdf").waitFor();
    const thumbnail = reply.locator('img[alt="colis-abime.png"]');
    await thumbnail.waitFor();
    await waitFor(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth === 480), {
      message: "the photo's thumbnail loaded",
    });
    await capture(page, "attachments-sent-fr");

    // The shop's system got the reply with signed links that give the very bytes.
    const received = await waitFor(() =>
      shop.requests.find((request) => request.json?.message?.text?.includes("étiquette de retour")),
    );
    const files = received.json.message.attachments as Array<{ filename: string; url: string }>;
    expect(files.map((file) => file.filename)).toEqual([
      "Étiquette retour CMD-48213.pdf",
      "colis-abime.png",
    ]);
    const link = new URL(files[0]?.url ?? "");
    const download = await fetch(`${relais.url}${link.pathname}${link.search}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it("takes files dropped on the composer, and removes one before sending", async () => {
    const { page } = browser;
    await useLocale(page, "en");
    await customerWrites(relais, seed, "Hello, could you send me the invoice for my order?", {
      id: "cust-oliver",
      name: "Oliver Hughes",
    });
    const conversationId = await conversationOf("Oliver Hughes");
    await open(page, conversationId);

    const drop = async (name: string, type: string, text: string) => {
      const transfer = await page.evaluateHandle(
        ({ name, type, text }) => {
          const data = new DataTransfer();
          data.items.add(new File([text], name, { type }));
          return data;
        },
        { name, type, text },
      );
      await page.getByTestId("composer").dispatchEvent("dragover", { dataTransfer: transfer });
      await page.getByTestId("composer").dispatchEvent("drop", { dataTransfer: transfer });
    };
    await drop("invoice-2026-118.pdf", "application/pdf", "%PDF-1.4 invoice");
    await drop("draft-notes.txt", "text/plain", "not for the customer");
    await waitFor(
      async () =>
        (await chips(page).count()) === 2 &&
        (await chips(page).evaluateAll((items) =>
          items.every((item) => item.getAttribute("data-status") === "ready"),
        )),
      { message: "dropped files uploaded" },
    );
    await page.getByTestId("composer-input").fill("Here is your invoice.");

    // A file the server refuses stays as a red chip, with the reason, until it is removed.
    await drop("empty.csv", "text/csv", "");
    const refused = chips(page).filter({ hasText: "empty.csv" });
    await refused.and(page.locator('[data-status="failed"]')).waitFor();
    expect(await refused.textContent()).toContain("Empty file");
    expect(await page.getByTestId("send").isDisabled()).toBe(true);
    await capture(page, "attachments-composer-en");
    await refused.getByTestId("composer-file-remove").click();
    expect(await page.getByTestId("send").isDisabled()).toBe(false);

    const draft = chips(page).filter({ hasText: "draft-notes.txt" });
    await draft.getByTestId("composer-file-remove").click();
    await draft.waitFor({ state: "detached" });
    await page.getByTestId("send").click();
    const reply = page.locator('.rl-message[data-kind="out"]', { hasText: "Here is your invoice" });
    await reply.locator('[data-delivery-status="sent"]').waitFor({ timeout: 15_000 });
    await reply.getByText("invoice-2026-118.pdf").waitFor();
    expect(await reply.getByText("draft-notes.txt").count()).toBe(0);
    const stored = await relais.services.db
      .selectFrom("attachments")
      .select("filename")
      .where("account_id", "=", seed.account.id)
      .where("filename", "=", "draft-notes.txt")
      .execute();
    expect(stored).toEqual([]);
    await capture(page, "attachments-sent-en");
  });

  it("disables the paperclip, saying why, on a channel that carries no files", async () => {
    const { page } = browser;
    const bluesky = await channelCreator(relais.services.db, relais.services.secrets, {
      accountId: seed.account.id,
      kind: "bluesky",
      name: "Bluesky",
      config: { handle: "shop.example", serviceUrl: "http://127.0.0.1:9", pollSeconds: 0 },
      secrets: { appPassword: "app-password" },
    });
    await inboundIngester(relais.services.db, bluesky, [
      {
        type: "message",
        message: {
          externalId: "at://did:plc:noah/app.bsky.feed.post/e2e1",
          text: "@shop.example my parcel never arrived",
          visibility: "public",
          contact: {
            identity: { kind: "bluesky", value: "did:plc:noah", displayName: "Noah Clarke" },
            name: "Noah Clarke",
          },
        },
      },
    ]);
    const conversationId = await conversationOf("Noah Clarke");
    await open(page, conversationId);
    const attach = page.getByTestId("attach");
    expect(await attach.getAttribute("aria-disabled")).toBe("true");
    await attach.hover();
    const tooltip = page.getByRole("tooltip");
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toBe(
      "Files cannot be sent on Bluesky: share a link in your reply, or attach them to an internal note.",
    );
    await capture(page, "attachments-unsupported-en");
    // Clicking anyway opens no file chooser.
    const chooser = page.waitForEvent("filechooser", { timeout: 1000 }).catch(() => null);
    await attach.click({ force: true });
    expect(await chooser).toBeNull();

    // An internal note may carry files on any channel.
    await page.locator("label", { has: page.getByTestId("mode-note") }).click();
    expect(await attach.getAttribute("aria-disabled")).toBeNull();
  });

  it("shows the chat visitor the photo and the file in the widget, from the shop's own page", async () => {
    let channelId = "";
    const host: Server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Maison Lumière</title></head>
<body><h1>Maison Lumière</h1>
<script src="${relais.url}/widget.js" data-channel="${channelId}" data-locale="fr" async></script>
</body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    const { channel } = await createChatChannel(relais.services, seed.account.id, {
      allowedOrigins: [hostUrl],
    });
    channelId = channel.id;
    const visitor = await browser.context.newPage();
    const problems: string[] = [];
    visitor.on("pageerror", (error) => problems.push(error.message));
    try {
      await visitor.goto(hostUrl);
      await visitor.locator(".launcher").click();
      const input = visitor.locator("textarea[name=message]");
      await input.fill("Bonjour, pouvez-vous m'envoyer la notice de la lampe ?");
      await input.press("Enter");
      const asked = visitor.locator(".message.in[data-id]", { hasText: "notice de la lampe" });
      await asked.waitFor();
      const conversationId = await waitFor(async () => {
        const list = (await api.get(`/api/v1/conversations?channelId=${channelId}`)).body.data;
        return (list as Array<{ id: string }>)[0]?.id;
      });

      const upload = async (filename: string, type: string, content: Buffer) => {
        const response = await fetch(
          `${relais.url}/api/v1/attachments?filename=${encodeURIComponent(filename)}`,
          {
            method: "POST",
            headers: { authorization: `Bearer ${seed.token}`, "content-type": type },
            body: Uint8Array.from(content),
          },
        );
        return ((await response.json()) as { data: { id: string } }).data.id;
      };
      const ids = [
        await upload("lampe-montage.png", "image/png", photoPng(360, 220)),
        await upload("Notice lampe Aurore.pdf", "application/pdf", PDF),
      ];
      const reply = await api.post(`/api/v1/conversations/${conversationId}/messages`, {
        text: "Voici la notice, et une photo du montage.",
        attachmentIds: ids,
      });
      expect(reply.status).toBe(201);

      const answer = visitor.locator(".message.out", { hasText: "Voici la notice" });
      await answer.waitFor({ timeout: 20_000 });
      const photo = answer.locator('img[alt="lampe-montage.png"]');
      await waitFor(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth === 360), {
        message: "the photo shows in the widget",
      });
      const file = answer.locator("a.file", { hasText: "Notice lampe Aurore.pdf" });
      const href = (await file.getAttribute("href")) ?? "";
      expect(href.startsWith(`${relais.url}/api/v1/attachments/${ids[1]}/download?`)).toBe(true);
      const download = await fetch(href);
      expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
      await settle(visitor);
      await screenshot(visitor, "attachments-widget-fr");
      expect(problems).toEqual([]);
    } finally {
      await visitor.close();
      host.closeAllConnections();
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });
});
