import {
  ApiError,
  type SessionInfo,
  type WidgetApi,
  type WidgetAttachment,
  type WidgetMessage,
} from "./api.ts";
import { callbackView } from "./callback.ts";
import type { Connection, PendingMessage } from "./connection.ts";
import { el, icon } from "./dom.ts";
import { fileList } from "./files.ts";
import { type Locale, t } from "./i18n.ts";
import { save } from "./storage.ts";
import { styles } from "./styles.ts";
import { articleSuggestions } from "./suggestions.ts";
import { surveyChoices } from "./surveyChoices.ts";

const TYPING_TTL_MS = 6000;
const AWAY_AFTER_MS = 45_000;
const TYPING_EVERY_MS = 2000;

/** The widget's screen: launcher, conversation, contact options always in view, callback form. */
export class ChatView {
  readonly #messages = new Map<string, WidgetMessage>();
  readonly #acked = new Map<string, "delivered" | "read">();
  readonly #list = el("ol", {
    class: "messages",
    "aria-live": "polite",
    // Focusable, so that a keyboard can scroll the conversation once it overflows.
    tabindex: "0",
  });
  readonly #panel: HTMLElement;
  readonly #notice = el("div", { class: "notice", role: "status", hidden: "true" });
  readonly #typing = el("div", { class: "typing", hidden: "true" });
  readonly #emailForm: HTMLFormElement;
  readonly #composer: HTMLFormElement;
  readonly #input = el("textarea", { name: "message", rows: "1" });
  #callback: HTMLElement | null = null;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #awayTimer: ReturnType<typeof setTimeout> | undefined;
  #lastTyping = 0;
  #agentsAvailable: boolean;
  #connection: Connection | null = null;
  #suggestions: ReturnType<typeof articleSuggestions>;

  constructor(
    private readonly root: ShadowRoot,
    private readonly api: WidgetApi,
    private readonly locale: Locale,
    private session: SessionInfo,
  ) {
    this.#agentsAvailable = session.agentsAvailable;
    const { channel } = session;
    const style = el("style", {}, styles(channel.colors.primary, channel.colors.text));
    const launcher = el(
      "button",
      { class: "launcher", type: "button", "aria-label": t(locale, "open") },
      icon("chat"),
    );
    const close = el(
      "button",
      { type: "button", class: "close", "aria-label": t(locale, "close") },
      "×",
    );

    const contact = el("nav", { class: "contact" });
    if (channel.callbackEnabled) {
      const callback = el(
        "button",
        { type: "button", "data-action": "callback" },
        icon("phone"),
        t(locale, "contactCallback"),
      );
      callback.addEventListener("click", () => this.showCallback());
      contact.append(callback);
    }
    if (channel.contactEmail) {
      contact.append(
        el(
          "a",
          { href: `mailto:${channel.contactEmail}`, "data-action": "email" },
          icon("mail"),
          channel.contactEmail,
        ),
      );
    }
    if (channel.contactPhone) {
      contact.append(
        el(
          "a",
          { href: `tel:${channel.contactPhone.replace(/[^\d+]/g, "")}`, "data-action": "phone" },
          icon("phone"),
          channel.contactPhone,
        ),
      );
    }

    const emailInput = el("input", {
      type: "email",
      name: "email",
      autocomplete: "email",
      required: "true",
    });
    this.#emailForm = el(
      "form",
      { class: "email-form", hidden: "true" },
      el("label", {}, t(locale, "emailLabel")),
      el(
        "div",
        { class: "row" },
        emailInput,
        el("button", { type: "submit" }, t(locale, "emailSave")),
      ),
    );
    this.#emailForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        const saved = await this.api.email(emailInput.value);
        this.session = { ...this.session, email: saved.email };
        this.#showNotice(t(locale, "emailSaved", { email: saved.email }));
        this.#emailForm.hidden = true;
      } catch {
        this.#showNotice(t(locale, "emailInvalid"));
      }
    });

    this.#input.placeholder = t(locale, "placeholder");
    this.#composer = el(
      "form",
      { class: "composer" },
      this.#input,
      el("button", { type: "submit" }, t(locale, "send")),
    );
    this.#composer.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#submit();
    });
    this.#input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        this.#submit();
      }
    });
    this.#input.addEventListener("input", () => {
      if (Date.now() - this.#lastTyping < TYPING_EVERY_MS) return;
      this.#lastTyping = Date.now();
      this.#connection?.typing();
    });

    this.#suggestions = articleSuggestions(api, locale, this.#input);
    const greeting = channel.greeting[locale] || t(locale, "greeting");
    this.#panel = el(
      "section",
      { class: "panel", role: "dialog", "aria-label": channel.name, hidden: "true" },
      el("header", {}, el("div", { class: "title" }, channel.name || t(locale, "title")), close),
      contact,
      this.#notice,
      this.#list,
      this.#typing,
      this.#emailForm,
      this.#suggestions.element,
      this.#composer,
    );
    this.#list.append(el("li", { class: "message out greeting" }, greeting));
    launcher.addEventListener("click", () =>
      this.#panel.hidden ? this.openPanel() : this.closePanel(),
    );
    close.addEventListener("click", () => this.closePanel());
    root.append(style, el("div", { class: "root" }, this.#panel, launcher));
    this.#refreshOffline();
  }

  attach(connection: Connection): void {
    this.#connection = connection;
    for (const pending of connection.pending) this.#renderPending(pending);
  }

  openPanel(): void {
    this.#panel.hidden = false;
    save(this.api.channelId, "open", true);
    this.#input.focus();
    this.#ackVisible();
    this.#scroll();
  }

  closePanel(): void {
    this.#panel.hidden = true;
    save(this.api.channelId, "open", false);
  }

  showCallback(): void {
    this.openPanel();
    this.#callback?.remove();
    this.#callback = callbackView({
      api: this.api,
      locale: this.locale,
      onBack: () => this.#hideCallback(),
      onBooked: (message) => message && this.addMessages([message]),
    });
    this.#callback.hidden = false;
    this.#list.hidden = true;
    this.#composer.hidden = true;
    this.#list.after(this.#callback);
  }

  #hideCallback(): void {
    this.#callback?.remove();
    this.#callback = null;
    this.#list.hidden = false;
    this.#composer.hidden = false;
    this.#scroll();
  }

  #submit(): void {
    const text = this.#input.value.trim();
    if (!text || !this.#connection) return;
    this.#input.value = "";
    this.#suggestions.clear();
    this.#renderPending(this.#connection.send(text));
    this.#scheduleAway();
  }

  addMessages(messages: WidgetMessage[]): void {
    for (const message of messages) {
      if (message.clientId)
        this.root.querySelector(`[data-client-id="${message.clientId}"]`)?.remove();
      const existing = this.#list.querySelector(`[data-id="${message.id}"]`);
      this.#messages.set(message.id, message);
      const item = el(
        "li",
        {
          class: `message ${message.direction}`,
          "data-id": message.id,
          "data-direction": message.direction,
        },
        message.text,
        ...this.#files(message.attachments ?? []),
        ...surveyChoices(message, this.locale, (text) => {
          if (!this.#connection) return false;
          this.#renderPending(this.#connection.send(text));
          return true;
        }),
        el("span", { class: "meta" }, this.#meta(message)),
      );
      if (existing) existing.replaceWith(item);
      else this.#insertInOrder(item, message.createdAt);
      if (message.direction === "out") {
        this.#setTyping(false, null);
        clearTimeout(this.#awayTimer);
        this.#hideNoticeIfAway();
      }
    }
    this.#ackVisible();
    this.#scroll();
  }

  stored(clientId: string, message: WidgetMessage | null): void {
    if (message) this.addMessages([message]);
    else this.root.querySelector(`[data-client-id="${clientId}"]`)?.remove();
  }

  connectionChanged(open: boolean): void {
    if (open) this.#refreshOffline();
    else this.#showNotice(t(this.locale, "reconnecting"));
  }

  availability(agentsAvailable: boolean): void {
    this.#agentsAvailable = agentsAvailable;
    this.#refreshOffline();
  }

  typing(typing: boolean, name: string | null): void {
    this.#setTyping(typing, name);
  }

  #renderPending(pending: PendingMessage): void {
    if (this.root.querySelector(`[data-client-id="${pending.clientId}"]`)) return;
    this.#list.append(
      el(
        "li",
        { class: "message in pending", "data-client-id": pending.clientId, "data-direction": "in" },
        pending.text,
        el("span", { class: "meta" }, t(this.locale, "sending")),
      ),
    );
    this.#scroll();
  }

  #insertInOrder(item: HTMLElement, createdAt: string): void {
    const after = [...this.#list.querySelectorAll<HTMLElement>("[data-id]")].find((other) => {
      const known = this.#messages.get(other.dataset.id ?? "");
      return known !== undefined && known.createdAt > createdAt;
    });
    if (after) after.before(item);
    else {
      const firstPending = this.#list.querySelector(".pending");
      if (firstPending) firstPending.before(item);
      else this.#list.append(item);
    }
  }

  /** An agent's files; a picture that grows the list at its end keeps the list at its end. */
  #files(files: WidgetAttachment[]): HTMLElement[] {
    return fileList(files, this.api.base, this.locale, (image) => {
      const below = this.#list.scrollHeight - this.#list.scrollTop - this.#list.clientHeight;
      if (below <= image.offsetHeight + 48) this.#scroll();
    });
  }

  #meta(message: WidgetMessage): string {
    const time = new Date(message.createdAt).toLocaleTimeString(
      this.locale === "fr" ? "fr-FR" : "en-US",
      {
        hour: "2-digit",
        minute: "2-digit",
      },
    );
    const who =
      message.direction === "in"
        ? t(this.locale, "you")
        : message.author.name || t(this.locale, "agent");
    return `${who} · ${time}`;
  }

  #setTyping(typing: boolean, name: string | null): void {
    clearTimeout(this.#typingTimer);
    this.#typing.hidden = !typing;
    if (!typing) return;
    this.#typing.textContent = t(this.locale, "typing", {
      name: name || t(this.locale, "someone"),
    });
    this.#typingTimer = setTimeout(() => this.#setTyping(false, null), TYPING_TTL_MS);
  }

  #ackVisible(): void {
    const read = !this.#panel.hidden && document.visibilityState !== "hidden";
    const status = read ? "read" : "delivered";
    const ids = [...this.#messages.values()]
      .filter((message) => message.direction === "out")
      .filter((message) => {
        const previous = this.#acked.get(message.id);
        return previous !== "read" && previous !== status;
      })
      .map((message) => message.id);
    if (ids.length === 0 || !this.#connection?.open) return;
    this.#connection.ack(ids, status);
    for (const id of ids) this.#acked.set(id, status);
  }

  #refreshOffline(): void {
    if (this.#agentsAvailable) {
      this.#notice.hidden = true;
      this.#emailForm.hidden = true;
      return;
    }
    const canEmail = this.session.emailFallback;
    this.#showNotice(
      this.session.email && canEmail
        ? t(this.locale, "emailSaved", { email: this.session.email })
        : t(this.locale, canEmail ? "offline" : "offlineNoEmail"),
    );
    this.#emailForm.hidden = !canEmail || Boolean(this.session.email);
  }

  /** The visitor's message went unanswered for a while: offer to continue by email. */
  #scheduleAway(): void {
    clearTimeout(this.#awayTimer);
    if (!this.session.emailFallback || this.session.email) return;
    this.#awayTimer = setTimeout(() => {
      this.#showNotice(t(this.locale, "away"));
      this.#notice.dataset.away = "true";
      this.#emailForm.hidden = false;
    }, AWAY_AFTER_MS);
  }

  #hideNoticeIfAway(): void {
    if (this.#notice.dataset.away !== "true" || !this.#agentsAvailable) return;
    delete this.#notice.dataset.away;
    this.#notice.hidden = true;
    this.#emailForm.hidden = true;
  }

  #showNotice(text: string): void {
    this.#notice.textContent = text;
    this.#notice.hidden = false;
  }

  #scroll(): void {
    this.#list.scrollTop = this.#list.scrollHeight;
  }
}

export function isSessionError(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 404);
}
