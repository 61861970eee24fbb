import { createTheme } from "@mantine/core";
import i18n from "../i18n";

// The × of every dialog and drawer has a name screen readers say, in the language of the moment
// (a function: Mantine calls it on each render, after a language switch too).
const namedCloseButton = () => ({ closeButtonProps: { "aria-label": i18n.t("common.close") } });

// System fonts only: nothing is loaded from a font service.
export const theme = createTheme({
  primaryColor: "indigo",
  defaultRadius: "md",
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  headings: { fontWeight: "650" },
  components: {
    Button: { defaultProps: { radius: "md" } },
    Modal: { defaultProps: namedCloseButton },
    Drawer: { defaultProps: namedCloseButton },
  },
});
