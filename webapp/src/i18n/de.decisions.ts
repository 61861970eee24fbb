import type { enDecisions } from "./en.decisions";
import type { SameKeys } from "./sameKeys";

/** Deutsche Texte der Entscheidungstabellen eines Ablaufs (Teil von de.ts). */
export const deDecisions: SameKeys<typeof enDecisions> = {
  decisions: {
    heading: "Entscheidungen",
    intro: "Entscheidungstabellen bestimmen einen Wert nach Regeln, etwa die Route nach Gewicht und Ziel. Eine Geschäftsregel-Aufgabe im Diagramm nutzt eine davon und schreibt ihr Ergebnis in die Felder des Datensatzes.",
    empty: "Dieser Ablauf hat noch keine Entscheidungstabellen.",
    new: "Neue Entscheidungstabelle",
    open: "{{name}} öffnen",
    openButton: "Öffnen",
    deleteButton: "Löschen",
    delete: "{{name}} löschen",
    deleteTitle: "Die Entscheidungstabelle {{name}} löschen?",
    deleteBody: "Die Tabelle und ihre Regeln werden aus diesem Entwurf entfernt. Eine Geschäftsregel-Aufgabe, die sie nutzt, hat dann keine Tabelle, bis Sie eine andere wählen.",
    deleted: "{{name}} gelöscht.",
    saved: "{{name}} gespeichert.",
    conflict: "Jemand anderes hat diesen Ablauf gespeichert, nachdem Sie ihn geöffnet haben. Kopieren Sie Ihre Änderungen, wenn Sie sie behalten möchten, laden Sie die Seite neu und versuchen Sie es noch einmal.",
    idLabel: "ID: {{id}}",
    newTitle: "Neue Entscheidungstabelle",
    name: "Name",
    nameRequired: "Geben Sie der Tabelle einen Namen.",
    input: "Entscheidet nach dem Feld",
    output: "Setzt das Feld",
    fieldRequired: "Wählen Sie ein Feld.",
    create: "Anlegen",
    editorTitle: "Entscheidungstabelle: {{name}}",
    editorHelp: "Jede Zeile ist eine Regel. Schreiben Sie Tests wie > 100, [1..5], \"Berlin\",\"Hamburg\" oder not(\"München\"); - passt auf alles. Benennen Sie jede Ausgabe nach dem Feld, das sie setzt.",
    save: "Tabelle speichern",
    loading: "Der Tabelleneditor wird geladen…",
    loadFailed: "Die Tabelle konnte nicht angezeigt werden: {{reason}}",
    panelGroup: "Entscheidung",
    panelChoose: "Entscheidungstabelle",
    panelNone: "Wählen Sie eine Entscheidungstabelle",
    panelHelp: "Die Ausgaben der Tabelle werden in die gleichnamigen Felder des Datensatzes geschrieben.",
  },
};
