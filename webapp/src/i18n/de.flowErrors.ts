import type { enFlowErrors } from "./en.flowErrors";
import type { SameKeys } from "./sameKeys";

/** German texts of the flow refusals, by their stable code (part of de.ts). */
export const deFlowErrors: SameKeys<typeof enFlowErrors> = {
  flowErrors: {
    parts: {
      script: "Skript",
      prescript: "Vor-Skript",
      postscript: "Nach-Skript",
      condition: "Bedingung",
      cardinality: "Anzahl der Instanzen",
      loop_condition: "Schleifenbedingung",
      timer: "Timer",
    },
    flow: {
      diagram: {
        too_large: "Das Diagramm ist größer als {{limit}} MiB; teilen Sie es in kleinere Abläufe auf.",
        not_xml: "Das ist kein gültiges XML (Zeile {{line_number}}): {{reason}}. Korrigieren Sie es oder exportieren Sie das Diagramm erneut aus seinem Modellierungswerkzeug.",
        no_process: "Das Diagramm enthält keinen Prozess; zeichnen Sie einen Prozess mit einem Startereignis.",
        unreadable: "Das Diagramm enthält ein Element, das Loom nicht lesen kann; prüfen Sie es im Modellierungswerkzeug oder entfernen Sie es und zeichnen Sie es neu.",
        duplicate_process: "Zwei Prozesse haben die ID '{{process}}'; geben Sie jedem Prozess eine eigene ID.",
        no_start: "Dieser Prozess hat kein Startereignis; fügen Sie eines dort hinzu, wo der Ablauf beginnt.",
      },
      data_store: {
        unsupported: "Der Datenspeicher '{{name}}' kann nicht verwendet werden: Ein Ablauf bewahrt seine Daten im Datensatz auf. Entfernen Sie den Datenspeicher und verwenden Sie die Felder des Datensatzes.",
      },
      data: {
        unresolved: "Dieses Element liest oder schreibt Daten, die nicht im Diagramm sind; verbinden Sie es mit einem Datenobjekt des Prozesses oder entfernen Sie die Verknüpfung.",
        unkeepable: "Die Daten des Ablaufs können nicht gespeichert werden; ändern Sie das Skript, das sie erzeugt hat. {{reason}}",
      },
      call: {
        missing_process: "Diese Aufrufaktivität ruft den Prozess '{{process}}' auf, der nicht im Diagramm ist; zeichnen Sie diesen Prozess in derselben Datei oder rufen Sie einen dieser auf: {{processes}}.",
        missing_process_alone: "Diese Aufrufaktivität ruft den Prozess '{{process}}' auf, der nicht im Diagramm ist; zeichnen Sie diesen Prozess in derselben Datei oder verwenden Sie stattdessen einen Teilprozess.",
        no_called_element: "Diese Aufrufaktivität gibt nicht an, welchen Prozess sie aufruft; wählen Sie einen.",
      },
      subprocess: {
        one_start: "Ein Teilprozess braucht genau ein Startereignis, dieser hat {{count}}; geben Sie ihm eines.",
        no_end: "Dieser Teilprozess hat kein Endereignis; fügen Sie eines dort hinzu, wo er endet.",
        adhoc_sequential: "Sequenzielle Ad-hoc-Teilprozesse können nicht laufen; machen Sie ihn parallel.",
        adhoc_events: "Ein Ad-hoc-Teilprozess darf keine Start- oder Endereignisse enthalten; entfernen Sie sie.",
        adhoc_unsupported: "Ad-hoc-Teilprozesse können nicht laufen: Dort wählen Menschen, welche Aktivitäten sie erledigen, und diese Wahl kann Loom nicht anbieten. Zeichnen Sie die Aktivitäten nach einem parallelen Gateway (alle, in beliebiger Reihenfolge) oder einem inklusiven Gateway (die, deren Bedingung zutrifft).",
      },
      gateway: {
        missing_condition: "Dieser ausgehende Fluss des Gateways hat keine Bedingung und ist nicht der Standardfluss; geben Sie ihm eine Bedingung oder machen Sie ihn zum Standardfluss des Gateways.",
        no_way: "Keine Bedingung dieses Gateways trifft zu und es hat keinen Standardfluss; fügen Sie einen Standardfluss hinzu oder ändern Sie die Bedingungen so, dass immer eine zutrifft.",
      },
      split: {
        unsupported: "Dieses Element kann nicht mehrere ausgehende Flüsse haben; fügen Sie danach ein Gateway ein, das entscheidet, welcher genommen wird.",
        end_event: "Ein Endereignis beendet seinen Weg, also kann kein Fluss es verlassen; entfernen Sie seine ausgehenden Flüsse oder machen Sie es zu einem Zwischenereignis.",
        default_condition: "Der Standardfluss {{flow}} hat eine Bedingung, aber ein Standardfluss wird genommen, wenn keine andere Bedingung zutrifft; entfernen Sie seine Bedingung oder machen Sie einen anderen Fluss zum Standard.",
      },
      sequence: {
        missing_target: "Ein Sequenzfluss von diesem Element führt zu '{{target}}', das nicht im Prozess ist; verbinden Sie ihn mit einem Element des Prozesses oder entfernen Sie ihn.",
      },
      script: {
        missing: "Diese Skriptaufgabe hat kein Skript; schreiben Sie eines oder verwenden Sie eine einfache Aufgabe.",
        lost_variable: "Zeile {{script_line}} von {{part}} setzt '{{name}}', aber {{blueprint}} hat kein Feld '{{name}}' und nichts im Ablauf liest es, also ginge der Wert verloren. Verwenden Sie eines der Felder oder lesen Sie die Variable später.",
        field_refused: "Zeile {{script_line}} von {{part}} setzt das Feld '{{name}}' auf {{value}}, was {{blueprint}} ablehnt: {{reason}}",
        failed: "{{part}} ist fehlgeschlagen: {{reason}}",
        declined: "{{reason}}",
        stopped: "Das Skript wurde angehalten: {{reason}}",
      },
      loop: {
        no_limit: "Diese Schleife hat weder ein Maximum noch eine Bedingung; geben Sie ihr eines von beiden.",
      },
      multi: {
        no_input: "Diese Mehrfachinstanz-Aktivität braucht eine Anzahl von Instanzen oder eine Sammlung, die sie durchläuft; legen Sie eines fest.",
        both_inputs: "Diese Mehrfachinstanz-Aktivität hat sowohl eine Anzahl von Instanzen als auch eine Sammlung; behalten Sie nur eines.",
        missing_data: "Diese Mehrfachinstanz-Aktivität nennt Daten, die ihre Ein- und Ausgabeeinstellungen nicht deklarieren; deklarieren Sie sie oder nennen Sie andere.",
      },
      event: {
        cancel_outside_transaction: "Ein Abbruchereignis gehört an oder in einen Transaktions-Teilprozess; machen Sie den Teilprozess zu einer Transaktion oder verwenden Sie ein Fehlerereignis.",
        condition_missing: "Dieses bedingte Ereignis hat keine Bedingung; schreiben Sie eine.",
        message_missing: "Dieses Ereignis verweist auf eine Nachricht, die das Diagramm nicht definiert; wählen Sie eine vorhandene.",
        signal_missing: "Dieses Ereignis verweist auf ein Signal, das das Diagramm nicht definiert; wählen Sie ein vorhandenes.",
        error_missing: "Dieses Ereignis verweist auf einen Fehler, den das Diagramm nicht definiert; wählen Sie einen vorhandenen.",
        escalation_missing: "Dieses Ereignis verweist auf eine Eskalation, die das Diagramm nicht definiert; wählen Sie eine vorhandene.",
        no_trigger: "Dieses Randereignis hat keinen Auslöser; machen Sie es zu einem Timer-, Fehler-, Nachrichten- oder Signalereignis oder entfernen Sie es.",
        conditional_unsupported: "Bedingte Ereignisse werden nicht unterstützt; verwenden Sie ein Gateway.",
        multiple_unsupported: "Ereignisse mit mehreren Auslösern werden nicht unterstützt; behalten Sie einen Auslöser.",
      },
      timer: {
        unreadable: "Die Einstellung dieses Timers kann nicht gelesen werden; geben Sie eine Dauer wie P1D oder ein Datum mit Uhrzeit an.",
        unknown_name: "Der Timer liest '{{name}}', das weder ein Feld noch eine Variable dieses Ablaufs ist; verwenden Sie eines davon oder schreiben Sie eine feste Dauer oder ein festes Datum als ISO-Text, etwa P1D oder 2026-12-01T09:00:00+01:00.",
        not_text: "Der Timer ergibt {{value}}; geben Sie ISO-Text an, etwa P1D.",
        bad_duration: "{{value}} des Timers ist keine ISO-Dauer; schreiben Sie eine wie P1D oder PT4H.",
        bad_cycle: "{{value}} des Timers ist kein ISO-Zyklus; schreiben Sie einen wie R3/PT1H (dreimal, im Abstand von einer Stunde).",
        bad_date: "{{value}} des Timers ist kein ISO-Datum mit Uhrzeit; schreiben Sie eines wie 2026-12-01T09:00:00+01:00.",
        unrecognised: "{{value}} des Timers ist weder ISO-8601-Text noch ein Ausdruck; schreiben Sie eine Dauer wie PT5M, ein Datum mit Uhrzeit wie 2026-12-01T09:00:00Z, einen Zyklus wie R3/PT1H oder einen Ausdruck über die Felder des Datensatzes.",
      },
      element: {
        unsupported: "Loom kann diese Art von Element nicht ausführen; ersetzen Sie es durch eine Aufgabe, ein Ereignis oder ein Gateway.",
      },
      service: {
        no_operation: "Diese Serviceaufgabe gibt nicht an, was sie tut; wählen Sie ihren Konnektor in den Eigenschaften oder verwenden Sie eine Skriptaufgabe.",
      },
      start: {
        timer: "Ein Ablauf beginnt, wenn sein Datensatz angelegt wird, nicht durch einen Timer; entfernen Sie den Timer vom Startereignis.",
        several: "Ein Prozess darf nur ein Startereignis haben; entfernen Sie die anderen.",
        signal: "Ein Ablauf beginnt, wenn sein Datensatz angelegt wird oder eine Nachricht eintrifft, nicht durch ein Signal; verwenden Sie ein Nachrichten-Startereignis oder fangen Sie das Signal nach dem Start.",
      },
      code: {
        refused: "Diese(s) {{part}} kann nicht laufen; ändern Sie es. {{reason}}",
      },
      bind: {
        other_blueprint: "Das Diagramm ist an '{{bound}}' gebunden, aber dieser Ablauf bewegt Datensätze von {{blueprint}}; binden Sie es an {{blueprint}}.",
        unpublished_blueprint: "Veröffentlichen Sie {{blueprint}} vor seinem Ablauf.",
      },
      transition: {
        unknown_field: "'{{label}}' zeigt das Feld '{{field}}', das {{blueprint}} nicht hat; fügen Sie das Feld hinzu oder entfernen Sie es aus dem Formular.",
        no_user_field: "'{{label}}' darf von der Person in '{{field}}' erledigt werden, aber {{blueprint}} hat kein Teammitglied-Feld '{{field}}'; wählen Sie ein Teammitglied-Feld.",
        unknown_role: "'{{role}}' ist keine Rolle; verwenden Sie eine von {{roles}}.",
      },
      template: {
        unfit: "Die Vorlage passt nicht zum Datenmodell: {{reason}}",
      },
      state: {
        owned: "Der Status gehört einem anderen Ablauf: {{reason}}",
      },
      publish: {
        unchanged: "Seit Version {{version}} hat sich nichts geändert; ändern Sie den Entwurf, bevor Sie ihn veröffentlichen.",
      },
      steps: {
        field_gone: "Der Ablauf verwendet das Feld '{{field}}' ({{label}}, Typ {{type}}), das {{blueprint}} nicht mehr hat; fügen Sie es wieder hinzu oder ändern Sie den Schritt.",
        field_type: "Der Ablauf verwendet '{{field}}' ({{label}}) als Feld vom Typ {{type}}, aber in {{blueprint}} ist es jetzt vom Typ {{now}}; ändern Sie den Schritt oder das Feld.",
        state_gone: "Der Ablauf verwendet den Status '{{state}}', den {{column}} in {{blueprint}} nicht mehr anbietet; fügen Sie die Option wieder hinzu oder ändern Sie den Schritt.",
      },
      step: {
        not_waiting: "Dieser Schritt wartet nicht mehr; vielleicht hat ihn schon jemand erledigt. Öffnen Sie den Datensatz erneut, um zu sehen, wo er steht.",
        failed: "Der Ablauf konnte bei diesem Element nicht weiterlaufen; ändern Sie die Einstellungen des Elements im Diagramm und bitten Sie eine Administratorin oder einen Administrator, ins Protokoll zu sehen, wenn es wieder passiert.",
        crashed: "Der Schritt ist unerwartet fehlgeschlagen und der Ablauf hat hier angehalten; versuchen Sie den Schritt erneut und bitten Sie eine Administratorin oder einen Administrator, ins Protokoll zu sehen, wenn er wieder fehlschlägt.",
      },
      limit: {
        instances: "Diese Aktivität würde {{count}}-mal gleichzeitig laufen; ein Ablauf darf eine Aktivität in einem Schritt höchstens {{limit}}-mal ausführen. Verkleinern Sie ihre Sammlung oder teilen Sie die Arbeit auf.",
        steps: "Der Ablauf lief weiter, ohne auf jemanden zu warten; er wurde nach {{limit}} Schritten angehalten. Geben Sie der Schleife ein Ende oder einen Schritt, an dem sie wartet.",
        state: "Die Daten des Ablaufs würden {{size}} belegen; eine Instanz darf höchstens {{limit}} behalten. Behalten Sie weniger Daten in den Variablen des Ablaufs oder weniger Instanzen dieser Aktivität.",
      },
      move: {
        ended: "Der Ablauf dieses Datensatzes ist bereits beendet; es gibt nichts zu verschieben.",
        would_run_script: "Das Verschieben des Datensatzes würde hier ein Skript ausführen. Lassen Sie den Datensatz auf seiner Version.",
        would_evaluate: "Das Verschieben des Datensatzes würde hier einen Ausdruck auswerten. Lassen Sie den Datensatz auf seiner Version.",
        off_version: "{{what}}: liegt auf seinem Weg, ist aber nicht in der neuen Version. Lassen Sie den Datensatz auf seiner Version.",
        failed: "Der Datensatz kann nicht verschoben werden: Der Weg der neuen Version lässt sich von seiner Stelle aus nicht planen. Lassen Sie ihn auf seiner Version.",
        removed: "{{what}}: wurde in der neuen Version entfernt. Lassen Sie den Datensatz auf seiner Version.",
        not_comparable: "Die neue Version lässt sich bei {{at}} nicht mit dem Weg dieses Datensatzes vergleichen. Lassen Sie den Datensatz auf seiner Version.",
        boundary_changed: "Die Randereignisse von {{what}} haben sich so geändert, dass der Datensatz nicht folgen kann. Lassen Sie den Datensatz auf seiner Version.",
        kind_changed: "{{what}}: ist in der neuen Version eine andere Art von Element. Lassen Sie den Datensatz auf seiner Version.",
        id_changed: "{{what}}: hat in der neuen Version eine andere ID ({{id}}). Lassen Sie den Datensatz auf seiner Version.",
        timer_changed: "{{what}}: wurde in der neuen Version geändert; seine Fälligkeit stammt aus der alten.",
        changed: "{{what}}: wurde in der neuen Version geändert; ein Datensatz dort kann der Änderung nicht folgen.",
        boundary_added: "Die neue Version fügt {{what}} zu {{owner}} hinzu, wo dieser Datensatz steht. Lassen Sie den Datensatz auf seiner Version.",
        branch_added: "Die neue Version fügt einen parallelen Zweig über {{what}} hinzu, der vor der Stelle dieses Datensatzes beginnt; er würde bei {{join}} für immer auf diesen Zweig warten. Lassen Sie den Datensatz auf seiner Version.",
      },
      pools: {
        several: "Dieses Diagramm hat {{count}} Pools, die laufen ({{names}}); ein Ablauf führt einen aus. Importieren Sie die Datei auf der Seite Abläufe, um je Pool einen Ablauf anzulegen, oder entfernen Sie die anderen Pools.",
        message_flow_ends: "Der Nachrichtenfluss {{name}} muss bei einem Nachrichten-Endereignis, einem auslösenden Ereignis oder einer Sendeaufgabe beginnen und bei einem Nachrichten-Startereignis, einem eintretenden Ereignis oder einer Empfangsaufgabe enden; ändern Sie seine Enden, damit die Nachricht gesendet wird.",
      },
      message: {
        correlation: "Eine Nachricht wird über das Datensatzfeld zugeordnet, das sie nennt, nicht über '{{expression}}'; schreiben Sie den Schlüssel eines Feldes, etwa order_id.",
        correlation_fields: "Eine Nachricht wird über höchstens {{limit}} Felder zugeordnet; behalten Sie die, die den Datensatz kennzeichnen.",
        not_waiting: "Dieser Datensatz wartet nicht mehr auf {{kind}} '{{name}}'; öffnen Sie ihn erneut, um zu sehen, wo er jetzt steht.",
      },
      decision: {
        none: "Diese Geschäftsregelaufgabe gibt nicht an, welche Entscheidung sie verwendet; wählen Sie eine.",
        missing: "Diese Geschäftsregelaufgabe verwendet die Entscheidung '{{decision}}', die der Ablauf nicht hat; fügen Sie die Entscheidungstabelle hinzu oder wählen Sie eine vorhandene.",
        unknown: "Diese Geschäftsregelaufgabe verwendet die Entscheidung '{{decision}}', die der Ablauf nicht hat (seine Entscheidungen: {{decisions}}); wählen Sie eine davon oder fügen Sie eine Entscheidungstabelle mit dieser ID hinzu.",
        result_variable: "Diese Aufgabe legt das Ergebnis von '{{decision}}' in '{{variable}}' ab, aber die Tabelle hat {{outputs}} Ausgaben; entfernen Sie die Ergebnisvariable und benennen Sie jede Ausgabe nach dem Feld, das sie setzt.",
        unknown_field: "Die Entscheidung '{{decision}}' setzt das Feld '{{field}}', das {{blueprint}} nicht hat; benennen Sie die Ausgabe nach einem seiner Felder oder fügen Sie das Feld hinzu.",
        not_dmn: "Das ist kein DMN-Dokument; speichern Sie eine Entscheidungstabelle aus dem Camunda Modeler oder dem Entscheidungseditor (DMN 1.1 bis 1.5).",
        not_xml: "Die Entscheidungstabelle ist kein gültiges XML (Zeile {{line_number}}): {{reason}}. Exportieren Sie sie erneut.",
        too_large: "Die Entscheidungstabelle ist größer als {{limit}} KiB; teilen Sie sie in kleinere Tabellen auf.",
        count: "Ein DMN-Dokument enthält hier eine Entscheidung, dieses enthält {{count}}; legen Sie jede Entscheidungstabelle in ein eigenes Dokument.",
        bad_id: "Die Entscheidungs-ID '{{decision}}' kann nicht verwendet werden; verwenden Sie Buchstaben, Ziffern und _ . - (beginnend mit einem Buchstaben), höchstens 100 Zeichen.",
        not_table: "Die Entscheidung '{{decision}}' ist keine Entscheidungstabelle; Loom führt nur Entscheidungstabellen aus. Machen Sie daraus im Entscheidungseditor eine Entscheidungstabelle.",
        hit_policy: "Die Entscheidung '{{decision}}' verwendet die Trefferregel {{policy}}; verwenden Sie UNIQUE, FIRST, ANY, RULE ORDER oder COLLECT (mit SUM, COUNT, MIN oder MAX).",
        language: "Die Entscheidung '{{decision}}' ist in {{language}} geschrieben; Loom liest Entscheidungstabellen in FEEL. Schreiben Sie ihre Zellen in FEEL.",
        output_name: "Ausgabe {{output}} der Entscheidung '{{decision}}' braucht einen Namen: den Schlüssel des Feldes, das sie setzt.",
        no_output: "Die Entscheidung '{{decision}}' hat keine Ausgabe; fügen Sie eine hinzu, benannt nach dem Feld, das sie setzt.",
        input: "Eingabe {{input}} der Entscheidung '{{decision}}' kann nicht verwendet werden: {{reason}}",
        rule_shape: "Regel {{rule}} der Entscheidung '{{decision}}' hat nicht für jede Spalte eine Zelle; öffnen Sie sie im Entscheidungseditor und speichern Sie sie erneut.",
        cell: "Regel {{rule}} der Entscheidung '{{decision}}' kann nicht verwendet werden: {{reason}}",
        not_unique: "Die Entscheidung '{{decision}}' ist UNIQUE, aber die Regeln {{rules}} treffen alle zu; ändern Sie die Regeln, sodass nur eine zutrifft, oder machen Sie die Tabelle FIRST.",
        any_conflict: "Die Entscheidung '{{decision}}' ist ANY, aber die Regeln {{rules}} treffen mit verschiedenen Ergebnissen zu; gleichen Sie sie an oder machen Sie die Tabelle FIRST.",
        failed: "Regel {{rule}} der Entscheidung '{{decision}}' ist fehlgeschlagen: {{reason}}",
      },
      connector: {
        missing: "Diese Serviceaufgabe gibt nicht an, was sie tut; wählen Sie in ihren Eigenschaften \"HTTP-Anfrage senden\" oder \"E-Mail senden\".",
        url: "Die Adresse {{url}} der Anfrage kann nicht verwendet werden; geben Sie eine an, die mit https:// beginnt (Felder dürfen ihren Pfad füllen, nicht ihren Host).",
        method: "'{{method}}' ist keine Methode, die Loom sendet; verwenden Sie eine von {{methods}}.",
        header: "'{{header}}' kann hier kein Header-Name sein; verwenden Sie Buchstaben, Ziffern und Bindestriche (nicht Host oder webhook-...).",
        field: "Der Schritt verwendet das Feld '{{field}}', das {{blueprint}} nicht hat; fügen Sie das Feld hinzu oder ändern Sie den Schritt.",
        path: "Geben Sie an, wo in der Antwort der Wert für '{{field}}' steht, mit einem Pfad wie shipment.id.",
        recipient: "Geben Sie an, an wen die E-Mail geht: eine Adresse oder ein Feld des Datensatzes in geschweiften Klammern.",
        answer: "Die Antwort hat keinen Wert bei '{{path}}'; korrigieren Sie den Antwortpfad des Schritts.",
        failed: "'{{name}}' ist fehlgeschlagen: {{error}} Fügen Sie dem Schritt ein Fehler-Randereignis hinzu, um anders weiterzugehen, oder beheben Sie die Ursache und versuchen Sie den Schritt erneut.",
      },
      camunda: {
        group: "Diese Aufgabe ist für die Gruppe '{{group}}', die keine Loom-Rolle ist; verwenden Sie eine von {{roles}} (diese Rolle oder eine stärkere darf den Schritt erledigen) oder nennen Sie eine Person per E-Mail.",
        assignee: "Diese Aufgabe ist '{{value}}' zugewiesen, aber Loom kennt eine Person per E-Mail (ann@example.com) oder über ein Teammitglied-Feld des Datensatzes (${driver} oder =driver); weisen Sie sie so zu oder geben Sie eine Rolle an.",
        candidate: "Die möglichen Bearbeiter dieser Aufgabe sind '{{value}}', aber Loom nimmt eine Person, per E-Mail (ann@example.com) oder über ein Teammitglied-Feld des Datensatzes (${driver} oder =driver); nennen Sie eine so oder geben Sie eine Rolle an.",
      },
      condition: {
        unsupported: "Diese Bedingung, {{expression}}, verwendet '{{unsupported}}', das Loom nicht aus {{language}} übersetzt; schreiben Sie sie als Loom-Bedingung, etwa amount > 100 and status == \"OPEN\".",
        language: "Diese Bedingung ist in {{language}} geschrieben; schreiben Sie sie als Loom-Bedingung, etwa amount > 100 and status == \"OPEN\" (einfache FEEL- und JUEL-Bedingungen werden übersetzt).",
      },
    },
  },
};
