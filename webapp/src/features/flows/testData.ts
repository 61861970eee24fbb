/** Flows as the API sends them, for the tests of the flow pages. */
import type { Flow, FlowSummary } from "../../api/flows";
import { blueprintSummary, tenant } from "../../test/fixtures";

export const slug = "x-delivery-system";
export const api = `/api/tenants/${slug}`;
export const delivery = tenant();

export const deliveryXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="d">
  <bpmn:process id="delivery_flow" isExecutable="true" loom:blueprint="delivery">
    <bpmn:startEvent id="created" />
    <bpmn:userTask id="delivered" name="Delivered" />
  </bpmn:process>
</bpmn:definitions>`;

export function flowSummary(overrides: Partial<FlowSummary> = {}): FlowSummary {
  return {
    id: "f1",
    key: "delivery",
    name: "Delivery flow",
    description: "",
    blueprint: { key: "delivery", name: "Delivery" },
    published_version: { id: "v2", number: 2, published_at: "2026-11-20T10:00:00Z" },
    draft_changed: false,
    lock_version: 3,
    running_count: 3,
    created_at: "2026-11-01T10:00:00Z",
    updated_at: "2026-11-20T10:00:00Z",
    ...overrides,
  };
}

export function flow(overrides: Partial<Flow> = {}): Flow {
  return {
    ...flowSummary(),
    draft: { xml: deliveryXml, problems: [] },
    versions: [
      { id: "v1", number: 1, published_at: "2026-11-10T10:00:00Z", instance_count: 4, running_count: 1 },
      { id: "v2", number: 2, published_at: "2026-11-20T10:00:00Z", instance_count: 2, running_count: 2 },
    ],
    ...overrides,
  };
}

export const deliveryBlueprint = blueprintSummary({ id: 31, key: "delivery", name: "Delivery" });

/** What every flow page asks for first: the workspace. */
export function baseRoutes() {
  return {
    [`GET ${api}`]: delivery,
    "GET /api/tenants": { items: [delivery], next_cursor: null },
  };
}
