import { PasswordInput, Stack, Switch, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ChannelKind } from "../../../../shared/enums.ts";
import {
  type ChannelField,
  type FieldValue,
  fieldHelpKey,
  fieldLabelKey,
} from "../../../lib/channelFields.ts";

interface ProviderFieldsProps {
  kind: ChannelKind;
  fields: readonly ChannelField[];
  values: Record<string, FieldValue>;
  onChange: (key: string, value: FieldValue) => void;
  /** Editing a channel: its secrets exist but are never shown; typing replaces them. */
  editing: boolean;
}

const INPUT_TYPES = { text: "text", url: "url", email: "email", phone: "tel", number: "number" };

/** The fields a provider needs, generated from the channel kind's description. */
export function ProviderFields({ kind, fields, values, onChange, editing }: ProviderFieldsProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid={`fields-${kind}`}>
      {fields.map((field) => {
        const label = t(fieldLabelKey(field.key));
        const description = t(fieldHelpKey(kind, field.key));
        const value = values[field.key];
        if (field.type === "boolean") {
          return (
            <Switch
              key={field.key}
              label={label}
              description={description}
              checked={value === true}
              onChange={(event) => onChange(field.key, event.currentTarget.checked)}
              data-field={field.key}
            />
          );
        }
        if (field.type === "secret") {
          return (
            <PasswordInput
              key={field.key}
              label={label}
              description={description}
              value={typeof value === "string" ? value : ""}
              onChange={(event) => onChange(field.key, event.currentTarget.value)}
              required={field.required && !editing}
              placeholder={editing ? t("channelForm.secretKept") : field.placeholder}
              autoComplete="new-password"
              data-field={field.key}
            />
          );
        }
        return (
          <TextInput
            key={field.key}
            label={label}
            description={description}
            type={INPUT_TYPES[field.type]}
            value={typeof value === "string" ? value : ""}
            onChange={(event) => onChange(field.key, event.currentTarget.value)}
            required={field.required}
            placeholder={field.placeholder}
            data-field={field.key}
          />
        );
      })}
    </Stack>
  );
}
