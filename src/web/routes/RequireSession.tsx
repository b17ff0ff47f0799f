import { Center, Loader } from "@mantine/core";
import { useEffect } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { AppLayout } from "../components/AppLayout.tsx";
import { ErrorState } from "../components/ErrorState.tsx";
import { LiveProvider } from "../components/LiveProvider.tsx";
import { useSession } from "../hooks/api/session.ts";
import { applyLocale } from "../i18n/index.ts";
import { clearSessionExpired } from "../lib/sessionExpiry.ts";

/** The signed-in part of the app: live connection, navigation, the agent's own language. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const locale = session.data?.user.locale ?? null;

  useEffect(() => {
    if (locale) void applyLocale(locale);
  }, [locale]);

  const signedIn = Boolean(session.data);
  useEffect(() => {
    if (signedIn) clearSessionExpired();
  }, [signedIn]);

  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader size="sm" />
      </Center>
    );
  }
  if (session.isError) {
    return <ErrorState error={session.error} onRetry={() => session.refetch()} fullPage />;
  }
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <LiveProvider>
      <AppLayout>
        <Outlet />
      </AppLayout>
    </LiveProvider>
  );
}
