import { Box, Group, Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { LanguageMenu } from "./LanguageMenu.tsx";

/** The centred card of the sign-in and onboarding pages. */
export function AuthLayout({ children, width = 400 }: { children: ReactNode; width?: number }) {
  return (
    <div className="rl-auth">
      <Stack align="center" gap="lg" w="100%" maw={width}>
        <Group gap={10}>
          <div className="rl-logo rl-logo-lg" aria-hidden>
            R
          </div>
          <Text fw={700} size="xl">
            Relais
          </Text>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="lg" w="100%">
          {children}
        </Paper>
        <Box>
          <LanguageMenu />
        </Box>
      </Stack>
    </div>
  );
}
