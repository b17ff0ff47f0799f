import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL("./src/web", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/web", import.meta.url));

/** Where `vite dev` forwards API, WebSocket and webhook calls (a `relais serve` running beside). */
const target = process.env.RELAIS_DEV_API ?? "http://127.0.0.1:3200";

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target, ws: true, changeOrigin: false },
      // Webhooks only: the app's own source has a hooks/ folder too.
      "^/hooks/[0-9a-f]{8}-": { target },
      "/health": { target },
    },
  },
});
