import type { enRecordsTools } from "./en.recordsTools";
import type { SameKeys } from "./sameKeys";

/** Deutsche Texte des Bereichs „Hintergrundarbeiten“, des Fehlerzustands und der Karten der Datensätze und der Spaltenprüfung im Designer. */
export const deRecordsTools: SameKeys<typeof enRecordsTools> = {
  backgroundWork: {
    short: "Hintergrundarbeiten",
    button: "Hintergrundarbeiten: Ihre Importe, Exporte und Migrationen",
    buttonRunning_one: "Hintergrundarbeiten: {{count}} läuft",
    buttonRunning_other: "Hintergrundarbeiten: {{count}} laufen",
    title: "Hintergrundarbeiten",
    intro: "Ihre Importe, Exporte und Migrationen in diesem Arbeitsbereich, die neuesten zuerst. Fertige Exporte können Sie hier herunterladen, solange die Datei aufbewahrt wird (7 Tage).",
    empty: "Noch nichts da",
    emptyBody: "Wenn Sie Datensätze importieren oder exportieren oder auf eine neue Version eines Blueprints umstellen, läuft das im Hintergrund und erscheint hier.",
    started: "Gestartet {{when}}",
    finished: "fertig {{when}}",
    download: "{{name}} herunterladen",
    kinds: {
      export: "Export",
      exportAbout: "Export von {{name}}",
      import: "Import",
      importAbout: "Import in {{name}}",
      migrate: "Migration",
      migrateAbout: "Migration der Datensätze von {{name}}",
      move: "Datensätze verschieben",
      moveAbout: "Datensätze von {{name}} verschieben",
      moveInstances: "Flow-Instanzen verschieben",
      moveInstancesAbout: "Flow-Instanzen verschieben",
      purge: "Papierkorb leeren",
      purgeAbout: "Papierkorb leeren",
      other: "Hintergrundaufgabe",
      otherAbout: "Hintergrundaufgabe für {{name}}",
    },
    outcome: {
      queued: "Wartet auf den Start",
      running: "Läuft",
      done: "Fertig",
      partly: "Fertig, mit Problemen",
      failed: "Fehlgeschlagen",
    },
  },
  gridState: {
    errorTitle: "Die Datensätze konnten nicht geladen werden",
    retry: "Erneut versuchen",
    requestId: "Wenn das wieder passiert, geben Sie diese Kennung an Ihre Administration weiter:",
    untitled: "Datensatz …{{id}}",
  },
  columnCheck: {
    systemTitle: "Spalten, die jeder Datensatz hat",
    filledBy: "Ausgefüllt",
    systemId: "von Loom, einmal beim Anlegen",
    systemCreated: "von Loom beim Anlegen",
    systemUpdated: "von Loom bei jeder Änderung",
    systemExplained:
      "Diese Spalten können Sie nicht ändern, und ihre Namen kann keine Spalte als Schlüssel verwenden. Auch die Schlüssel {{others}} sind reserviert. Eine Spalte, deren Name wie einer davon lautet, bekommt „_value“ an ihren Schlüssel angehängt.",
    reservedName: "„{{label}}“ lautet wie die Spalte {{reserved}}, die jeder Datensatz schon hat, daher wird der Schlüssel dieser Spalte {{key}}. Ein eindeutigerer Name (zum Beispiel „Bestellung {{label}}“) vermeidet Verwechslungen.",
    duplicateName: "Eine andere Spalte heißt ebenfalls „{{label}}“. Geben Sie jeder Spalte einen eigenen Namen, damit man sie in Formularen und Filtern unterscheiden kann (der Schlüssel dieser Spalte ist {{key}}).",
    options: "Optionen",
    showOptions: "Optionen von {{label}} anzeigen",
    hideOptions: "Optionen von {{label}} ausblenden",
    bannerTitle: "Einige Spalten brauchen Ihre Aufmerksamkeit",
    bannerBody: "Wählen Sie eine Spalte, um zu ihr zu springen:",
  },
};
