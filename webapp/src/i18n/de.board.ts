import type { enBoard } from "./en.board";
import type { SameKeys } from "./sameKeys";

/** German texts of the records board (part of de.ts). */
export const deBoard: SameKeys<typeof enBoard> = {
  board: {
    layout: "Darstellung",
    grid: "Tabelle",
    board: "Board",
    groupBy: "Gruppieren nach",
    boardLabel: "Board von {{name}} nach {{column}}",
    noChoiceTitle: "Nichts zum Gruppieren",
    noChoiceBody: "Ein Board gruppiert Datensätze nach einem Auswahlfeld, etwa Status. {{name}} hat noch keines.",
    movesWith: "Ziehen Sie eine Karte in eine andere Spalte oder nutzen Sie ihr Menü „Verschieben nach…“, um den Schritt von {{flow}} auszuführen, der dorthin führt.",
    noFlow: "Kein veröffentlichter Ablauf bewegt Datensätze durch {{column}}, deshalb bleiben die Karten hier, wo sie sind. Gruppieren Sie nach dem Feld, das ein Ablauf bewegt, um sie zu verschieben.",
    readOnly: "Mit Ihrer Rolle können Sie das Board ansehen. Bearbeiter, Admins und Inhaber können Karten verschieben.",
    noValue: "Ohne {{column}}",
    count_one: "{{formatted}} Datensatz",
    count_other: "{{formatted}} Datensätze",
    empty: "Hier sind keine Datensätze",
    showMore: "Mehr anzeigen",
    showMoreIn: "Mehr anzeigen in {{column}}",
    moveTo: "Verschieben nach…",
    moveCard: "{{title}} verschieben nach…",
    moving: "Wird verschoben…",
    moved: "{{title}} wurde nach {{column}} verschoben.",
    notMoved: "Nicht verschoben",
    untitled: "Datensatz {{id}}",
  },
};
