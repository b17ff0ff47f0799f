import "@mantine/core/styles.css";
import "@mantine/charts/styles.css";
import "@mantine/dates/styles.css";
import "@mantine/notifications/styles.css";
import "./styles/app.css";
import "./styles/inbox.css";
import "./styles/conversation.css";
import "./styles/settings.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { initI18n } from "./i18n/index.ts";
import { App } from "./routes/App.tsx";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");

void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
