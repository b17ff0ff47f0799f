import { createTheme, type MantineColorsTuple } from "@mantine/core";

const brand: MantineColorsTuple = [
  "#edf2ff",
  "#dbe4ff",
  "#bac8ff",
  "#91a7ff",
  "#748ffc",
  "#5c7cfa",
  "#4c6ef5",
  "#4263eb",
  "#3b5bdb",
  "#364fc7",
];

/** Calm and dense: small type, soft borders, one accent colour. */
export const theme = createTheme({
  primaryColor: "brand",
  // White on shade 6 gives 4.3:1, under WCAG AA; shade 7 passes on filled buttons and badges.
  primaryShade: { light: 7, dark: 8 },
  colors: { brand },
  defaultRadius: "md",
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: "600" },
  fontSizes: { xs: "0.75rem", sm: "0.8125rem", md: "0.875rem", lg: "1rem", xl: "1.125rem" },
  cursorType: "pointer",
  respectReducedMotion: true,
  components: {
    Badge: { defaultProps: { radius: "sm", fw: 500, tt: "none" } },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 250 } },
  },
});
