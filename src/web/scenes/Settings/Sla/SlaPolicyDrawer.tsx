import {
  Alert,
  Button,
  Drawer,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CHANNEL_KINDS, PRIORITIES } from "../../../../shared/enums.ts";
import type { TSlaMatch, TSlaPolicy } from "../../../../shared/sla.ts";
import { type SlaPolicyRequest, useSaveSlaPolicy } from "../../../hooks/api/sla.ts";
import { useTeams } from "../../../hooks/api/teams.ts";
import { describeError, notifySuccess } from "../../../lib/notify.ts";
import { CATEGORIES, categoryKey } from "../../../lib/triage.ts";

type TargetKey = "firstResponseMinutes" | "nextResponseMinutes" | "resolutionMinutes";
const TARGETS: TargetKey[] = ["firstResponseMinutes", "nextResponseMinutes", "resolutionMinutes"];

interface Form {
  name: string;
  match: Required<TSlaMatch>;
  targets: Partial<Record<TargetKey, number>>;
  hours: "always" | "team";
  warnBeforeMinutes: number | null;
}

function formOf(policy: TSlaPolicy | null): Form {
  return {
    name: policy?.name ?? "",
    match: {
      channelKinds: policy?.match.channelKinds ?? [],
      priorities: policy?.match.priorities ?? [],
      categories: policy?.match.categories ?? [],
      teamIds: policy?.match.teamIds ?? [],
    },
    targets: policy?.targets ?? { firstResponseMinutes: 60 },
    hours: policy?.hours ?? "always",
    warnBeforeMinutes: policy ? policy.warnBeforeMinutes : 15,
  };
}

/** The request: empty match lists are left out (they mean "any"). */
function requestOf(form: Form): SlaPolicyRequest {
  const match = Object.fromEntries(
    Object.entries(form.match).filter(([, values]) => values.length > 0),
  ) as TSlaMatch;
  const targets = Object.fromEntries(
    Object.entries(form.targets).filter(([, minutes]) => typeof minutes === "number"),
  );
  return {
    name: form.name.trim(),
    match,
    targets,
    hours: form.hours,
    warnBeforeMinutes: form.warnBeforeMinutes,
  };
}

/** Creates or edits an SLA policy: which conversations it takes, its targets and its hours. */
export function SlaPolicyDrawer({
  policy,
  onClose,
}: {
  policy: TSlaPolicy | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const teams = useTeams();
  const save = useSaveSlaPolicy();
  const [form, setForm] = useState<Form>(() => formOf(policy));
  const setMatch = (key: keyof TSlaMatch, values: string[]) =>
    setForm((current) => ({ ...current, match: { ...current.match, [key]: values } }));
  const hasTarget = TARGETS.some((key) => typeof form.targets[key] === "number");
  const valid = form.name.trim().length > 0 && hasTarget;

  const submit = () => {
    if (!valid) return;
    save.mutate(
      { id: policy?.id, body: requestOf(form) },
      {
        onSuccess: () => {
          notifySuccess(t("sla.policies.saved"));
          onClose();
        },
      },
    );
  };

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="md"
      title={policy ? t("sla.policies.editTitle", { name: policy.name }) : t("sla.policies.new")}
      closeButtonProps={{ "aria-label": t("actions.close") }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm" data-testid="sla-policy-form">
          <TextInput
            label={t("sla.policies.name")}
            value={form.name}
            onChange={(event) => {
              const name = event.currentTarget.value;
              setForm((current) => ({ ...current, name }));
            }}
            required
            maxLength={100}
            data-testid="sla-policy-name"
            data-autofocus
          />
          <Text size="sm" fw={600} mt="xs">
            {t("sla.policies.appliesTo")}
          </Text>
          <Text size="xs" c="gray.7" mt={-8}>
            {t("sla.policies.appliesHelp")}
          </Text>
          <MultiSelect
            label={t("sla.policies.channelKinds")}
            placeholder={t("sla.policies.any")}
            data={CHANNEL_KINDS.map((kind) => ({ value: kind, label: t(`channelKinds.${kind}`) }))}
            value={form.match.channelKinds}
            onChange={(values) => setMatch("channelKinds", values)}
            clearable
            data-testid="sla-policy-channels"
          />
          <MultiSelect
            label={t("sla.policies.priorities")}
            placeholder={t("sla.policies.any")}
            data={PRIORITIES.map((priority) => ({
              value: priority,
              label: t(`priorities.${priority}`),
            }))}
            value={form.match.priorities}
            onChange={(values) => setMatch("priorities", values)}
            clearable
            data-testid="sla-policy-priorities"
          />
          <MultiSelect
            label={t("sla.policies.categories")}
            placeholder={t("sla.policies.any")}
            data={CATEGORIES.map((category) => ({
              value: category,
              label: t(categoryKey(category)),
            }))}
            value={form.match.categories}
            onChange={(values) => setMatch("categories", values)}
            clearable
          />
          <MultiSelect
            label={t("sla.policies.teams")}
            placeholder={t("sla.policies.any")}
            data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            value={form.match.teamIds}
            onChange={(values) => setMatch("teamIds", values)}
            clearable
          />
          <Text size="sm" fw={600} mt="xs">
            {t("sla.policies.targets")}
          </Text>
          <Text size="xs" c="gray.7" mt={-8}>
            {t("sla.policies.targetsHelp")}
          </Text>
          {TARGETS.map((key) => (
            <NumberInput
              key={key}
              label={`${t(`sla.policies.target.${key}`)} (${t("sla.policies.minutes")})`}
              placeholder={t("sla.policies.noTarget")}
              min={1}
              max={525_600}
              allowDecimal={false}
              value={form.targets[key] ?? ""}
              onChange={(value) =>
                setForm((current) => ({
                  ...current,
                  targets: {
                    ...current.targets,
                    [key]: typeof value === "number" ? value : undefined,
                  },
                }))
              }
              data-testid={`sla-policy-${key}`}
            />
          ))}
          <div>
            <Text size="sm" fw={500} mb={4} id="sla-hours-label">
              {t("sla.policies.hours")}
            </Text>
            <SegmentedControl
              fullWidth
              value={form.hours}
              onChange={(value) =>
                setForm((current) => ({ ...current, hours: value as Form["hours"] }))
              }
              aria-labelledby="sla-hours-label"
              data={[
                { value: "always", label: t("sla.policies.hoursAlways") },
                { value: "team", label: t("sla.policies.hoursTeam") },
              ]}
            />
            <Text size="xs" c="gray.7" mt={4}>
              {t(
                form.hours === "team"
                  ? "sla.policies.hoursTeamHelp"
                  : "sla.policies.hoursAlwaysHelp",
              )}
            </Text>
          </div>
          <NumberInput
            label={t("sla.policies.warnBefore")}
            placeholder={t("sla.policies.noWarning")}
            min={1}
            max={525_600}
            allowDecimal={false}
            value={form.warnBeforeMinutes ?? ""}
            onChange={(value) =>
              setForm((current) => ({
                ...current,
                warnBeforeMinutes: typeof value === "number" ? value : null,
              }))
            }
          />
          <Text size="xs" c="gray.7" mt={-8}>
            {t("sla.policies.warnBeforeHelp")}
          </Text>
          {!hasTarget && (
            <Text size="xs" c="orange.9">
              {t("sla.policies.needsTarget")}
            </Text>
          )}
          {save.error && (
            <Alert color="red" variant="light" p="sm" role="alert">
              <Text size="sm">{describeError(save.error)}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t("actions.cancel")}
            </Button>
            <Button
              type="submit"
              color="brand.8"
              disabled={!valid}
              loading={save.isPending}
              data-testid="sla-policy-save"
            >
              {t("actions.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
