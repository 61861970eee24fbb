/** English texts of importing a diagram with several pools (part of en.ts). */
export const enPools = {
  poolImport: {
    title: "This diagram has {{count}} pools",
    intro: "Each pool becomes a flow of its own. Messages between the pools are sent between the flows. Choose which records each flow moves.",
    pool: "Pool",
    name: "Flow name",
    blueprint: "Moves records of",
    blueprintRequired: "Choose a blueprint for this pool.",
    warningsTitle: "Some messages between the pools will not be sent",
    create_one: "Create {{count}} flow",
    create_other: "Create {{count}} flows",
    back: "Back",
    created_one: "{{count}} flow created.",
    created_other: "{{count}} flows created.",
  },
};
