import { createBrowserRouter, Navigate } from "react-router";
import { InboxScene } from "../scenes/Inbox/InboxScene.tsx";
import { SignInScene } from "../scenes/SignIn/SignInScene.tsx";
import { Home } from "./Home.tsx";
import { RequireSession } from "./RequireSession.tsx";
import { Root } from "./Root.tsx";

/** Screens used less often than the inbox load on first visit, in chunks of their own. */
const lazyOnboarding = async () => ({
  Component: (await import("../scenes/Onboarding/OnboardingScene.tsx")).OnboardingScene,
});
const lazyCallbacks = async () => ({
  Component: (await import("../scenes/Callbacks/CallbacksScene.tsx")).CallbacksScene,
});
const lazyContacts = async () => ({
  Component: (await import("../scenes/Contacts/ContactsScene.tsx")).ContactsScene,
});
const lazyReports = async () => ({
  Component: (await import("../scenes/Reports/ReportsScene.tsx")).ReportsScene,
});
const lazyPromises = async () => ({
  Component: (await import("../scenes/Promises/PromisesScene.tsx")).PromisesScene,
});
const lazySettings = async () => ({
  Component: (await import("../scenes/Settings/SettingsScene.tsx")).SettingsScene,
});
const lazyIdeas = async () => ({
  Component: (await import("../scenes/Ideas/IdeasScene.tsx")).IdeasScene,
});
const lazyStories = async () => ({
  Component: (await import("../scenes/Stories/StoriesScene.tsx")).StoriesScene,
});
const lazyListening = async () => ({
  Component: (await import("../scenes/Listening/ListeningScene.tsx")).ListeningScene,
});
const lazyBackoffice = async () => ({
  Component: (await import("../scenes/Backoffice/BackofficeScene.tsx")).BackofficeScene,
});

/**
 * /setup (first run), /login, and behind the sign-in gate: /inbox/:view/:conversationId? where
 * view is mine, unassigned, all or team-<id>; /callbacks; /contacts/:contactId?;
 * /settings/:section?; /promises; /stories/:storyId?.
 */
export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: "/setup", lazy: lazyOnboarding },
      { path: "/login", element: <SignInScene /> },
      {
        element: <RequireSession />,
        children: [
          { index: true, element: <Home /> },
          { path: "/inbox", element: <Home /> },
          { path: "/inbox/:view/:conversationId?", element: <InboxScene /> },
          { path: "/callbacks", lazy: lazyCallbacks },
          { path: "/contacts/:contactId?", lazy: lazyContacts },
          { path: "/settings/:section?", lazy: lazySettings },
          { path: "/reports", lazy: lazyReports },
          { path: "/promises", lazy: lazyPromises },
          { path: "/backoffice/:section?", lazy: lazyBackoffice },
          { path: "/ideas", lazy: lazyIdeas },
          { path: "/stories/:storyId?", lazy: lazyStories },
          { path: "/listening", lazy: lazyListening },
        ],
      },
      { path: "*", element: <Navigate to="/" replace /> },
    ],
  },
]);
