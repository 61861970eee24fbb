import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { ConnectorCall } from "../../api/connectors";
import { mockApi } from "../../test/api";
import { signIn } from "../../test/fixtures";
import { api, baseRoutes, flows, instance, openRecordPage, record } from "./testData";

const entity = record();
const entityPath = `${api}/entities/${entity.id}`;

function call(overrides: Partial<ConnectorCall> = {}): ConnectorCall {
  return {
    id: "call-1",
    instance_id: "inst-1",
    flow: "Delivery flow",
    element: "book",
    name: "Book the carrier",
    kind: "http",
    status: "pending",
    attempts: 0,
    last_error: null,
    response_status: null,
    created_at: "2026-11-24T08:00:00Z",
    last_attempt_at: null,
    next_attempt_at: "2026-11-24T08:00:00Z",
    finished_at: null,
    ...overrides,
  };
}

function mock(items: ConnectorCall[], status: "running" | "failed" = "running") {
  return mockApi({
    ...baseRoutes(),
    [`GET ${entityPath}`]: entity,
    [`GET ${entityPath}/flows`]: flows({ instances: [instance({ status, waiting: [] })] }),
    [`GET ${entityPath}/connector-calls`]: { items },
  });
}

beforeEach(() => signIn());

describe("a record's automatic steps in its flow area", () => {
  it("says a step is sending, and how its last attempt went", async () => {
    mock([
      call({
        attempts: 2,
        last_error: "The receiver answered 503.",
        next_attempt_at: "2026-11-24T09:00:00Z",
        status: "pending",
      }),
    ]);
    const area = await openRecordPage("Flow");
    const alert = await within(area).findByText(/Book the carrier sends a request to another system, but 2 attempts did not go through/);
    expect(alert).toHaveTextContent("The receiver answered 503.");
    expect(alert).toHaveTextContent("It tries again at Nov 24, 2026, 10:00 AM."); // the workspace's time zone
  });

  it("says a failed step's error when its flow went on along the error path", async () => {
    mock([call({ kind: "email", status: "failed", attempts: 1, last_error: "The email has no valid address to go to ('x')." })]);
    const area = await openRecordPage("Flow");
    expect(await within(area).findByText(/Book the carrier could not send an email/)).toHaveTextContent("no valid address");
    expect(within(area).getByText("An automatic step failed")).toBeInTheDocument();
  });

  it("leaves a failure that stopped the flow to the flow's own error and its Try again", async () => {
    mock([call({ status: "failed", attempts: 5, last_error: "The receiver answered 500." })], "failed");
    const area = await openRecordPage("Flow");
    await within(area).findByText(/Delivery flow, version 2/);
    expect(within(area).queryByText(/Book the carrier could not send/)).not.toBeInTheDocument();
  });

  it("shows nothing for steps that are done or closed", async () => {
    mock([call({ status: "succeeded", attempts: 1 }), call({ id: "call-2", status: "closed" })]);
    const area = await openRecordPage("Flow");
    await screen.findByText(/Delivery flow, version 2/);
    expect(within(area).queryByText(/Book the carrier/)).not.toBeInTheDocument();
  });
});
