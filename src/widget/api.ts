/** The widget's calls to Relais: JSON over fetch, the visitor's token as a Bearer credential. */

export interface WidgetMessage {
  id: string;
  clientId: string | null;
  conversationId: string;
  direction: "in" | "out";
  text: string;
  author: { type: "visitor" | "agent"; name: string | null };
  status: string | null;
  /** Files an agent sent: signed links on the Relais server, valid for a while. */
  attachments?: WidgetAttachment[];
  /** A survey's scores, as inline buttons: a tap sends the title as the visitor's message. */
  choices?: Array<{ title: string; description: string | null }>;
  createdAt: string;
}

export interface WidgetAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  /** A path on the Relais server: prepend the widget's base. */
  url: string;
}

export interface SessionInfo {
  token: string;
  verified: boolean;
  email: string | null;
  conversationId: string | null;
  agentsAvailable: boolean;
  emailFallback: boolean;
  channel: {
    name: string;
    greeting: { fr?: string | null; en?: string | null };
    colors: { primary: string; text: string };
    callbackEnabled: boolean;
    contactEmail: string | null;
    contactPhone: string | null;
  };
}

export interface LocalTime {
  timeZone: string;
  local: string;
  date: string;
  time: string;
}

export interface Slot {
  start: string;
  customer: LocalTime;
}

export interface IdentityClaim {
  userId?: string;
  email?: string;
  name?: string;
  signature?: string;
}

/** A help-centre article suggested for what the visitor types. */
export interface ArticleSuggestion {
  id: string;
  title: string;
  excerpt: string;
  url: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

export class WidgetApi {
  token: string | null = null;

  constructor(
    readonly base: string,
    readonly channelId: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(`${this.base}/widget/${this.channelId}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json().catch(() => ({}))) as {
      data?: T;
      error?: { id: string; message: string };
    };
    if (!response.ok || json.data === undefined) {
      throw new ApiError(response.status, json.error?.id ?? "error", json.error?.message ?? "");
    }
    return json.data;
  }

  session(body: IdentityClaim & { token: string | null; locale: string; timeZone: string }) {
    return this.call<SessionInfo>("POST", "/session", body);
  }

  messages(after: string | null) {
    const query = after ? `?after=${encodeURIComponent(after)}` : "";
    return this.call<{ messages: WidgetMessage[]; cursor: string | null }>(
      "GET",
      `/messages${query}`,
    );
  }

  email(email: string) {
    return this.call<{ email: string; emailFallback: boolean }>("POST", "/email", { email });
  }

  slots(timeZone: string) {
    return this.call<{ timeZone: string; slots: Slot[] }>(
      "GET",
      `/callback-slots?tz=${encodeURIComponent(timeZone)}`,
    );
  }

  requestCallback(body: {
    clientId: string;
    phone: string;
    region: string;
    at: string;
    timeZone: string;
  }) {
    return this.call<{
      callback: { id: string; scheduledAt: string };
      message: WidgetMessage | null;
    }>("POST", "/callbacks", body);
  }

  articles(q: string, lang: string) {
    const query = `?q=${encodeURIComponent(q.slice(0, 200))}&lang=${lang}`;
    return this.call<ArticleSuggestion[]>("GET", `/articles${query}`);
  }

  articleViewed(articleId: string) {
    return this.call<{ recorded: boolean }>("POST", "/article-views", { articleId });
  }

  liveUrl(): string {
    const url = new URL(`${this.base}/widget/${this.channelId}/live`);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("token", this.token ?? "");
    return url.toString();
  }
}

export function newClientId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
