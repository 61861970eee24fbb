import type { enPools } from "./en.pools";
import type { SameKeys } from "./sameKeys";

/** German texts of importing a diagram with several pools (part of de.ts). */
export const dePools: SameKeys<typeof enPools> = {
  poolImport: {
    title: "Dieses Diagramm hat {{count}} Pools",
    intro: "Jeder Pool wird ein eigener Ablauf. Nachrichten zwischen den Pools gehen zwischen den Abläufen hin und her. Wählen Sie, welche Datensätze jeder Ablauf bewegt.",
    pool: "Pool",
    name: "Name des Ablaufs",
    blueprint: "Bewegt Datensätze von",
    blueprintRequired: "Wählen Sie einen Blueprint für diesen Pool.",
    warningsTitle: "Manche Nachrichten zwischen den Pools werden nicht gesendet",
    create_one: "{{count}} Ablauf anlegen",
    create_other: "{{count}} Abläufe anlegen",
    back: "Zurück",
    created_one: "{{count}} Ablauf angelegt.",
    created_other: "{{count}} Abläufe angelegt.",
  },
};
