import { MantineProvider } from "@mantine/core";
import { DatesProvider } from "@mantine/dates";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { RouterProvider } from "react-router";
import { queryKeys } from "../hooks/api/keys.ts";
import { ApiError, onUnauthorized } from "../lib/api.ts";
import { markSessionExpired } from "../lib/sessionExpiry.ts";
import { theme } from "../theme.ts";
import { router } from "./router.tsx";

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (count, error) =>
          count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();

  useEffect(() => {
    onUnauthorized(() => {
      if (!queryClient.getQueryData(queryKeys.session)) return;
      markSessionExpired();
      queryClient.setQueryData(queryKeys.session, null);
    });
    return () => onUnauthorized(null);
  }, [queryClient]);

  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
        <Notifications position="bottom-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
