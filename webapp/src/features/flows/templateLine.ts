import type { i18n as I18n } from "i18next";
import type { FlowTemplate } from "../../api/flows";

/** The one line saying what a template does: in the interface's language for the templates Loom
 * knows, else the server's description. */
export function templateLine(i18n: I18n, template: Pick<FlowTemplate, "key" | "description">): string {
  const key = `flowStart.templateLines.${template.key}`;
  return i18n.exists(key) ? i18n.t(key) : template.description;
}
