import { screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { callsTo, mockApi } from "../../test/api";
import { job, signIn } from "../../test/fixtures";
import { jsonResponse, renderPage } from "../../test/render";
import { JobProgress } from "../../app/components/JobProgress";

const path = "/api/tenants/x-stock/jobs/job-1";

beforeEach(() => signIn());

describe("JobProgress", () => {
  it("asks every second until the job is done, then says so once", async () => {
    const answers = [
      job({ status: "queued", total: 0 }),
      job({ status: "running", done: 3, total: 10 }),
      job({ status: "done", done: 10, total: 10, result: { created: 10 } }),
    ];
    const fetchMock = mockApi({ [`GET ${path}`]: () => jsonResponse(200, answers.shift() ?? answers[0]) });
    const finished = vi.fn();
    renderPage(
      <JobProgress<{ created: number }>
        slug="x-stock"
        jobId="job-1"
        onFinished={finished}
        renderDone={(result) => `${result.created} records created`}
      />,
    );
    expect(await screen.findByText("Waiting to start · 0 of 0")).toBeInTheDocument();
    expect(await screen.findByText("3 of 10", {}, { timeout: 2500 })).toBeInTheDocument();
    const bar = screen.getByRole("progressbar", { name: "Progress" });
    expect(bar).toHaveAttribute("aria-valuenow", "3");
    expect(bar).toHaveAttribute("aria-valuemax", "10");
    expect(await screen.findByText("10 records created", {}, { timeout: 2500 })).toBeInTheDocument();
    expect(screen.getByText("10 of 10")).toBeInTheDocument();
    expect(screen.getByText("Done")).toBeInTheDocument();
    expect(finished).toHaveBeenCalledTimes(1);
    expect(finished.mock.calls[0][0]).toMatchObject({ status: "done" });

    const asked = callsTo(fetchMock, "GET", path).length;
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(callsTo(fetchMock, "GET", path)).toHaveLength(asked);
  }, 10_000);

  it("shows why a job failed", async () => {
    mockApi({ [`GET ${path}`]: job({ status: "failed", done: 2, total: 5, error: "The file could not be read." }) });
    renderPage(<JobProgress slug="x-stock" jobId="job-1" />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This did not finish");
    expect(alert).toHaveTextContent("The file could not be read.");
    expect(screen.getByText("2 of 5")).toBeInTheDocument();
  });
});
