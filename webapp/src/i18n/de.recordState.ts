/** Deutsche Texte der Datensatzseite, die von ihrem Zustand ausgeht (Teil von de.ts). */
export const deRecordState = {
  recordState: {
    empty: "Noch kein Wert für {{field}}",
    stateOf: "{{field}} dieses Datensatzes",
    waitingFor: "Wartet auf: {{labels}}",
    flowLine: "{{flow}}, Version {{number}}",
    finished: "Abgeschlossen {{date}}",
    stopped: "Durch einen Fehler angehalten",
    nothingToPress: "Wartet auf einen Timer; jetzt gibt es nichts zu drücken.",
    setByFlow: "Wird vom Ablauf {{flow}} gesetzt",
    notStarted: "{{field}} dieses Datensatzes, {{value}}, ist noch nicht im Ablauf {{flow}}.",
    noPlace: "{{field}} dieses Datensatzes, {{value}}, hat keinen Platz im Ablauf {{flow}}.",
    elsewhere: "{{field}} dieses Datensatzes ist {{value}}, aber der Ablauf {{flow}} wartet bei {{at}}.",
    finishedElsewhere: "{{field}} dieses Datensatzes ist {{value}}, aber der Ablauf {{flow}} ist abgeschlossen.",
    placeIt: "Bei {{value}} einordnen",
    placed: "Bei {{value}} eingeordnet",
    askOwner: "Eine Inhaberin oder ein Admin kann ihn bei {{value}} einordnen.",
    details: "Details",
    moveTitle: "Zu einer anderen Version wechseln",
    editableLabel: "Felder, die Abläufe setzen, dürfen von Hand geändert werden",
    editableHelp:
      "Aus: Ein Feld, das ein veröffentlichter Ablauf setzt, ändert sich nur über die Schaltflächen des Ablaufs. An: Man darf es auch von Hand im Formular des Datensatzes ändern.",
    editableSaved: "Gespeichert: Felder, die Abläufe setzen, dürfen von Hand geändert werden.",
    editableOffSaved: "Gespeichert: Felder, die Abläufe setzen, ändern sich nur über ihre Abläufe.",
  },
};
