import { type IdentityClaim, type SessionInfo, WidgetApi } from "./api.ts";
import { detectedTimeZone } from "./callback.ts";
import { Connection } from "./connection.ts";
import { pickLocale } from "./i18n.ts";
import { load, save } from "./storage.ts";
import { ChatView, isSessionError } from "./ui.ts";

/**
 * The Relais chat widget, embedded with one tag:
 *
 *   <script src="https://relais.example/widget.js" data-channel="<channel-id>" async></script>
 *
 * Optional: data-locale="fr|en"; for signed-in visitors data-user-id, data-email, data-name and
 * data-signature (hex HMAC-SHA256 of "<userId>:<email>" with the channel secret).
 */
interface RelaisWidget {
  open(): void;
  close(): void;
}

declare global {
  interface Window {
    RelaisWidget?: RelaisWidget;
  }
}

function currentScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.channel) return current;
  return document.querySelector<HTMLScriptElement>("script[data-channel][src*='widget.js']");
}

async function openSession(
  api: WidgetApi,
  claim: IdentityClaim,
  locale: string,
): Promise<SessionInfo> {
  const request = (token: string | null) =>
    api.session({ ...claim, token, locale, timeZone: detectedTimeZone() });
  const stored = load<string | null>(api.channelId, "token", null);
  let session: SessionInfo;
  try {
    session = await request(stored);
  } catch (error) {
    if (!stored || !isSessionError(error)) throw error;
    session = await request(null);
  }
  api.token = session.token;
  save(api.channelId, "token", session.token);
  return session;
}

async function start(script: HTMLScriptElement): Promise<void> {
  const channelId = script.dataset.channel ?? "";
  const base = new URL(script.src, location.href).origin;
  const locale = pickLocale(script.dataset.locale);
  const claim: IdentityClaim = {
    userId: script.dataset.userId,
    email: script.dataset.email,
    name: script.dataset.name,
    signature: script.dataset.signature,
  };
  const api = new WidgetApi(base, channelId);
  const session = await openSession(api, claim, locale);

  const host = document.createElement("div");
  host.id = "relais-chat";
  document.body.append(host);
  const root = host.attachShadow({ mode: "open" });
  const view = new ChatView(root, api, locale, session);

  let cursor = load<string | null>(channelId, "cursor", null);
  const catchUp = async (from: string | null) => {
    const page = await api.messages(from);
    view.addMessages(page.messages);
    cursor = page.cursor ?? cursor;
    save(channelId, "cursor", cursor);
  };
  // History across page loads: the latest messages, then (after each reconnection) what came since.
  await catchUp(null);

  const connection = new Connection(api, {
    onOpen: (hello) => {
      view.connectionChanged(true);
      view.availability(hello.agentsAvailable);
      void catchUp(cursor).catch(() => {});
    },
    onClose: () => view.connectionChanged(false),
    onMessage: (message) => view.addMessages([message]),
    onStored: (clientId, message) => view.stored(clientId, message),
    onTyping: (typing, name) => view.typing(typing, name),
    onAvailability: (available) => view.availability(available),
    onRejected: () => {
      save(channelId, "token", null);
      void openSession(api, claim, locale).then(() => connection.start());
    },
  });
  view.attach(connection);
  connection.start();
  if (load<boolean>(channelId, "open", false)) view.openPanel();
  window.RelaisWidget = {
    open: () => view.openPanel(),
    close: () => view.closePanel(),
  };
  // The host page's own buttons (the help centre's contact options) open the chat in place.
  for (const button of document.querySelectorAll<HTMLElement>("[data-relais-open]")) {
    button.addEventListener("click", (event) => {
      event.preventDefault();
      if (button.dataset.relaisOpen === "callback") view.showCallback();
      else view.openPanel();
    });
  }
}

const script = currentScript();
if (script) {
  const run = () => {
    start(script).catch(() => {
      // The page keeps working without the widget; nothing to show the visitor.
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
}
