import {
  Alert,
  Button,
  Checkbox,
  Group,
  Input,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { Locale } from "../../../shared/enums.ts";
import { AuthLayout } from "../../components/AuthLayout.tsx";
import { queryKeys } from "../../hooks/api/keys.ts";
import { useLoadDemo, useSetup } from "../../hooks/api/session.ts";
import { applyLocale, currentLocale } from "../../i18n/index.ts";
import { describeError, notifyError } from "../../lib/notify.ts";
import { browserTimeZone, timeZoneList } from "../../lib/timeZones.ts";

/** "Maison Lumière" → "maison-lumiere": the account's address-safe name. */
export function slugify(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
}

/** First run: the organisation, its first admin, and (optionally) demo data to look around. */
export function OnboardingScene() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setup = useSetup();
  const queryClient = useQueryClient();
  const demo = useLoadDemo();
  const [accountName, setAccountName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [timeZone, setTimeZone] = useState(() => browserTimeZone());
  const [withDemo, setWithDemo] = useState(true);
  const locale = currentLocale();
  const zones = useMemo(timeZoneList, []);
  const effectiveSlug = slugEdited ? slug : slugify(accountName);
  const tooShort = password.length > 0 && password.length < 10;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setup.mutate(
      {
        accountName: accountName.trim(),
        slug: effectiveSlug,
        name: name.trim(),
        email: email.trim(),
        password,
        locale,
        timeZone,
      },
      {
        onSuccess: () => {
          const finish = (to: string) => {
            queryClient.setQueryData(queryKeys.setup, { needed: false });
            navigate(to, { replace: true });
          };
          if (!withDemo) {
            finish("/inbox/mine");
            return;
          }
          demo.mutate(undefined, {
            onError: notifyError,
            onSettled: () => finish("/inbox/all"),
          });
        },
      },
    );
  };

  const busy = setup.isPending || demo.isPending;
  return (
    <AuthLayout width={560}>
      <form onSubmit={submit} noValidate data-testid="onboarding">
        <Stack gap="md">
          <div>
            <Title order={2} size="h3">
              {t("onboarding.title")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("onboarding.subtitle")}
            </Text>
          </div>
          {setup.error && (
            <Alert color="red" role="alert">
              {describeError(setup.error)}
            </Alert>
          )}
          <Text fw={600} size="sm">
            {t("onboarding.organisation")}
          </Text>
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label={t("onboarding.accountName")}
              placeholder={t("onboarding.accountNamePlaceholder")}
              value={accountName}
              onChange={(event) => setAccountName(event.currentTarget.value)}
              required
              autoFocus
            />
            <TextInput
              label={t("onboarding.slug")}
              description={t("onboarding.slugHelp")}
              value={effectiveSlug}
              onChange={(event) => {
                setSlugEdited(true);
                setSlug(event.currentTarget.value.toLowerCase());
              }}
              required
            />
          </SimpleGrid>
          <Group gap="sm" align="flex-end" grow>
            <Input.Wrapper label={t("onboarding.language")}>
              <SegmentedControl
                fullWidth
                value={locale}
                onChange={(value) => void applyLocale(value as Locale)}
                data={[
                  { value: "fr", label: "Français" },
                  { value: "en", label: "English" },
                ]}
              />
            </Input.Wrapper>
            <Select
              label={t("onboarding.timeZone")}
              data={zones}
              value={timeZone}
              onChange={(value) => value && setTimeZone(value)}
              searchable
              allowDeselect={false}
            />
          </Group>
          <Text fw={600} size="sm" mt="xs">
            {t("onboarding.admin")}
          </Text>
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label={t("onboarding.name")}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              autoComplete="name"
              required
            />
            <TextInput
              label={t("onboarding.email")}
              type="email"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              autoComplete="username"
              required
            />
          </SimpleGrid>
          <PasswordInput
            label={t("onboarding.password")}
            description={t("onboarding.passwordHelp")}
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            autoComplete="new-password"
            error={tooShort ? t("onboarding.passwordTooShort") : undefined}
            required
          />
          <Checkbox
            label={t("onboarding.demo")}
            description={t("onboarding.demoHelp")}
            checked={withDemo}
            onChange={(event) => setWithDemo(event.currentTarget.checked)}
          />
          <Button
            type="submit"
            loading={busy}
            disabled={
              !accountName.trim() ||
              !effectiveSlug ||
              !name.trim() ||
              !email.trim() ||
              password.length < 10
            }
          >
            {demo.isPending ? t("onboarding.loadingDemo") : t("onboarding.submit")}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
