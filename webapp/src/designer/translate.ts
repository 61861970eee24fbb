/**
 * bpmn-js's own words (palette, context pad, drawing checks, the standard
 * properties) in the interface's language. bpmn-js asks for each English text
 * through its `translate` service; German has the ones people see while drawing
 * a Loom flow, anything else stays English.
 */
import i18n from "../i18n";

const GERMAN: Record<string, string> = {
  // Palette
  "Activate hand tool": "Hand-Werkzeug: Zeichnung verschieben",
  "Activate lasso tool": "Lasso-Werkzeug: mehrere Formen auswählen",
  "Activate create/remove space tool": "Platz schaffen oder entfernen",
  "Activate global connect tool": "Formen verbinden",
  "Create start event": "Startereignis anlegen",
  "Create intermediate/boundary event": "Zwischen- oder Randereignis anlegen (z. B. Timer)",
  "Create end event": "Endereignis anlegen",
  "Create gateway": "Verzweigung (Gateway) anlegen",
  "Create task": "Aufgabe anlegen",
  "Create expanded sub-process": "Teilprozess anlegen",
  "Create data object reference": "Datenobjekt anlegen",
  "Create data store reference": "Datenspeicher anlegen",
  "Create pool/participant": "Pool anlegen",
  "Create group": "Gruppe anlegen",
  // Context pad
  "Append end event": "Endereignis anhängen",
  "Append gateway": "Verzweigung anhängen",
  "Append task": "Aufgabe anhängen",
  "Append intermediate/boundary event": "Zwischenereignis anhängen",
  "Append timer intermediate catch event": "Timer anhängen",
  "Append message intermediate catch event": "Nachrichtenereignis anhängen",
  "Append signal intermediate catch event": "Signalereignis anhängen",
  "Append conditional intermediate catch event": "Bedingtes Ereignis anhängen",
  "Append receive task": "Empfangsaufgabe anhängen",
  "Append compensation activity": "Kompensationsaktivität anhängen",
  "Add text annotation": "Notiz hinzufügen",
  "Change element": "Art ändern",
  "Change type": "Art ändern",
  "Connect to other element": "Mit anderer Form verbinden",
  "Connect using association": "Mit Zuordnung verbinden",
  "Connect using data input association": "Mit Dateneingang verbinden",
  Delete: "Löschen",
  "Add lane above": "Bahn darüber hinzufügen",
  "Add lane below": "Bahn darunter hinzufügen",
  "Divide into two lanes": "In zwei Bahnen teilen",
  "Divide into three lanes": "In drei Bahnen teilen",
  "Search in diagram": "In der Zeichnung suchen",
  // Drawing checks (bpmn-js-bpmnlint)
  "Toggle linting overlays": "Markierungen der Zeichnungsprüfung ein- oder ausblenden",
  "{errors} Errors, {warnings} Warnings": "{errors} Fehler, {warnings} Warnungen",
  "No Issues": "Keine Probleme",
  // Properties panel
  General: "Allgemein",
  Name: "Name",
  ID: "ID",
  Executable: "Ausführbar",
  Documentation: "Dokumentation",
  "Element documentation": "Dokumentation der Form",
  "Process documentation": "Dokumentation des Prozesses",
  "Process name": "Prozessname",
  "Process ID": "Prozess-ID",
  Timer: "Timer",
  Type: "Art",
  Value: "Wert",
  "<none>": "<keine>",
  Date: "Datum",
  Duration: "Dauer",
  Cycle: "Zyklus",
  "Toggle section": "Abschnitt auf- oder zuklappen",
  "Section contains edits": "Abschnitt enthält Angaben",
  "Section contains an error": "Abschnitt enthält einen Fehler",
  "Open pop-up editor": "In größerem Editor öffnen",
  "Select an element to edit its properties.": "Wählen Sie eine Form, um ihre Eigenschaften zu bearbeiten.",
  "Multiple elements are selected. Select a single element to edit its properties.":
    "Mehrere Formen sind ausgewählt. Wählen Sie eine einzelne, um ihre Eigenschaften zu bearbeiten.",
  "ID must not be empty.": "Die ID darf nicht leer sein.",
  "ID must be unique.": "Die ID muss eindeutig sein.",
  "ID must not contain spaces.": "Die ID darf keine Leerzeichen enthalten.",
  "ID must be a valid QName.": "Die ID muss mit einem Buchstaben beginnen und darf nur Buchstaben, Ziffern, - und _ enthalten.",
  // Element kinds, as the panel's header names them
  Process: "Prozess",
  Task: "Aufgabe",
  "User Task": "Benutzeraufgabe",
  "Script Task": "Skriptaufgabe",
  "Manual Task": "Manuelle Aufgabe",
  "Start Event": "Startereignis",
  "End Event": "Endereignis",
  "Terminate End Event": "Beendendes Endereignis",
  "Intermediate Throw Event": "Zwischenereignis",
  "Timer Intermediate Catch Event": "Timer-Zwischenereignis",
  "Timer Boundary Event": "Timer-Randereignis",
  "Timer Boundary Event (Non Interrupting)": "Timer-Randereignis (nicht unterbrechend)",
  "Exclusive Gateway": "Exklusive Verzweigung",
  "Parallel Gateway": "Parallele Verzweigung",
  "Inclusive Gateway": "Inklusive Verzweigung",
  "Sequence Flow": "Verbindung",
  "Conditional Flow": "Bedingte Verbindung",
  "Default Flow": "Standardverbindung",
  "Expanded Sub Process": "Teilprozess",
  "Collapsed Sub Process": "Zugeklappter Teilprozess",
  "Text Annotation": "Notiz",
  Group: "Gruppe",
};

/** diagram-js's translate: the text in the current language, `{name}` placeholders filled in. */
export function translate(template: string, replacements: Record<string, string> = {}): string {
  const language = i18n.resolvedLanguage ?? i18n.language;
  const text = language === "de" ? (GERMAN[template] ?? template) : template;
  return text.replace(/{([^}]+)}/g, (whole, key: string) => replacements[key] ?? whole);
}

/** Replaces diagram-js's translate service. */
export const translateModule = { translate: ["value", translate] };
