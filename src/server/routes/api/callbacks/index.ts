import { businessHoursRoutes } from "./businessHours.ts";
import { callbackRoutes } from "./callbacks.ts";
import { conversationCallRoutes } from "./conversationCalls.ts";

/** Callbacks, business hours, calls, call notes and the agent's typing indicator. */
export const callbackApiRoutes = [
  ...callbackRoutes,
  ...businessHoursRoutes,
  ...conversationCallRoutes,
];
