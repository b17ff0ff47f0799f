import { ApiError, newClientId, type Slot, type WidgetApi, type WidgetMessage } from "./api.ts";
import { el } from "./dom.ts";
import { type Locale, t } from "./i18n.ts";

/** The visitor's zone, as the browser knows it (the visitor may choose another). */
export function detectedTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

function zones(current: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const all = intl.supportedValuesOf?.("timeZone") ?? [];
  return [...new Set([current, ...all])];
}

/** "FR" from "fr-FR": where a number written without + is read. */
export function region(locale: string): string {
  const part = (navigator.language || locale).split("-")[1];
  return (part ?? (locale === "fr" ? "FR" : "US")).toUpperCase().slice(0, 2);
}

function dayLabel(locale: Locale, timeZone: string, instant: string): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-US", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
  }).format(new Date(instant));
}

export function whenLabel(locale: Locale, timeZone: string, instant: string): string {
  return new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-US", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(instant));
}

/**
 * "Call me back": the visitor's number, their time zone (detected, changeable) and the free
 * slots within the team's hours, shown on the visitor's own clock.
 */
export function callbackView(props: {
  api: WidgetApi;
  locale: Locale;
  onBack(): void;
  onBooked(message: WidgetMessage | null): void;
}): HTMLElement {
  const { api, locale } = props;
  let timeZone = detectedTimeZone();
  let chosen: Slot | null = null;

  const phone = el("input", { type: "tel", name: "phone", autocomplete: "tel", required: "true" });
  const zone = el("select", { name: "timeZone" });
  for (const name of zones(timeZone)) {
    const option = el("option", { value: name }, name.replaceAll("_", " "));
    if (name === timeZone) option.selected = true;
    zone.append(option);
  }
  const heading = el("div", { class: "choose" });
  const slotList = el("div", { class: "slot-list" });
  const confirm = el(
    "button",
    { type: "button", class: "primary", disabled: "true" },
    t(locale, "callbackConfirm"),
  );
  const result = el("div", { class: "result", role: "status" });
  const back = el("button", { type: "button", class: "secondary" }, t(locale, "callbackBack"));

  const renderSlots = (slots: Slot[]) => {
    heading.textContent = t(locale, "callbackChoose", { zone: timeZone.replaceAll("_", " ") });
    slotList.replaceChildren();
    chosen = null;
    confirm.disabled = true;
    if (slots.length === 0) {
      slotList.append(el("p", {}, t(locale, "callbackNone")));
      return;
    }
    let currentDay = "";
    let row: HTMLElement | null = null;
    for (const slot of slots) {
      if (slot.customer.date !== currentDay) {
        currentDay = slot.customer.date;
        slotList.append(el("div", { class: "day" }, dayLabel(locale, timeZone, slot.start)));
        row = el("div", { class: "slots" });
        slotList.append(row);
      }
      const button = el(
        "button",
        { type: "button", "aria-pressed": "false", "data-start": slot.start },
        slot.customer.time,
      );
      button.addEventListener("click", () => {
        for (const other of slotList.querySelectorAll("button"))
          other.setAttribute("aria-pressed", "false");
        button.setAttribute("aria-pressed", "true");
        chosen = slot;
        confirm.disabled = false;
      });
      row?.append(button);
    }
  };

  const loadSlots = async () => {
    slotList.replaceChildren(el("p", {}, t(locale, "loading")));
    try {
      renderSlots((await api.slots(timeZone)).slots);
    } catch {
      slotList.replaceChildren(el("p", {}, t(locale, "callbackNone")));
    }
  };

  zone.addEventListener("change", () => {
    timeZone = zone.value;
    void loadSlots();
  });
  back.addEventListener("click", () => props.onBack());
  confirm.addEventListener("click", async () => {
    if (!chosen || !phone.value.trim()) {
      phone.focus();
      return;
    }
    confirm.disabled = true;
    try {
      const booked = await api.requestCallback({
        clientId: newClientId(),
        phone: phone.value.trim(),
        region: region(locale),
        at: chosen.start,
        timeZone,
      });
      result.textContent = t(locale, "callbackDone", {
        when: whenLabel(locale, timeZone, booked.callback.scheduledAt),
      });
      slotList.replaceChildren();
      heading.textContent = "";
      confirm.hidden = true;
      props.onBooked(booked.message);
    } catch (error) {
      result.textContent =
        error instanceof ApiError && error.message ? error.message : t(locale, "callbackError");
      confirm.disabled = false;
      void loadSlots();
    }
  });

  void loadSlots();
  return el(
    "section",
    { class: "callback", hidden: "true" },
    el("h3", {}, t(locale, "callbackTitle")),
    el("label", {}, t(locale, "callbackPhone"), phone),
    el("label", {}, t(locale, "callbackZone"), zone),
    heading,
    slotList,
    confirm,
    result,
    back,
  );
}
