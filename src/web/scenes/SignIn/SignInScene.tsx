import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconClockExclamation } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { AuthLayout } from "../../components/AuthLayout.tsx";
import { useSession, useSignIn } from "../../hooks/api/session.ts";
import { applyLocale } from "../../i18n/index.ts";
import { ApiError } from "../../lib/api.ts";
import { describeError } from "../../lib/notify.ts";
import { clearSessionExpired, sessionExpired } from "../../lib/sessionExpiry.ts";

/** Only paths inside the app are followed after signing in. */
function safeNext(value: string | null): string {
  if (!value?.startsWith("/") || value.startsWith("//")) return "/";
  return value;
}

export function SignInScene() {
  const { t } = useTranslation();
  const session = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [account, setAccount] = useState("");
  const [expired] = useState(sessionExpired);
  const next = safeNext(params.get("next"));
  const needsAccount = signIn.error instanceof ApiError && signIn.error.id === "account_required";

  if (session.data && !signIn.isPending) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(
      { email: email.trim(), password, account: account.trim() || undefined },
      {
        onSuccess: (result) => {
          clearSessionExpired();
          if (result.user.locale) void applyLocale(result.user.locale);
          navigate(next, { replace: true });
        },
      },
    );
  };

  return (
    <AuthLayout>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} size="h3">
              {t("signIn.title")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("signIn.subtitle")}
            </Text>
          </div>
          {expired && !signIn.error && (
            <Alert
              color="yellow"
              icon={<IconClockExclamation size={18} />}
              data-testid="session-expired"
            >
              {t("signIn.expired")}
            </Alert>
          )}
          {signIn.error && !needsAccount && (
            <Alert color="red" role="alert">
              {describeError(signIn.error)}
            </Alert>
          )}
          <TextInput
            label={t("signIn.email")}
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            required
            autoFocus
          />
          <PasswordInput
            label={t("signIn.password")}
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            required
          />
          {needsAccount && (
            <TextInput
              label={t("signIn.account")}
              description={t("signIn.accountHelp")}
              name="account"
              value={account}
              onChange={(event) => setAccount(event.currentTarget.value)}
              required
            />
          )}
          <Button type="submit" loading={signIn.isPending} disabled={!email || !password} fullWidth>
            {t("signIn.submit")}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
