/**
 * A new decision table: a DMN 1.3 document as Camunda Modeler and dmn-js write
 * it, with one input (a field of the record) and one output (the field it
 * sets), and an id business-rule tasks can call.
 */

import { firstFree, identifierFrom } from "../identifiers";

export const DMN_NAMESPACE = "https://www.omg.org/spec/DMN/20191111/MODEL/";

/** An id for a table called `name`: letters, digits and _, unique among `taken`. */
export function decisionIdFrom(name: string, taken: readonly string[]): string {
  return firstFree(identifierFrom(name, "decision", 90), (id) => taken.includes(id));
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export interface StarterColumn {
  key: string;
  label: string;
}

/** The starter table: `input` decides, `output` is set; no rules yet (the editor adds them). */
export function starterTable(id: string, name: string, input: StarterColumn, output: StarterColumn): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="${DMN_NAMESPACE}" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" id="definitions_${id}" name="${escape(name)}" namespace="http://loom.dev/schema/dmn">
  <decision id="${id}" name="${escape(name)}">
    <decisionTable id="table_${id}" hitPolicy="FIRST">
      <input id="input_1" label="${escape(input.label)}">
        <inputExpression id="input_expression_1" typeRef="string">
          <text>${escape(input.key)}</text>
        </inputExpression>
      </input>
      <output id="output_1" label="${escape(output.label)}" name="${escape(output.key)}" typeRef="string" />
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="diagram_${id}">
      <dmndi:DMNShape id="shape_${id}" dmnElementRef="${id}">
        <dc:Bounds height="80" width="180" x="160" y="100" />
      </dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`;
}
