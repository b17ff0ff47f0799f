import { Button, ColorSwatch, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LABEL_COLOURS, type LabelColour, type TLabel } from "../../../../shared/labels.ts";
import { LabelBadges } from "../../../components/LabelBadges.tsx";
import { useSaveLabel } from "../../../hooks/api/labels.ts";
import { notifyError, notifySuccess } from "../../../lib/notify.ts";

interface LabelFormProps {
  label: TLabel | null;
  onClose: () => void;
}

/** Create or change a label: name, colour (with a preview as rows show it), description. */
export function LabelForm({ label, onClose }: LabelFormProps) {
  const { t } = useTranslation();
  const save = useSaveLabel();
  const [name, setName] = useState(label?.name ?? "");
  const [colour, setColour] = useState<LabelColour>(label?.colour ?? "blue");
  const [description, setDescription] = useState(label?.description ?? "");

  const submit = () =>
    save.mutate(
      {
        id: label?.id,
        body: { name: name.trim(), colour, description: description.trim() || null },
      },
      {
        onSuccess: () => {
          notifySuccess(t("labels.saved"));
          onClose();
        },
        onError: notifyError,
      },
    );

  return (
    <Modal
      opened
      onClose={onClose}
      title={label ? t("labels.editTitle") : t("labels.createTitle")}
      size="sm"
      closeButtonProps={{ "aria-label": t("labels.cancel") }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t("labels.name")}
            value={name}
            onChange={(event) => setName(event.currentTarget.value.replace(/,/g, ""))}
            maxLength={40}
            required
            data-autofocus
            data-testid="label-name"
          />
          <Select
            label={t("labels.colour")}
            data={LABEL_COLOURS.map((value) => ({ value, label: t(`labels.colours.${value}`) }))}
            value={colour}
            onChange={(value) => value && setColour(value as LabelColour)}
            allowDeselect={false}
            leftSection={
              <ColorSwatch
                size={12}
                color={`var(--mantine-color-${colour}-6)`}
                withShadow={false}
              />
            }
            renderOption={({ option }) => (
              <Group gap={8} wrap="nowrap">
                <ColorSwatch
                  size={12}
                  color={`var(--mantine-color-${option.value}-6)`}
                  withShadow={false}
                />
                <Text size="sm">{option.label}</Text>
              </Group>
            )}
            data-testid="label-colour"
          />
          <TextInput
            label={t("labels.description")}
            description={t("labels.descriptionHint")}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            maxLength={200}
          />
          <Group gap={8}>
            <Text size="xs" c="dimmed">
              {t("labels.preview")}
            </Text>
            <LabelPreview name={name.trim() || t("labels.name")} colour={colour} />
          </Group>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("labels.cancel")}
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!name.trim()}
              data-testid="label-save"
            >
              {t("labels.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The badge as rows will show it, before the label exists. */
function LabelPreview({ name, colour }: { name: string; colour: LabelColour }) {
  return <LabelBadges labels={[name]} size="sm" colours={{ [name]: colour }} />;
}
