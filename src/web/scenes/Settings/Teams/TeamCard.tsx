import {
  Accordion,
  ActionIcon,
  Button,
  Card,
  Group,
  MultiSelect,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { IconClock, IconRoute, IconSparkles, IconTrash } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CHANNEL_KINDS } from "../../../../shared/enums.ts";
import type { TTeam } from "../../../../shared/schemas.ts";
import { useConfirm } from "../../../components/useConfirm.tsx";
import {
  type TeamSkills,
  useDeleteTeam,
  useSaveTeam,
  type WeeklyHours,
} from "../../../hooks/api/teams.ts";
import { currentLocale } from "../../../i18n/index.ts";
import { languageName } from "../../../lib/format.ts";
import { notifyError, notifySuccess } from "../../../lib/notify.ts";
import { CATEGORIES, TRIAGE_LANGUAGES } from "../../../lib/triage.ts";
import { CATEGORY_FAMILIES, categoryLabel } from "../Rules/ruleModel.ts";
import { AssignmentPanel } from "./AssignmentPanel.tsx";
import { BusinessHoursPanel, describeHours } from "./BusinessHoursPanel.tsx";

/** A team as answered today, and with the hours a later server may add (timeZone, businessHours). */
type TeamWithHours = TTeam & { timeZone?: string | null; businessHours?: WeeklyHours | null };

function same(a: readonly string[] = [], b: readonly string[] = []) {
  return a.length === b.length && a.every((value) => b.includes(value));
}

function SkillsPanel({ team, canEdit }: { team: TTeam; canEdit: boolean }) {
  const { t } = useTranslation();
  const save = useSaveTeam();
  const locale = currentLocale();
  const [skills, setSkills] = useState<TeamSkills>(team.skills);
  useEffect(() => setSkills(team.skills), [team.skills]);
  const dirty =
    !same(skills.languages, team.skills.languages) ||
    !same(skills.categories, team.skills.categories) ||
    !same(skills.channelKinds, team.skills.channelKinds);
  return (
    <Stack gap="sm" data-testid="team-skills">
      <Text size="xs" c="dimmed">
        {t("teams.skillsHelp")}
      </Text>
      <TagsInput
        size="xs"
        label={t("teams.languages")}
        data={TRIAGE_LANGUAGES.map((code) => ({
          value: code,
          label: `${languageName(code, locale)} (${code})`,
        }))}
        value={skills.languages ?? []}
        onChange={(languages) => setSkills({ ...skills, languages })}
        disabled={!canEdit}
      />
      <MultiSelect
        size="xs"
        label={t("teams.categories")}
        data={[
          {
            group: t("rules.families.title"),
            items: CATEGORY_FAMILIES.map((value) => ({ value, label: categoryLabel(value, t) })),
          },
          {
            group: t("properties.category"),
            items: CATEGORIES.map((value) => ({ value, label: categoryLabel(value, t) })),
          },
        ]}
        value={skills.categories ?? []}
        onChange={(categories) => setSkills({ ...skills, categories })}
        searchable
        disabled={!canEdit}
      />
      <MultiSelect
        size="xs"
        label={t("teams.channelKinds")}
        data={CHANNEL_KINDS.map((kind) => ({ value: kind, label: t(`channelKinds.${kind}`) }))}
        value={skills.channelKinds ?? []}
        onChange={(channelKinds) => setSkills({ ...skills, channelKinds })}
        disabled={!canEdit}
      />
      {canEdit && (
        <Group>
          <Button
            size="xs"
            disabled={!dirty}
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { id: team.id, body: { skills } },
                { onSuccess: () => notifySuccess(t("settings.saved")), onError: notifyError },
              )
            }
          >
            {t("teams.saveSkills")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** A team: name and members, then its skills, how it assigns, and its business hours. */
export function TeamCard({
  team,
  people,
  canEdit,
}: {
  team: TeamWithHours;
  people: Array<{ value: string; label: string }>;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const save = useSaveTeam();
  const remove = useDeleteTeam();
  const [confirm, confirmDialog] = useConfirm();
  const [name, setName] = useState(team.name);
  const [members, setMembers] = useState(team.memberIds);
  useEffect(() => setName(team.name), [team.name]);
  useEffect(() => setMembers(team.memberIds), [team.memberIds]);
  const dirty = name.trim() !== team.name || !same(members, team.memberIds);
  const hours =
    team.timeZone && team.businessHours
      ? { timeZone: team.timeZone, weekly: team.businessHours }
      : null;

  return (
    <Card withBorder padding="md" data-team-id={team.id}>
      <Group align="flex-end" wrap="nowrap" gap="sm">
        <TextInput
          size="xs"
          label={t("teams.name")}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={220}
          disabled={!canEdit}
        />
        <MultiSelect
          size="xs"
          label={t("teams.members")}
          data={people}
          value={members}
          onChange={setMembers}
          searchable
          style={{ flex: 1 }}
          placeholder={members.length ? undefined : t("teams.noMembers")}
          disabled={!canEdit}
        />
        {canEdit && (
          <>
            <Button
              size="xs"
              disabled={!dirty || !name.trim()}
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  { id: team.id, body: { name: name.trim(), memberIds: members } },
                  { onSuccess: () => notifySuccess(t("settings.saved")), onError: notifyError },
                )
              }
            >
              {t("actions.save")}
            </Button>
            <Tooltip label={t("teams.delete")}>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t("teams.delete")}
                loading={remove.isPending}
                onClick={async () => {
                  const sure = await confirm({
                    title: t("teams.delete"),
                    message: t("teams.confirmDelete", { name: team.name }),
                    confirmLabel: t("teams.delete"),
                    danger: true,
                  });
                  if (sure) remove.mutate(team.id, { onError: notifyError });
                }}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </>
        )}
      </Group>
      <Accordion
        multiple
        variant="default"
        chevronPosition="right"
        mt="sm"
        classNames={{ control: "rl-accordion-control", content: "rl-accordion-content" }}
      >
        <Accordion.Item value="assignment">
          <Accordion.Control icon={<IconRoute size={15} />} data-testid="open-assignment">
            <Text size="sm">{t("assignment.title")}</Text>
          </Accordion.Control>
          <Accordion.Panel>
            <AssignmentPanel teamId={team.id} canEdit={canEdit} />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="skills">
          <Accordion.Control icon={<IconSparkles size={15} />}>
            <Text size="sm">{t("teams.skills")}</Text>
          </Accordion.Control>
          <Accordion.Panel>
            <SkillsPanel team={team} canEdit={canEdit} />
          </Accordion.Panel>
        </Accordion.Item>
        <Accordion.Item value="hours">
          <Accordion.Control icon={<IconClock size={15} />} data-testid="open-hours">
            <Group gap={8} wrap="nowrap">
              <Text size="sm">{t("hours.title")}</Text>
              {hours && (
                <Text size="xs" c="dimmed" truncate="end">
                  {hours.timeZone} · {describeHours(hours.weekly, t)}
                </Text>
              )}
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <BusinessHoursPanel teamId={team.id} current={hours} canEdit={canEdit} />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      {confirmDialog}
    </Card>
  );
}
