import { createTheme, type CSSVariablesResolver } from "@mantine/core";
import i18n from "../i18n";

// The × of every dialog and drawer has a name screen readers say, in the language of the moment
// (a function: Mantine calls it on each render, after a language switch too).
const namedCloseButton = () => ({ closeButtonProps: { "aria-label": i18n.t("common.close") } });

/*
 * Colours pass WCAG AA (4.5:1 for text, 3:1 for large text and controls) in light and dark:
 * - links, primary buttons and coloured text use shade 8 in light mode (indigo 8 on white is 5.7:1;
 *   Mantine's default shade 6 is 4.3:1), shade 8 under white text in dark mode;
 * - filled buttons and badges of light colours (green, yellow, orange...) get black text instead
 *   of white (autoContrast; the threshold puts red 8 under white text, 4.5:1, and green 8 under
 *   black, 6.1:1);
 * - dimmed text and the text of light-coloured badges and alerts are darker than Mantine's
 *   (cssVariablesResolver below); the values are measured against white and the colour's tint.
 */
export const theme = createTheme({
  primaryColor: "indigo",
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.185,
  defaultRadius: "md",
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  headings: { fontWeight: "650" },
  components: {
    Button: { defaultProps: { radius: "md" } },
    Modal: { defaultProps: namedCloseButton },
    Drawer: { defaultProps: namedCloseButton },
    Notification: { defaultProps: namedCloseButton },
    // Without the focus placeholder (a tabindex div) a menu holds only menu items, labels and
    // dividers, as role="menu" requires; opening it focuses the first item instead.
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
    // Check boxes and radios of 24 px: the smallest target WCAG 2.2 allows (Mantine's default is 20).
    Checkbox: { defaultProps: { size: "md" } },
    Radio: { defaultProps: { size: "md" } },
  },
});

/** Text shades of the light colours whose Mantine shades 8 and 9 are too pale for text on white or their tint. */
const DARK_TEXT: Record<string, string> = {
  red: "#b02525",
  green: "#237032",
  yellow: "#8f5300",
  orange: "#a63c06",
  teal: "#0b6b61",
  cyan: "#0b6577",
  lime: "#4a7a0c",
};

const lightText = Object.fromEntries(
  Object.entries(DARK_TEXT).flatMap(([name, value]) => [
    [`--mantine-color-${name}-text`, value],
    [`--mantine-color-${name}-light-color`, value],
  ]),
);

/**
 * Mantine's CSS variables the theme alone cannot set. `--loom-surface` is the quiet background of
 * empty states, lanes and nested panels (gray 0 in light mode, a dark grey in dark mode);
 * `--loom-scroll-shadow` the edge shadow of a row that scrolls sideways, such as the workspace tabs.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "#5c636a", // 5.5:1 on gray 1, Mantine's gray 6 is 3.3:1 on white
    "--loom-surface": "var(--mantine-color-gray-0)",
    "--loom-border": "var(--mantine-color-gray-3)",
    "--loom-scroll-shadow": "rgba(0, 0, 0, 0.18)",
    ...lightText,
  },
  dark: {
    "--mantine-color-dimmed": "#adadad", // 5:1 on dark 5, Mantine's dark 2 is 4:1 on the body
    "--loom-surface": "var(--mantine-color-dark-6)",
    "--loom-border": "var(--mantine-color-dark-4)",
    "--loom-scroll-shadow": "rgba(0, 0, 0, 0.6)",
  },
});
