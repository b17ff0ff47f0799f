import { useDisclosure, useHotkeys } from "@mantine/hooks";
import type { ReactNode } from "react";
import { LiveNotifications } from "./LiveNotifications.tsx";
import { Navigation } from "./Navigation.tsx";
import { ShortcutsHelp } from "./ShortcutsHelp.tsx";

/** Navigation on the left, the scene beside it; `?` opens the keyboard shortcuts. */
export function AppLayout({ children }: { children: ReactNode }) {
  const [helpOpen, help] = useDisclosure(false);
  useHotkeys([
    ["shift+?", help.toggle],
    ["?", help.toggle],
  ]);
  return (
    <div className="rl-app">
      <Navigation onShowShortcuts={help.open} />
      <main className="rl-main">{children}</main>
      <ShortcutsHelp opened={helpOpen} onClose={help.close} />
      <LiveNotifications />
    </div>
  );
}
