import {
  ColorInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useTeams } from "../../../hooks/api/teams.ts";

/** The chat widget's settings as the form holds them. */
export interface ChatSettings {
  allowedOrigins: string[];
  greetingFr: string;
  greetingEn: string;
  primary: string;
  text: string;
  callbackEnabled: boolean;
  callbackTeamId: string | null;
  contactEmail: string;
  contactPhone: string;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

export function chatSettingsOf(config: Record<string, unknown>): ChatSettings {
  const greeting = record(config.greeting);
  const colors = record(config.colors);
  return {
    allowedOrigins: Array.isArray(config.allowedOrigins) ? config.allowedOrigins.map(String) : [],
    greetingFr: text(greeting.fr),
    greetingEn: text(greeting.en),
    primary: text(colors.primary) || "#1f5fd6",
    text: text(colors.text) || "#ffffff",
    callbackEnabled: config.callbackEnabled !== false,
    callbackTeamId: text(config.callbackTeamId) || null,
    contactEmail: text(config.contactEmail),
    contactPhone: text(config.contactPhone),
  };
}

/** The chat config the API takes (src/server/channels/chat/config.ts). */
export function chatConfigOf(settings: ChatSettings): Record<string, unknown> {
  const orNull = (value: string) => (value.trim() ? value.trim() : null);
  return {
    allowedOrigins: settings.allowedOrigins,
    greeting: { fr: orNull(settings.greetingFr), en: orNull(settings.greetingEn) },
    colors: { primary: settings.primary, text: settings.text },
    callbackEnabled: settings.callbackEnabled,
    callbackTeamId: settings.callbackTeamId,
    contactEmail: orNull(settings.contactEmail),
    contactPhone: orNull(settings.contactPhone),
  };
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Sites allowed to embed the widget, its greeting, colours, callbacks and contact details. */
export function ChatChannelFields({
  settings,
  onChange,
}: {
  settings: ChatSettings;
  onChange: (settings: ChatSettings) => void;
}) {
  const { t } = useTranslation();
  const teams = useTeams();
  const set = (changes: Partial<ChatSettings>) => onChange({ ...settings, ...changes });
  return (
    <Stack gap="sm" data-testid="chat-fields">
      <TagsInput
        label={t("chatChannel.origins")}
        description={t("chatChannel.originsHelp")}
        placeholder="https://shop.example"
        value={settings.allowedOrigins}
        onChange={(allowedOrigins) => set({ allowedOrigins })}
        acceptValueOnBlur
        splitChars={[",", " "]}
        data-testid="chat-origins"
      />
      <SimpleGrid cols={2} spacing="sm">
        <Textarea
          label={t("chatChannel.greetingFr")}
          value={settings.greetingFr}
          onChange={(event) => set({ greetingFr: event.currentTarget.value })}
          autosize
          minRows={2}
          maxRows={4}
          maxLength={500}
          lang="fr"
          data-testid="chat-greeting-fr"
        />
        <Textarea
          label={t("chatChannel.greetingEn")}
          value={settings.greetingEn}
          onChange={(event) => set({ greetingEn: event.currentTarget.value })}
          autosize
          minRows={2}
          maxRows={4}
          maxLength={500}
          lang="en"
          data-testid="chat-greeting-en"
        />
      </SimpleGrid>
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <ColorInput
          label={t("chatChannel.primary")}
          value={settings.primary}
          onChange={(primary) => set({ primary })}
          format="hex"
          error={HEX.test(settings.primary) ? undefined : t("chatChannel.colourInvalid")}
          w={170}
        />
        <ColorInput
          label={t("chatChannel.textColour")}
          value={settings.text}
          onChange={(value) => set({ text: value })}
          format="hex"
          error={HEX.test(settings.text) ? undefined : t("chatChannel.colourInvalid")}
          w={170}
        />
        <div
          className="rl-widget-preview"
          style={{ background: settings.primary, color: settings.text }}
          aria-hidden
        >
          {settings.greetingFr || settings.greetingEn || t("chatChannel.previewText")}
        </div>
      </Group>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          label={t("chatChannel.contactEmail")}
          description={t("chatChannel.contactHelp")}
          type="email"
          value={settings.contactEmail}
          onChange={(event) => set({ contactEmail: event.currentTarget.value })}
          data-testid="chat-contact-email"
        />
        <TextInput
          label={t("chatChannel.contactPhone")}
          description={t("chatChannel.contactHelp")}
          type="tel"
          value={settings.contactPhone}
          onChange={(event) => set({ contactPhone: event.currentTarget.value })}
          data-testid="chat-contact-phone"
        />
      </SimpleGrid>
      <Switch
        label={t("chatChannel.callbacks")}
        description={t("chatChannel.callbacksHelp")}
        checked={settings.callbackEnabled}
        onChange={(event) => set({ callbackEnabled: event.currentTarget.checked })}
      />
      {settings.callbackEnabled && (
        <Select
          label={t("chatChannel.callbackTeam")}
          description={t("chatChannel.callbackTeamHelp")}
          data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          value={settings.callbackTeamId}
          onChange={(callbackTeamId) => set({ callbackTeamId })}
          placeholder={t("chatChannel.anyTeam")}
          clearable
          maw={440}
        />
      )}
      <Text size="xs" c="dimmed">
        {t("chatChannel.secretHelp")}
      </Text>
    </Stack>
  );
}
