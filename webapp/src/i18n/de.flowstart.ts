import type { enFlowStart } from "./en.flowstart";
import type { SameKeys } from "./sameKeys";

/** German texts of the ways to start a flow and of the diagram editor's palette and panel (part of de.ts). */
export const deFlowStart: SameKeys<typeof enFlowStart> = {
  flowStart: {
    emptyChoose: "Wählen Sie, wie Sie beginnen:",
    stepsLine: "Eine Tabelle von Knöpfen, die man an einem Datensatz drückt; ganz ohne Zeichnen.",
    templateLines: {
      delivery: "Die Knöpfe „Delivery started“ und dann „Delivered“, jeweils mit Zeitstempel. Braucht ein Feld Status mit PENDING, IN_PROGRESS und DELIVERED.",
      stock: "Die Knöpfe „Reserve“, „Release“, „Mark out“ und „Restock“ über In stock, Reserved und Out. Legt ein Feld Stock state an, wenn der Blueprint keines hat.",
    },
    importLine: "Ein Diagramm aus einem anderen BPMN-Modellierer; es öffnet sich im Diagramm-Editor.",
    file: "BPMN-Datei",
    fileHelp: "Eine .bpmn- oder .xml-Datei.",
    fileRequired: "Wählen Sie eine .bpmn- oder .xml-Datei zum Importieren.",
    fileTooBig: "{{name}} ist zu groß für ein Flussdiagramm (mehr als 2 MB).",
  },
  flowCanvas: {
    fit: "An Bildschirm anpassen",
    palette: {
      hand: "Zeichnung verschieben",
      handHelp: "Ziehen, um die ganze Zeichnung zu verschieben",
      lasso: "Mehrere auswählen",
      lassoHelp: "Einen Rahmen um Formen ziehen, um sie zusammen auszuwählen",
      space: "Platz schaffen",
      spaceHelp: "Ziehen, um Formen auseinander- oder zusammenzuschieben",
      connect: "Verbinden",
      connectHelp: "Einen Pfeil von einer Form zu einer anderen ziehen",
      start: "Start",
      startHelp: "Wo ein neuer Datensatz in den Ablauf kommt",
      userTask: "Schritt für eine Person",
      userTaskHelp: "Ein Knopf, den jemand am Datensatz drückt, mit Formular",
      scriptTask: "Automatischer Schritt (Skript)",
      scriptTaskHelp: "Loom ändert die Felder des Datensatzes selbst, mit einem kurzen Skript",
      serviceTask: "Anfrage oder E-Mail senden",
      serviceTaskHelp: "Loom ruft ein anderes System über das Web auf oder sendet eine E-Mail und geht weiter, wenn das erledigt ist",
      gateway: "Entscheidung",
      gatewayHelp: "Der Ablauf geht je nach Bedingung den einen oder anderen Weg",
      timer: "Auf eine Zeit warten",
      timerHelp: "Wartet eine Dauer oder bis zu einem Datum, bevor es weitergeht",
      end: "Ende",
      endHelp: "Wo der Ablauf fertig ist",
      more: "Weitere Formen",
      moreHelp: "Die selten gebrauchten Formen zeigen",
      less: "Weniger Formen",
      lessHelp: "Die selten gebrauchten Formen ausblenden",
      subProcess: "Gruppe von Schritten",
      subProcessHelp: "Ein Kasten mit Schritten, die zusammen laufen",
      annotation: "Notiz",
      annotationHelp: "Ein Kommentar in der Zeichnung; er bewirkt nichts",
    },
    technical: {
      show: "Technische Details zeigen",
      hide: "Technische Details ausblenden",
      help: "IDs und der Schalter „Ausführbar“; selten gebraucht",
    },
  },
};
