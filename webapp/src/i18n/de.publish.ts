import type { enPublish } from "./en.publish";
import type { SameKeys } from "./sameKeys";

/** German texts of the publish dialog shared by the blueprint and flow designers (part of de.ts). */
export const dePublish: SameKeys<typeof enPublish> = {
  publishDialog: {
    title: "Version {{number}} veröffentlichen?",
    loading: "Der Entwurf wird geprüft …",
    loadFailed: "Der Entwurf konnte nicht geprüft werden: {{reason}}",
    first_one: "Erste Version: Alles unten ist neu ({{count}} Eintrag).",
    first_other: "Erste Version: Alles unten ist neu ({{count}} Einträge).",
    firstNothing: "Erste Version.",
    changesHeading: "Was sich seit der letzten Version ändert",
    noChanges: "Seit der zuletzt veröffentlichten Version ändert sich nichts.",
    added: "Hinzugefügt",
    removed: "Entfernt",
    changed: "Geändert",
    checksHeading: "Prüfungen",
    noProblems: "Keine Probleme",
    problems_one: "{{count}} Problem verhindert das Veröffentlichen:",
    problems_other: "{{count}} Probleme verhindern das Veröffentlichen:",
    warnings: "Gut zu wissen (verhindert das Veröffentlichen nicht):",
    cancel: "Abbrechen",
    confirm: "Veröffentlichen",
    kind: {
      column: "Spalte",
      order: "Spalten",
      form: "Formular",
      transition: "Schaltfläche",
      timer: "Zeitschalter",
      state: "Zustand",
      element: "Element",
    },
  },
};
