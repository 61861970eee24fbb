/** English texts of the record page led by its state: the state, its buttons, flags and details (part of en.ts). */
export const enRecordState = {
  recordState: {
    empty: "No {{field}} yet",
    stateOf: "{{field}} of this record",
    waitingFor: "Waiting for: {{labels}}",
    flowLine: "{{flow}}, version {{number}}",
    finished: "Finished {{date}}",
    stopped: "Stopped by an error",
    nothingToPress: "Waiting for a timer; there is nothing to press now.",
    setByFlow: "Set by the flow {{flow}}",
    notStarted: "This record's {{field}}, {{value}}, is not in the flow {{flow}} yet.",
    noPlace: "This record's {{field}}, {{value}}, has no place in the flow {{flow}}.",
    elsewhere: "This record's {{field}} is {{value}}, but the flow {{flow}} waits at {{at}}.",
    finishedElsewhere: "This record's {{field}} is {{value}}, but the flow {{flow}} has finished.",
    placeIt: "Place it at {{value}}",
    placed: "Placed at {{value}}",
    askOwner: "An owner or admin can place it at {{value}}.",
    details: "Details",
    moveTitle: "Move to another version",
    editableLabel: "People may edit fields that flows set",
    editableHelp:
      "Off: a field a published flow sets changes only through the flow's buttons. On: people may also change it by hand on the record's form.",
    editableSaved: "Saved: people may edit fields that flows set.",
    editableOffSaved: "Saved: fields that flows set change only through their flows.",
  },
};
