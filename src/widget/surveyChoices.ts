import type { WidgetMessage } from "./api.ts";
import { el } from "./dom.ts";
import { type Locale, t } from "./i18n.ts";

/**
 * A survey's scores as buttons, with the meaning of each end of the scale; the one tapped is
 * sent (`send` answers whether it could be), and the group is then done.
 */
export function surveyChoices(
  message: WidgetMessage,
  locale: Locale,
  send: (text: string) => boolean,
): HTMLElement[] {
  if (!message.choices?.length) return [];
  const group = el("div", {
    class: "choices",
    role: "group",
    "aria-label": t(locale, "surveyScores"),
  });
  for (const choice of message.choices) {
    const button = el(
      "button",
      { type: "button", title: choice.description ?? choice.title },
      choice.title,
    );
    if (choice.description)
      button.setAttribute("aria-label", `${choice.title} — ${choice.description}`);
    button.addEventListener("click", () => {
      if (!send(choice.title)) return;
      for (const other of group.querySelectorAll("button")) other.disabled = true;
      button.setAttribute("aria-pressed", "true");
    });
    group.append(button);
  }
  const ends = message.choices.filter((choice) => choice.description);
  const legend = ends.length
    ? [
        el(
          "span",
          { class: "choices-legend" },
          ends.map((c) => `${c.title} = ${c.description}`).join(" · "),
        ),
      ]
    : [];
  return [group, ...legend];
}
