import { deAdmin } from "./de.admin";
import { deAccount } from "./de.account";
import { deData } from "./de.data";
import { deDesign } from "./de.design";
import { deFlows } from "./de.flows";
import { deSteps } from "./de.steps";
import { deRecordState } from "./de.recordState";
import { deFlowStart } from "./de.flowstart";
import { dePools } from "./de.pools";
import { deDecisions } from "./de.decisions";
import { deBoard } from "./de.board";
import { deBulkMove } from "./de.bulkMove";
import { dePublish } from "./de.publish";
import { deFlowErrors } from "./de.flowErrors";
import { deIntegrations } from "./de.integrations";
import { deMessages } from "./de.messages";
import { deRecords } from "./de.records";
import { deTeam } from "./de.team";
import { deWork } from "./de.work";
import { deNotify } from "./de.notify";
import { deRecordsTools } from "./de.recordsTools";
import type { Translations } from "./en";
import type { SameKeys } from "./sameKeys";

/** German texts (formal "Sie"). The type makes a missing or extra key a compile error. */
const de: SameKeys<Translations> = {
  common: {
    loading: "Wird geladen…",
    retry: "Erneut versuchen",
    cancel: "Abbrechen",
    typeToConfirm: "Geben Sie zur Bestätigung {{text}} ein",
    close: "Schließen",
    networkError: "Loom ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    tooManyRequests: "Zu viele Versuche. Versuchen Sie es in {{seconds}} Sekunden erneut.",
    tooManyRequestsSoon: "Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es erneut.",
    unexpected: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
    metaFailed: "Loom konnte seine Einstellungen nicht laden.",
    needHelp: "Brauchen Sie Hilfe? Schreiben Sie an",
    orUse: "oder nutzen Sie das",
    contactForm: "Kontaktformular",
    skipToContent: "Zum Inhalt springen",
    leaveTitle: "Ohne Speichern verlassen?",
    leaveBody: "Ihre Änderungen sind noch nicht gespeichert. Wenn Sie die Seite jetzt verlassen, gehen sie verloren.",
    stay: "Auf der Seite bleiben",
    leave: "Ohne Speichern verlassen",
  },
  shell: {
    home: "Loom-Startseite",
    accountMenu: "Kontomenü",
    signedInAs: "Angemeldet als",
    signOut: "Abmelden",
    switchWorkspace: "Arbeitsbereich wechseln",
    workspaces: "Arbeitsbereiche",
    allWorkspaces: "Alle Arbeitsbereiche",
    newWorkspace: "Neuer Arbeitsbereich",
    displayLanguage: "Anzeigesprache",
  },
  auth: {
    email: "E-Mail",
    password: "Passwort",
    passwordHelp: "Mindestens 12 Zeichen.",
    emailInvalid: "Geben Sie eine gültige E-Mail-Adresse ein",
    passwordRequired: "Geben Sie Ihr Passwort ein",
    passwordTooShort: "Verwenden Sie mindestens 12 Zeichen",
    toggleVisibility: "Zeichen anzeigen oder verbergen",
    signup: {
      title: "Konto erstellen",
      intro: "Beginnen Sie mit Ihrer E-Mail-Adresse. Wir senden Ihnen einen Link, um sie zu bestätigen.",
      submit: "Konto erstellen",
      haveAccount: "Sie haben schon ein Konto?",
      signIn: "Anmelden",
    },
    checkEmail: {
      title: "Prüfen Sie Ihre E-Mails",
      sentTo: "Wir haben einen Bestätigungslink an {{email}} gesendet.",
      sent: "Wir haben Ihnen einen Bestätigungslink gesendet.",
      next: "Öffnen Sie den Link in dieser E-Mail, um Ihre Adresse zu bestätigen, und melden Sie sich dann an.",
      notArrived: "Nichts angekommen? Sehen Sie im Spam-Ordner nach oder lassen Sie sich den Link erneut senden.",
      resend: "Link erneut senden",
      resent: "Wir haben einen neuen Link an {{email}} gesendet.",
      devMailbox: "Entwicklungs-Postfach öffnen",
      backToSignIn: "Zurück zur Anmeldung",
    },
    signin: {
      title: "Bei Loom anmelden",
      submit: "Anmelden",
      noAccount: "Neu bei Loom?",
      createAccount: "Konto erstellen",
      confirmed: "Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.",
      confirmErrorTitle: "Dieser Bestätigungslink ist ungültig oder abgelaufen",
      confirmErrorBody: "Geben Sie Ihre E-Mail-Adresse unten im Formular ein und fordern Sie dann einen neuen Link an.",
      resendLink: "Neuen Link senden",
      enterEmailFirst: "Geben Sie zuerst Ihre E-Mail-Adresse ein",
      notConfirmedYet: "Ist Ihre Bestätigungs-E-Mail nicht angekommen?",
      resent: "Wir haben einen neuen Bestätigungslink an {{email}} gesendet.",
    },
    forgot: {
      link: "Passwort vergessen?",
      title: "Passwort zurücksetzen",
      intro: "Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort wählen.",
      submit: "Link senden",
      sent: "Wenn ein Konto {{email}} verwendet, haben wir dorthin einen Link für ein neues Passwort gesendet. Der Link gilt einmal und 2 Stunden lang.",
      linkError: "Dieser Link ist ungültig, wurde schon verwendet oder ist abgelaufen. Fordern Sie unten einen neuen an.",
      backToSignIn: "Zurück zur Anmeldung",
    },
    reset: {
      title: "Neues Passwort wählen",
      intro: "Danach melden Sie sich mit dem neuen Passwort an, und überall sonst, wo Sie angemeldet waren, werden Sie abgemeldet.",
      newPassword: "Neues Passwort",
      submit: "Neues Passwort speichern",
      missingToken: "Diese Seite braucht den Link aus der E-Mail. Fordern Sie einen neuen Link an.",
      askAgain: "Neuen Link anfordern",
      done: "Ihr Passwort ist geändert. Melden Sie sich mit dem neuen an.",
    },
    twoFactor: {
      title: "Anmeldung in zwei Schritten",
      intro: "Öffnen Sie Ihre Authenticator-App und geben Sie den 6-stelligen Code ein, den sie für Loom zeigt.",
      code: "Code aus der App",
      codeRequired: "Geben Sie den Code ein",
      codeUsed: "Dieser Code wurde schon verwendet. Warten Sie auf den nächsten Code in Ihrer Authenticator-App.",
      submit: "Prüfen und anmelden",
      useRecovery: "Telefon verloren? Wiederherstellungscode verwenden",
      recoveryIntro: "Geben Sie einen der Wiederherstellungscodes ein, die Sie bei der Einrichtung gespeichert haben. Jeder Code gilt einmal.",
      recoveryCode: "Wiederherstellungscode",
      recoverySubmit: "Mit dem Wiederherstellungscode anmelden",
      useApp: "Stattdessen einen Code aus der App verwenden",
      startOver: "Von vorn beginnen",
    },
  },
  tenants: {
    roles: {
      owner: "Inhaber",
      admin: "Administrator",
      member: "Mitglied",
    },
    list: {
      title: "Ihre Arbeitsbereiche",
      intro: "Ein Arbeitsbereich enthält die Datensätze eines Unternehmens: seine Blueprints, Entitäten, Abläufe und Mitglieder.",
      newWorkspace: "Neuer Arbeitsbereich",
      empty: "Sie haben noch keine Arbeitsbereiche",
      emptyBody: "Legen Sie einen Arbeitsbereich für Ihr Unternehmen an. Weitere können Sie später hinzufügen, einen je Unternehmen oder Team.",
      createFirst: "Ersten Arbeitsbereich anlegen",
      loadMore: "Weitere Arbeitsbereiche anzeigen",
    },
    form: {
      name: "Name",
      namePlaceholder: "z. B. X Delivery System",
      nameRequired: "Geben Sie einen Namen ein",
      slug: "Kurzname",
      slugUrl: "Ihr Arbeitsbereich ist erreichbar unter {{url}}",
      slugHint: "Kleinbuchstaben, Ziffern und Bindestriche. Er wird Teil der Webadresse des Arbeitsbereichs.",
      slugInvalid: "Verwenden Sie 3 bis 63 Kleinbuchstaben, Ziffern und einzelne Bindestriche; Anfang und Ende müssen Buchstabe oder Ziffer sein.",
      timezone: "Zeitzone",
      timezoneHelp: "Datum und Uhrzeit werden in diesem Arbeitsbereich in dieser Zeitzone angezeigt.",
      timezoneRequired: "Wählen Sie eine Zeitzone",
      nothingFound: "Keine Treffer",
      language: "Sprache",
      languageHelp: "Die Sprache dieses Arbeitsbereichs und der E-Mails, die er versendet.",
      languageRequired: "Wählen Sie eine Sprache",
    },
    create: {
      title: "Neuer Arbeitsbereich",
      intro: "Geben Sie Ihrem Arbeitsbereich einen Namen. Alles lässt sich später in den Einstellungen ändern.",
      submit: "Arbeitsbereich anlegen",
      created: "Arbeitsbereich angelegt",
    },
    home: {
      settings: "Einstellungen",
      summary: "Zeitzone: {{timezone}} · Sprache: {{language}}",
      nextTitle: "Entwerfen Sie Ihren ersten Blueprint",
      nextBody: "Ein Blueprint beschreibt eine Art von Datensatz in Ihrem Unternehmen, etwa eine Lieferung oder einen Lagerartikel: seine Felder, ihre Typen und das Formular, das ausgefüllt wird.",
      stepsTitle: "So entsteht ein Arbeitsbereich",
      stepBlueprint: "Entwerfen Sie einen Blueprint für jede Art von Datensatz.",
      stepEntities: "Legen Sie Datensätze (Entitäten) an, die dem Blueprint folgen.",
      stepFlow: "Zeichnen Sie einen Ablauf für die Schritte jedes Datensatzes und erledigen Sie sie über den Posteingang.",
      designBlueprint: "Blueprint entwerfen",
      blueprintsTitle: "Blueprints",
      blueprintsIntro: "Öffnen Sie einen Blueprint, um seine Datensätze zu sehen und zu bearbeiten.",
      newBlueprint: "Neuer Blueprint",
    },
    notFound: {
      title: "Arbeitsbereich nicht gefunden",
      body: "Diesen Arbeitsbereich gibt es nicht, oder Sie haben keinen Zugriff darauf.",
      back: "Ihre Arbeitsbereiche",
    },
    settings: {
      title: "Einstellungen des Arbeitsbereichs",
      intro: "Änderungen gelten für alle in diesem Arbeitsbereich.",
      submit: "Änderungen speichern",
      saved: "Gespeichert",
      unchanged: "Nichts zu speichern: Es wurde kein Feld geändert.",
      back: "Zurück zum Arbeitsbereich",
      readOnly: "Nur Inhaber und Admins können diese Einstellungen ändern.",
      sections: { general: "Allgemein", members: "Mitglieder", activity: "Aktivität", integrations: "Integrationen" },
    },
  },
  ...deAccount,
  ...deAdmin,
  ...deDesign,
  ...deFlows,
  ...deSteps,
  ...deRecordState,
  ...deFlowStart,
  ...dePools,
  ...deDecisions,
  ...deBoard,
  ...deBulkMove,
  ...dePublish,
  ...deFlowErrors,
  ...deRecords,
  ...deWork,
  ...deNotify,
  ...deTeam,
  ...deData,
  ...deIntegrations,
  ...deMessages,
  ...deRecordsTools,
  devmail: {
    title: "Entwicklungs-Postfach",
    intro: "In der Entwicklung verschickt Loom ausgehende E-Mails nicht, sondern legt sie hier ab. Öffnen Sie eine Nachricht, um ihren Links zu folgen, etwa dem zur Bestätigung einer E-Mail-Adresse.",
    refresh: "Aktualisieren",
    autoRefresh: "Die Liste wird alle 3 Sekunden aktualisiert.",
    to: "An",
    subject: "Betreff",
    received: "Empfangen",
    status: "Status",
    empty: "Noch keine E-Mails",
    emptyBody: "E-Mails, die Loom versendet, etwa Bestätigungslinks, erscheinen hier nach wenigen Sekunden.",
    unavailable: "Das Entwicklungs-Postfach gibt es nur in der Entwicklungsumgebung.",
    allEmails: "Alle E-Mails",
    showHtml: "HTML-Version anzeigen",
    hideHtml: "HTML-Version ausblenden",
    htmlFrame: "HTML-Version",
    noHtml: "Diese E-Mail hat keine HTML-Version.",
    notFound: "Diese E-Mail ist nicht im Entwicklungs-Postfach.",
    noSubject: "(kein Betreff)",
  },
  pages: {
    notFound: {
      title: "Seite nicht gefunden",
      body: "Unter dieser Adresse gibt es nichts. Prüfen Sie den Link oder kehren Sie zur Startseite zurück.",
      home: "Zur Startseite",
    },
    crash: {
      title: "Etwas ist schiefgelaufen",
      body: "Loom ist auf ein unerwartetes Problem gestoßen und hat es gemeldet. Meist hilft es, die Seite neu zu laden.",
      reload: "Seite neu laden",
    },
  },
};

export default de;
