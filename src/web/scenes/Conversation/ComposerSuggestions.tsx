import { Code, Group, Paper, Text } from "@mantine/core";
import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { useCannedReplies, useRenderCannedReply } from "../../hooks/api/cannedReplies.ts";
import { useMe } from "../../hooks/api/session.ts";
import { useUsers } from "../../hooks/api/users.ts";
import {
  type ComposerTrigger,
  findTrigger,
  mentionsIn,
  replaceTrigger,
} from "../../lib/composerTrigger.ts";
import type { ComposerMode } from "../../lib/drafts.ts";
import { notifyError } from "../../lib/notify.ts";
import "./suggestions.css";

interface Suggestion {
  id: string;
  label: string;
  detail: string;
  badge?: string;
}

interface Props {
  conversationId: string;
  mode: ComposerMode;
  text: string;
  setText: (text: string) => void;
  textarea: RefObject<HTMLTextAreaElement | null>;
}

const MAX_SHOWN = 8;

/**
 * The composer's suggestion lists: "/" opens the canned replies (in replies), "@" the teammates
 * (in internal notes). Arrow keys move, Enter or Tab inserts, Escape closes; the textarea keeps
 * the focus and points at the active option (`aria-activedescendant`). The teammates chosen are
 * sent as the note's `mentions` while their "@Name" stays in the text.
 */
export function useComposerSuggestions({ conversationId, mode, text, setText, textarea }: Props) {
  const { t } = useTranslation();
  const { user } = useMe();
  const listId = useId();
  const [trigger, setTrigger] = useState<ComposerTrigger | null>(null);
  const [active, setActive] = useState(0);
  /** Escape closes the list until the agent starts another trigger. */
  const dismissed = useRef<number | null>(null);
  const chosen = useRef(new Map<string, string>());
  const canned = useCannedReplies(trigger?.kind === "canned");
  const users = useUsers();
  const render = useRenderCannedReply(conversationId);

  const items: Suggestion[] = useMemo(() => {
    if (!trigger) return [];
    const needle = trigger.query.toLowerCase();
    if (trigger.kind === "canned") {
      const all = canned.data ?? [];
      const starts = all.filter((reply) => reply.shortcut.startsWith(needle));
      const contains = all.filter(
        (reply) =>
          !reply.shortcut.startsWith(needle) &&
          (reply.shortcut.includes(needle) || reply.title.toLowerCase().includes(needle)),
      );
      return [...starts, ...contains].slice(0, MAX_SHOWN).map((reply) => ({
        id: reply.id,
        label: reply.title,
        detail: reply.bodyFr ?? reply.bodyEn ?? "",
        badge: `/${reply.shortcut}`,
      }));
    }
    return (users.data ?? [])
      .filter(
        (person) =>
          !person.disabled &&
          person.role !== "viewer" &&
          person.id !== user.id &&
          (person.name.toLowerCase().includes(needle) ||
            person.email.toLowerCase().startsWith(needle)),
      )
      .slice(0, MAX_SHOWN)
      .map((person) => ({ id: person.id, label: person.name, detail: person.email }));
  }, [trigger, canned.data, users.data, user.id]);

  const open = trigger !== null && dismissed.current !== trigger.start;

  /** Looks at the text and cursor after each keystroke or click. */
  const track = (value: string, caret: number | null) => {
    const next =
      caret === null
        ? null
        : findTrigger(value, caret, { canned: mode !== "note", mention: mode === "note" });
    if (!next || next.start !== trigger?.start) dismissed.current = null;
    if (next?.kind !== trigger?.kind || next?.query !== trigger?.query) setActive(0);
    setTrigger(next);
  };

  const put = (current: ComposerTrigger, insert: string) => {
    const next = replaceTrigger(text, current, insert);
    setText(next.text);
    setTrigger(null);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const choose = (item: Suggestion | undefined) => {
    if (!item || !trigger) return;
    const current = trigger;
    if (current.kind === "mention") {
      chosen.current.set(item.id, item.label);
      put(current, `@${item.label} `);
      return;
    }
    render.mutate(item.id, {
      onSuccess: (rendered) => put(current, rendered.text),
      onError: notifyError,
    });
  };

  /** True when the key was the list's (the composer then does nothing else with it). */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || !trigger) return false;
    if (event.key === "Escape") {
      event.preventDefault();
      dismissed.current = trigger.start;
      setActive(0);
      setTrigger({ ...trigger });
      return true;
    }
    if (items.length === 0) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (index + step + items.length) % items.length);
      return true;
    }
    if ((event.key === "Enter" && !event.nativeEvent.isComposing) || event.key === "Tab") {
      event.preventDefault();
      choose(items[Math.min(active, items.length - 1)]);
      return true;
    }
    return false;
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  const inputProps = {
    "aria-autocomplete": "list" as const,
    "aria-controls": open ? listId : undefined,
    "aria-activedescendant": open && items.length > 0 ? optionId(active) : undefined,
    onSelect: (event: { currentTarget: HTMLTextAreaElement }) =>
      track(event.currentTarget.value, event.currentTarget.selectionStart),
  };

  const list: ReactNode = open && trigger && (
    <Paper
      className="rl-suggestions"
      shadow="md"
      withBorder
      data-testid={trigger.kind === "canned" ? "canned-suggestions" : "mention-suggestions"}
    >
      <Text size="xs" fw={600} c="dimmed" px="xs" pt={6} id={`${listId}-title`}>
        {trigger.kind === "canned"
          ? t("composerPopovers.cannedTitle")
          : t("composerPopovers.mentionTitle")}
      </Text>
      <div role="listbox" id={listId} aria-labelledby={`${listId}-title`}>
        {items.map((item, index) => (
          // biome-ignore lint/a11y/useFocusableInteractive: the text box keeps the focus and points at the option (aria-activedescendant)
          // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are the text box's (arrows, Enter, Tab, Escape)
          <div
            key={item.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className="rl-suggestion"
            data-suggestion-id={item.id}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(item)}
            onMouseEnter={() => setActive(index)}
          >
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" truncate="end">
                {item.label}
              </Text>
              {item.badge && <Code>{item.badge}</Code>}
            </Group>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {item.detail}
            </Text>
          </div>
        ))}
      </div>
      {items.length === 0 && (
        <Text size="xs" c="dimmed" px="xs" py={6}>
          {trigger.kind === "canned"
            ? t("composerPopovers.cannedNone", { query: trigger.query })
            : t("composerPopovers.mentionNone", { query: trigger.query })}
        </Text>
      )}
      <Text size="xs" c="dimmed" px="xs" pb={6}>
        {trigger.kind === "canned"
          ? t("composerPopovers.cannedHint")
          : `${t("composerPopovers.mentionHint")} ${t("composerPopovers.cannedHint")}`}
      </Text>
    </Paper>
  );

  return {
    list,
    onKeyDown,
    track,
    inputProps,
    /** The teammates to send as the note's mentions. */
    mentions: (value: string) => (mode === "note" ? mentionsIn(value, chosen.current) : []),
    reset: () => {
      chosen.current.clear();
      setTrigger(null);
    },
  };
}
