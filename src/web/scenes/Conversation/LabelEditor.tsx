import { ColorSwatch, Group, MultiSelect, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useLabelColours, useLabels } from "../../hooks/api/labels.ts";

interface LabelEditorProps {
  labels: string[];
  onChange: (labels: string[]) => void;
}

/** The conversation's labels, added and removed in the header (the account's list, by name). */
export function LabelEditor({ labels, onChange }: LabelEditorProps) {
  const { t } = useTranslation();
  const defined = useLabels();
  const colourOf = useLabelColours();
  const names = [...(defined.data ?? []).map((label) => label.name)];
  for (const name of labels) if (!names.includes(name)) names.push(name);

  return (
    <MultiSelect
      size="xs"
      label={t("labels.field")}
      placeholder={labels.length === 0 ? t("labels.add") : undefined}
      data={names}
      value={labels}
      onChange={onChange}
      searchable
      clearable={false}
      hidePickedOptions
      nothingFoundMessage={t("labels.manageHint")}
      renderOption={({ option }) => (
        <Group gap={8} wrap="nowrap">
          <ColorSwatch
            size={10}
            color={`var(--mantine-color-${colourOf(option.value)}-6)`}
            withShadow={false}
          />
          <Text size="xs">{option.label}</Text>
        </Group>
      )}
      data-testid="labels"
      className="rl-label-editor"
    />
  );
}
