import type { enNotify } from "./en.notify";
import type { SameKeys } from "./sameKeys";

/** German texts of telling people about tasks: das Abzeichen am Posteingang und der E-Mail-Schalter im Konto (part of de.ts). */
export const deNotify: SameKeys<typeof enNotify> = {
  notify: {
    inboxWaiting_one: "{{name}}, {{count}} wartet",
    inboxWaiting_other: "{{name}}, {{count}} warten",
    inboxWaitingMany: "{{name}}, mehr als 99 warten",
    emails: {
      title: "E-Mails",
      intro: "Über die Sicherheit Ihres Kontos schreibt Loom Ihnen immer. Diese E-Mails können Sie wählen.",
      tasks: "E-Mail, wenn eine Aufgabe auf mich wartet",
      tasksHelp:
        "Wenn ein Schritt eines Ablaufs Sie nennt (mit Ihrer E-Mail-Adresse, in einem Personenfeld des Datensatzes oder weil Sie ihn übernommen haben), erhalten Sie eine E-Mail mit einem Link zum Datensatz. Schritte für eine ganze Rolle schicken keine E-Mail.",
      on: "Sie erhalten eine E-Mail, wenn eine Aufgabe auf Sie wartet.",
      off: "Sie erhalten keine E-Mails mehr zu Aufgaben. Der Posteingang zeigt sie weiterhin.",
      failed: "Ihre E-Mail-Einstellungen konnten nicht geladen werden.",
    },
  },
};
