import {
  Button,
  Checkbox,
  Code,
  Group,
  MultiSelect,
  NumberInput,
  Stack,
  Switch,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CHANNEL_KINDS } from "../../../../shared/enums.ts";
import {
  SURVEY_KINDS,
  surveyMessageText,
  type TSurveyQuestions,
  type TSurveySettings,
} from "../../../../shared/surveys.ts";
import { ErrorState } from "../../../components/ErrorState.tsx";
import { useSaveSurveySettings, useSurveySettings } from "../../../hooks/api/surveys.ts";
import { notifySuccess } from "../../../lib/notify.ts";

const QUESTION_FIELDS: Array<keyof TSurveyQuestions> = [
  "intro",
  "ces",
  "cesLow",
  "cesHigh",
  "csat",
  "csatLow",
  "csatHigh",
  "comment",
  "thanks",
];
const PREVIEW_URL = "https://relais.example/s/…";

/**
 * What customers are asked after a resolution, when and where, in French and English, with a
 * preview of the message as every text channel carries it.
 */
export function SurveysSettings() {
  const { t } = useTranslation();
  const query = useSurveySettings();
  const save = useSaveSurveySettings();
  const [draft, setDraft] = useState<TSurveySettings | null>(null);
  useEffect(() => {
    if (query.data) setDraft(query.data);
  }, [query.data]);

  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (!draft) return <Text size="sm">{t("surveys.loading")}</Text>;
  const set = (changes: Partial<TSurveySettings>) => setDraft({ ...draft, ...changes });
  const setQuestion = (language: "fr" | "en", field: keyof TSurveyQuestions, value: string) =>
    set({
      questions: {
        ...draft.questions,
        [language]: { ...draft.questions[language], [field]: value },
      },
    });

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(draft, { onSuccess: () => notifySuccess(t("surveys.saved")) });
      }}
      data-testid="survey-settings"
    >
      <Stack gap="md" maw={760}>
        <Text size="sm" c="gray.7">
          {t("surveys.intro")}
        </Text>
        <Switch
          label={t("surveys.enabled")}
          checked={draft.enabled}
          onChange={(event) => set({ enabled: event.currentTarget.checked })}
        />
        <Checkbox.Group
          label={t("surveys.ask")}
          value={draft.ask}
          onChange={(value) => set({ ask: value as TSurveySettings["ask"] })}
        >
          <Group mt={6}>
            {SURVEY_KINDS.map((kind) => (
              <Checkbox key={kind} value={kind} label={t(`surveys.kinds.${kind}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group grow align="flex-start">
          <NumberInput
            label={t("surveys.delay")}
            min={0}
            max={10080}
            value={draft.delayMinutes}
            onChange={(value) => set({ delayMinutes: Number(value) || 0 })}
          />
          <NumberInput
            label={t("surveys.minDays")}
            min={0}
            max={365}
            value={draft.minDaysBetweenSurveys}
            onChange={(value) => set({ minDaysBetweenSurveys: Number(value) || 0 })}
          />
        </Group>
        <MultiSelect
          label={t("surveys.channels")}
          data={CHANNEL_KINDS.map((kind) => ({ value: kind, label: t(`channelKinds.${kind}`) }))}
          value={draft.channelKinds}
          onChange={(value) => set({ channelKinds: value as TSurveySettings["channelKinds"] })}
        />
        <Text size="xs" c="gray.7">
          {t("surveys.privateOnly")}
        </Text>
        <Title order={2} size="h5">
          {t("surveys.wording")}
        </Title>
        <Tabs defaultValue="fr">
          <Tabs.List>
            <Tabs.Tab value="fr">Français</Tabs.Tab>
            <Tabs.Tab value="en">English</Tabs.Tab>
          </Tabs.List>
          {(["fr", "en"] as const).map((language) => (
            <Tabs.Panel key={language} value={language} pt="sm">
              <Stack gap="xs">
                {QUESTION_FIELDS.map((field) =>
                  field === "intro" ? (
                    <Textarea
                      key={field}
                      label={t(`surveys.fields.${field}`)}
                      autosize
                      minRows={2}
                      value={draft.questions[language][field]}
                      onChange={(event) => setQuestion(language, field, event.currentTarget.value)}
                    />
                  ) : (
                    <TextInput
                      key={field}
                      label={t(`surveys.fields.${field}`)}
                      value={draft.questions[language][field]}
                      onChange={(event) => setQuestion(language, field, event.currentTarget.value)}
                    />
                  ),
                )}
                <Text size="sm" fw={600} mt="sm">
                  {t("surveys.preview")}
                </Text>
                <Code block data-testid={`survey-preview-${language}`}>
                  {surveyMessageText(draft, language, PREVIEW_URL)}
                </Code>
                <Text size="xs" c="gray.7">
                  {t("surveys.previewNote")}
                </Text>
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
        {save.isError && <ErrorState error={save.error} />}
        <Group>
          <Button type="submit" loading={save.isPending} disabled={draft.ask.length === 0}>
            {t("surveys.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
