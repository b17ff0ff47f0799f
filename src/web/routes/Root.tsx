import { Center, Loader } from "@mantine/core";
import { Navigate, Outlet, useLocation } from "react-router";
import { ErrorState } from "../components/ErrorState.tsx";
import { useSetupNeeded } from "../hooks/api/session.ts";

/** Sends a fresh install to the onboarding page, and everyone else away from it. */
export function Root() {
  const setup = useSetupNeeded();
  const location = useLocation();
  if (setup.isPending) {
    return (
      <Center h="100vh">
        <Loader size="sm" />
      </Center>
    );
  }
  if (setup.isError)
    return <ErrorState error={setup.error} onRetry={() => setup.refetch()} fullPage />;
  const onSetup = location.pathname === "/setup";
  if (setup.data.needed && !onSetup) return <Navigate to="/setup" replace />;
  if (!setup.data.needed && onSetup) return <Navigate to="/" replace />;
  return <Outlet />;
}
