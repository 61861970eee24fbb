/** Deutsche Texte zum Verschieben mehrerer Datensätze aus der Tabelle (Teil von de.ts). */
import type { enBulkMove } from "./en.bulkMove";
import type { SameKeys } from "./sameKeys";

export const deBulkMove: SameKeys<typeof enBulkMove> = {
  bulkMove: {
    selectAll: "Alle Datensätze dieser Seite auswählen",
    selectRecord: "{{name}} auswählen",
    selected_one: "{{formatted}} Datensatz ausgewählt",
    selected_other: "{{formatted}} Datensätze ausgewählt",
    actions: "Aktionen für die ausgewählten Datensätze",
    moveTo: "Verschieben nach…",
    targetsLabel: "Zustände, in die die ausgewählten Datensätze verschoben werden können",
    noTargets: "Kein veröffentlichter Ablauf bewegt Datensätze von {{name}}, daher lassen sie sich hier nicht verschieben.",
    targetsFailed: "Die Zustände zum Verschieben konnten nicht geladen werden.",
    clear: "Auswahl aufheben",
    confirmTitle: "Nach {{state}} verschieben?",
    confirmBody_one: "{{formatted}} Datensatz wird mit dem Schritt, der dorthin führt, nach {{state}} ({{column}}) verschoben, als würden Sie ihn einzeln verschieben. Kann er nicht verschoben werden, wird er danach mit dem Grund aufgeführt.",
    confirmBody_other: "{{formatted}} Datensätze werden mit dem Schritt, der dorthin führt, einer nach dem anderen nach {{state}} ({{column}}) verschoben, als würden Sie jeden einzeln verschieben. Datensätze, die nicht verschoben werden können, werden danach mit dem Grund aufgeführt.",
    confirm_one: "{{formatted}} Datensatz verschieben",
    confirm_other: "{{formatted}} Datensätze verschieben",
    resultTitle: "Nach {{state}} verschoben",
    runningTitle: "Verschieben nach {{state}}",
    background: "Das sind viele Datensätze, daher verschiebt Loom sie im Hintergrund. Sie können dieses Fenster schließen; die Arbeit geht weiter.",
    moved_one: "{{formatted}} Datensatz verschoben.",
    moved_other: "{{formatted}} Datensätze verschoben.",
    skipped_one: "{{formatted}} Datensatz war schon dort.",
    skipped_other: "{{formatted}} Datensätze waren schon dort.",
    refused_one: "{{formatted}} Datensatz konnte nicht verschoben werden:",
    refused_other: "{{formatted}} Datensätze konnten nicht verschoben werden:",
    refusedList: "Nicht verschobene Datensätze",
    notListed_one: "…und {{formatted}} weiterer, der hier nicht aufgeführt ist.",
    notListed_other: "…und {{formatted}} weitere, die hier nicht aufgeführt sind.",
    untitled: "Datensatz {{id}}",
    gone: "Datensatz {{id}} (nicht gefunden)",
    close: "Schließen",
  },
};
