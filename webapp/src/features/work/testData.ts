/** Test data of the Delivery story: the blueprint, a record, its flow instance and inbox items. */
import type { Column } from "../../api/blueprints";
import type { Entity } from "../../api/entities";
import type { HistoryEntry, InboxItem, Instance, RecordFlows } from "../../api/inbox";
import { screen } from "@testing-library/react";
import { routes } from "../../app/router";
import { blueprint, column, entity, tenant, version } from "../../test/fixtures";
import { renderRoutes } from "../../test/render";

export const delivery = tenant({ slug: "x-delivery-system", timezone: "Europe/Berlin" });
export const api = "/api/tenants/x-delivery-system";


export const statusColumn = column("status", "Status", "choice", {
  options: ["PENDING", "IN_PROGRESS", "DELIVERED"].map((value) => ({ value, label: value, color: "blue" })),
});

export const deliveryColumns: Column[] = [
  column("cargo", "Cargo", "text"),
  statusColumn,
  column("started_at", "Started at", "datetime"),
  column("delivered_at", "Delivered at", "datetime"),
];

export const receiverFields: Column[] = [
  column("receiver", "Receiver", "text", { required: true }),
  column("pieces", "Pieces", "integer"),
  column("handed_over", "Handed over", "datetime"),
];

export const deliveryBlueprint = blueprint({ key: "delivery", name: "Delivery", draft: { columns: deliveryColumns, form: null } });
export const deliveryVersion = version({ columns: deliveryColumns });

export function record(overrides: Partial<Entity> = {}): Entity {
  return entity({
    id: "5d0c1a2b-0000-4000-8000-00000000d001",
    blueprint: "delivery",
    data: { cargo: "Piano", status: "PENDING", started_at: null, delivered_at: null },
    ...overrides,
  });
}

/** Opens the page of the record above, waits for it, and gives the part of it named `region` ("Flow", or the state column's label). */
export async function openRecordPage(region: string) {
  renderRoutes(routes, `/t/x-delivery-system/e/${record().id}`);
  await screen.findByRole("heading", { level: 1, name: "Piano" });
  return screen.findByRole("region", { name: region }, { timeout: 5000 });
}

export function inboxItem(overrides: Partial<InboxItem> = {}): InboxItem {
  const entity = record();
  return {
    id: "task-1",
    instance_id: "inst-1",
    flow: { key: "delivery", name: "Delivery flow" },
    element: "delivery_started",
    label: "Delivery started",
    fields: [],
    role: null,
    member: null,
    assignee: null,
    due_at: null,
    created_at: "2026-11-24T08:00:00.000000Z",
    can_complete: true,
    entity: { id: entity.id, blueprint: { key: "delivery", name: "Delivery" }, title: "Piano", data: entity.data, version: entity.version },
    ...overrides,
  };
}

export function instance(overrides: Partial<Instance> = {}): Instance {
  return {
    id: "inst-1",
    flow: { key: "delivery", name: "Delivery flow" },
    version: 2,
    status: "running",
    error: null,
    lock: 1,
    waiting: [inboxItem()],
    started_at: "2026-11-24T08:00:00.000000Z",
    completed_at: null,
    ...overrides,
  };
}

export function historyEntry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: "h-1",
    at: "2026-11-24T08:00:00.000000Z",
    user: null,
    flow: { key: "delivery", name: "Delivery flow" },
    kind: "started",
    element: null,
    label: null,
    changes: [],
    ...overrides,
  };
}

export function flows(overrides: Partial<RecordFlows> = {}): RecordFlows {
  return { instances: [instance()], startable: [], history: [historyEntry()], ...overrides };
}

/** The routes every delivery page needs. */
export function baseRoutes() {
  return {
    [`GET ${api}`]: delivery,
    "GET /api/tenants": { items: [delivery], next_cursor: null },
    [`GET ${api}/blueprints/delivery`]: deliveryBlueprint,
    [`GET ${api}/blueprints/delivery/versions/1`]: deliveryVersion,
  };
}
