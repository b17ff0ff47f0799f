import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";
import type { LiveEvent } from "../../shared/events.ts";
import { queryKeys } from "../hooks/api/keys.ts";
import { markSessionExpired } from "../lib/sessionExpiry.ts";
import { LiveClient, type LiveStatus } from "../live.ts";

const LiveContext = createContext<LiveClient | null>(null);

/** One live connection for the signed-in agent, shared by every screen. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [client] = useState(
    () =>
      new LiveClient(queryClient, () => {
        // The socket was refused: the session may have run out; the session check decides.
        markSessionExpired();
        void queryClient.invalidateQueries({ queryKey: queryKeys.session });
      }),
  );
  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);
  return <LiveContext.Provider value={client}>{children}</LiveContext.Provider>;
}

export function useLiveStatus(): LiveStatus {
  const client = useContext(LiveContext);
  const [status, setStatus] = useState<LiveStatus>(client?.status ?? "closed");
  useEffect(() => {
    if (!client) return;
    setStatus(client.status);
    return client.onStatus(setStatus);
  }, [client]);
  return status;
}

/** Calls `handler` for every live event (the latest handler, without resubscribing). */
export function useLiveEvent(handler: (event: LiveEvent) => void): void {
  const client = useContext(LiveContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!client) return;
    return client.onEvent((event) => latest.current(event));
  }, [client]);
}
