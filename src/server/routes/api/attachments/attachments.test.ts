import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  customerConversation as conversationOf,
  attachmentRow as rowOf,
} from "../../../../../test/support/attachments.ts";
import { createAccount } from "../../../../../test/support/factories.ts";
import { startTestRelais } from "../../../../../test/support/relais.ts";
import { binaryFixture, uploadFile } from "../../../attachments/testing.ts";
import { sweepUploads } from "../../../attachments/uploads.ts";

const MAX_BYTES = 64 * 1024;

describe("agents' attachments: upload, limits, sweep", () => {
  let relais: Awaited<ReturnType<typeof startTestRelais>>;

  beforeAll(async () => {
    relais = await startTestRelais({ RELAIS_ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
  });
  afterAll(async () => {
    await relais?.stop();
  });

  const customerConversation = (outboundUrl?: string) => conversationOf(relais, outboundUrl);
  const attachmentRow = (id: string) => rowOf(relais, id);

  it("stores an upload as raw bytes, unlinked, and gives it back to the account's agents", async () => {
    const { token, user, account } = await createAccount(relais.services);
    const bytes = binaryFixture(5000);
    const upload = await uploadFile(relais.url, token, {
      filename: "C:\\Users\\léa\\Étiquette retour.pdf",
      contentType: "application/pdf; name=x",
      content: bytes,
    });
    expect(upload.status).toBe(201);
    expect(upload.body.data).toEqual({
      id: expect.any(String),
      filename: "Étiquette retour.pdf",
      contentType: "application/pdf",
      size: 5000,
    });
    const row = await attachmentRow(upload.body.data.id);
    expect(row).toMatchObject({ account_id: account.id, message_id: null, uploaded_by: user.id });
    expect(Buffer.from(row?.content ?? []).equals(bytes)).toBe(true);

    const download = await fetch(`${relais.url}/api/v1/attachments/${upload.body.data.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(download.status).toBe(200);
    // A PDF is never rendered by the browser from Relais' origin.
    expect(download.headers.get("content-disposition")).toBe(
      "attachment; filename*=UTF-8''%C3%89tiquette%20retour.pdf",
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    // A JSON file is a file too, not a request to parse; no type at all is binary.
    const json = await uploadFile(relais.url, token, {
      filename: "commande.json",
      contentType: "application/json",
      content: Buffer.from('{"order": 42}'),
    });
    expect(json.status).toBe(201);
    const untyped = await uploadFile(relais.url, token, {
      filename: "notes",
      content: Buffer.from("hello"),
    });
    expect(untyped.body.data.contentType).toBe("application/octet-stream");
  });

  it("refuses a file over the limit with 413, announced or streamed, and stores nothing", async () => {
    const { token, account } = await createAccount(relais.services);
    const tooBig = await uploadFile(relais.url, token, {
      filename: "scan.tiff",
      contentType: "image/tiff",
      content: Buffer.alloc(MAX_BYTES + 1, 1),
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toEqual({
      id: "file_too_large",
      message: "The file is larger than 0.1 MB, the most this server accepts.",
    });

    // Without a Content-Length, the body is cut off by the limit as it streams.
    const chunks = [
      Buffer.alloc(MAX_BYTES / 2, 1),
      Buffer.alloc(MAX_BYTES / 2, 2),
      Buffer.alloc(10),
    ];
    const streamed = await fetch(`${relais.url}/api/v1/attachments?filename=big.bin`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
      body: new ReadableStream({
        pull(controller) {
          const next = chunks.shift();
          if (next) controller.enqueue(next);
          else controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { id: string } }).error.id).toBe("file_too_large");

    const stored = await relais.services.db
      .selectFrom("attachments")
      .select("id")
      .where("account_id", "=", account.id)
      .execute();
    expect(stored).toEqual([]);

    const empty = await uploadFile(relais.url, token, {
      filename: "vide.txt",
      contentType: "text/plain",
      content: Buffer.alloc(0),
    });
    expect(empty.status).toBe(400);
  });

  it("answers 401 to a caller not signed in before reading any of the file", async () => {
    // A body that never ends: only an answer given before reading it can arrive.
    const endless = new ReadableStream({
      pull: (controller) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            controller.enqueue(Buffer.alloc(1024, 1));
            resolve();
          }, 50),
        ),
    });
    const response = await fetch(`${relais.url}/api/v1/attachments?filename=x.bin`, {
      method: "POST",
      headers: {
        authorization: "Bearer rlt_not-a-token",
        "content-type": "application/octet-stream",
      },
      body: endless,
      duplex: "half",
      signal: AbortSignal.timeout(5_000),
    } as RequestInit);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { id: string } }).error.id).toBe("unauthorized");
  });

  it("sweeps uploads never sent once a day old, and keeps the rest", async () => {
    const { api, token, conversation } = await customerConversation();
    const upload = (name: string) =>
      uploadFile(relais.url, token, {
        filename: name,
        contentType: "text/plain",
        content: Buffer.from(name),
      });
    const stale = await upload("oublie.txt");
    const fresh = await upload("recent.txt");
    const sent = await upload("envoye.txt");
    await api.post(`/api/v1/conversations/${conversation.id}/messages`, {
      text: "Ci-joint",
      attachmentIds: [sent.body.data.id],
    });
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await relais.services.db
      .updateTable("attachments")
      .set({ created_at: twoDaysAgo })
      .where("id", "in", [stale.body.data.id, sent.body.data.id])
      .execute();

    expect(await sweepUploads(relais.services.db)).toBeGreaterThanOrEqual(1);
    expect(await attachmentRow(stale.body.data.id)).toBeUndefined();
    expect(await attachmentRow(fresh.body.data.id)).toBeDefined();
    expect(await attachmentRow(sent.body.data.id)).toBeDefined();
  });
});
