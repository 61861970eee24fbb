import { screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { routes } from "../../app/router";
import { callsTo, mockApi, type Handler } from "../../test/api";
import { entity, job, signIn, stockItemCalls, tenant } from "../../test/fixtures";
import { elementsLabelled } from "../../test/labels";
import { jsonResponse, renderRoutes } from "../../test/render";

const stock = tenant({ name: "X Stock", slug: "x-stock" });
const list = "/api/tenants/x-stock/entities";

function api(overrides: Record<string, Handler | object> = {}) {
  return mockApi({
    ...stockItemCalls(stock),
    [`GET ${list}`]: { items: [entity()], next_cursor: null },
    "GET /api/tenants/x-stock/views": { items: [] },
    ...overrides,
  });
}

async function openGrid() {
  renderRoutes(routes, "/t/x-stock/b/stock_item");
  return screen.findByRole("grid", { name: "Records of Stock item" });
}

/** A CSV file to upload; what it holds matters only to the server, which the tests answer for. */
const csvFile = (name = "a.csv", text = "x") => new File([text], name, { type: "text/csv" });

/** Chooses ``file`` in the import dialog's file field. */
const chooseFile = (u: UserEvent, dialog: HTMLElement, file: File) => u.upload(within(dialog).getByLabelText("CSV file"), file);

/** Opens the grid's import dialog; given a file, chooses it there. */
async function openImport(u: UserEvent, file?: File): Promise<HTMLElement> {
  await openGrid();
  await u.click(screen.getByRole("button", { name: "Import CSV" }));
  const dialog = await screen.findByRole("dialog", { name: "Import records" });
  if (file) await chooseFile(u, dialog, file);
  return dialog;
}

beforeEach(() => signIn());

describe("exporting records", () => {
  it("exports what the grid shows and offers the file when the job is done", async () => {
    const url = "https://files.loom.test/exports/abc.csv?signature=xyz";
    const fetchMock = api({
      "POST /api/tenants/x-stock/exports": () => jsonResponse(202, job({ kind: "export" })),
      "GET /api/tenants/x-stock/jobs/job-1": job({
        status: "done",
        done: 1234,
        total: 1234,
        result: { file_id: "f1", name: "stock_item.csv", rows: 1234, download_url: url },
      }),
    });
    const u = userEvent.setup();
    const grid = await openGrid();
    await u.type(screen.getByRole("textbox", { name: "Search" }), "A1");
    await u.click(within(grid).getByRole("button", { name: "Qty" }));
    await waitFor(() => expect(callsTo(fetchMock, "GET", list).at(-1)!.url.searchParams.get("q")).toBe("A1"));

    await u.click(screen.getByRole("button", { name: "Export CSV" }));
    const dialog = await screen.findByRole("dialog", { name: "Exporting records" });
    expect(callsTo(fetchMock, "POST", "/api/tenants/x-stock/exports")).toHaveLength(0);
    await u.click(within(dialog).getByRole("button", { name: "Export" }));
    expect(await within(dialog).findByText("1,234 records exported")).toBeInTheDocument();
    expect(within(dialog).getByRole("link", { name: "Download CSV" })).toHaveAttribute("href", url);
    expect(within(dialog).getByRole("progressbar", { name: "Progress" })).toHaveAttribute("aria-valuetext", "1,234 of 1,234");
    expect(within(dialog).getByText("1,234 of 1,234")).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", "/api/tenants/x-stock/exports")[0].body).toEqual({
      blueprint: "stock_item",
      filter: null,
      sort: '[{"column":"qty","direction":"asc"}]',
      q: "A1",
      excel: false,
    });
  });

  it("asks for the Excel-friendly form when the person ticks it", async () => {
    const fetchMock = api({
      "POST /api/tenants/x-stock/exports": () => jsonResponse(202, job({ kind: "export" })),
      "GET /api/tenants/x-stock/jobs/job-1": job({ status: "running", done: 0, total: 1 }),
    });
    const u = userEvent.setup();
    await openGrid();
    await u.click(screen.getByRole("button", { name: "Export CSV" }));
    const dialog = await screen.findByRole("dialog", { name: "Exporting records" });
    await u.click(within(dialog).getByRole("checkbox", { name: "Excel-friendly" }));
    await u.click(within(dialog).getByRole("button", { name: "Export" }));
    await waitFor(() => expect(callsTo(fetchMock, "POST", "/api/tenants/x-stock/exports")).toHaveLength(1));
    expect(callsTo(fetchMock, "POST", "/api/tenants/x-stock/exports")[0].body).toMatchObject({ excel: true });
  });
});

describe("importing records", () => {
  const upload = {
    file_id: "up-1",
    headers: ["Kind", "Amount", "Where"],
    sample: [
      ["BOX", "4", "A1"],
      ["PALLET", "40", "B7"],
    ],
    rows: 120,
    mapping: { Kind: "type", Amount: "qty", Where: null },
    encoding: "utf-8",
    delimiter: ",",
  };

  const problems = [
    { line: 4, errors: { qty: ["Enter a whole number."] } },
    { line: 9, errors: { type: ["Not one of the choices."], qty: ["Too big."] } },
  ];

  it("uploads the file, shows what was found, checks every row, then imports the valid ones", async () => {
    let finished = false;
    const fetchMock = api({
      "POST /api/tenants/x-stock/imports": () => jsonResponse(201, upload),
      "POST /api/tenants/x-stock/imports/up-1/read": () =>
        jsonResponse(200, { ...upload, delimiter: ";", encoding: "cp1252", headers: ["Kind;Amount;Where"], mapping: {} }),
      "POST /api/tenants/x-stock/imports/up-1/check": () => jsonResponse(202, job({ id: "job-c", kind: "import" })),
      "GET /api/tenants/x-stock/jobs/job-c": job({ id: "job-c", status: "done", done: 120, total: 120, result: { valid: 118, failed: 2, errors: problems } }),
      "POST /api/tenants/x-stock/imports/up-1/start": () => jsonResponse(202, job({ id: "job-2", kind: "import" })),
      "GET /api/tenants/x-stock/jobs/job-2": () => {
        finished = true;
        return jsonResponse(
          200,
          job({
            id: "job-2",
            status: "done",
            done: 120,
            total: 120,
            result: { created: 118, failed: 2, errors: problems, rejected_url: "/api/downloads/signed" },
          }),
        );
      },
    });
    const u = userEvent.setup();
    const dialog = await openImport(u);
    expect(elementsLabelled("CSV file")).toHaveLength(1);
    await chooseFile(u, dialog, csvFile("stock.csv", "Kind,Amount,Where\nBOX,4,A1\n"));

    expect(await within(dialog).findByText("120 rows to import")).toBeInTheDocument();
    const [sent] = callsTo(fetchMock, "POST", "/api/tenants/x-stock/imports");
    expect(sent.body).toBeInstanceOf(FormData);
    expect((sent.body as FormData).get("blueprint")).toBe("stock_item");
    expect(((sent.body as FormData).get("file") as File).name).toBe("stock.csv");
    expect(within(dialog).getByRole("combobox", { name: "Encoding" })).toHaveValue("UTF-8");
    expect(within(dialog).getByRole("combobox", { name: "Separator" })).toHaveValue("Comma ( , )");
    expect(within(dialog).getByRole("combobox", { name: "Numbers and dates as written in" })).toHaveValue("English (1,234.5 / 2026-11-01 or 11/01/2026)");
    expect(within(dialog).getByRole("combobox", { name: "Column for Kind" })).toHaveValue("Type");
    expect(within(dialog).getByRole("combobox", { name: "Column for Where" })).toHaveValue("Do not import");
    expect(within(dialog).getByRole("cell", { name: "PALLET" })).toBeInTheDocument();

    await u.click(within(dialog).getByRole("combobox", { name: "Numbers and dates as written in" }));
    await u.click(await screen.findByRole("option", { name: "German (1.234,5 / 01.11.2026)" }));
    await u.click(within(dialog).getByRole("combobox", { name: "Column for Where" }));
    await u.click(await screen.findByRole("option", { name: "Space" }));
    const listCalls = callsTo(fetchMock, "GET", list).length;
    await u.click(within(dialog).getByRole("button", { name: "Check the rows" }));

    expect(await within(dialog).findByText("118 rows can be imported")).toBeInTheDocument();
    expect(within(dialog).getByText("2 rows have problems and will not be imported")).toBeInTheDocument();
    const report = within(within(dialog).getByRole("table", { name: "Rows with problems" })).getAllByRole("row");
    expect(report.slice(1).map((row) => within(row).getAllByRole("cell").map((cell) => cell.textContent))).toEqual([
      ["4", "Qty", "Enter a whole number."],
      ["9", "Type", "Not one of the choices."],
      ["9", "Qty", "Too big."],
    ]);
    const options = { blueprint: "stock_item", rows: 120, mapping: { Kind: "type", Amount: "qty", Where: "space" }, encoding: "utf-8", delimiter: ",", locale: "de" };
    expect(callsTo(fetchMock, "POST", "/api/tenants/x-stock/imports/up-1/check")[0].body).toEqual(options);
    expect(callsTo(fetchMock, "POST", "/api/tenants/x-stock/imports/up-1/start")).toHaveLength(0);
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toBeInTheDocument();

    await u.click(within(dialog).getByRole("button", { name: "Import the 118 valid rows" }));
    expect(await within(dialog).findByText("118 records created")).toBeInTheDocument();
    expect(within(dialog).getByText("Some rows were not imported").closest("[data-tone]")).toHaveAttribute("data-tone", "yellow");
    expect(within(dialog).getByText("2 rows were not imported")).toBeInTheDocument();
    expect(within(dialog).getByRole("link", { name: "Download the rejected rows" })).toHaveAttribute("href", "/api/downloads/signed");
    expect(callsTo(fetchMock, "POST", "/api/tenants/x-stock/imports/up-1/start")[0].body).toEqual(options);
    expect(finished).toBe(true);
    await waitFor(() => expect(callsTo(fetchMock, "GET", list).length).toBeGreaterThan(listCalls));
  });

  it("reads the file again when the person changes the separator", async () => {
    const fetchMock = api({
      "POST /api/tenants/x-stock/imports": () => jsonResponse(201, upload),
      "POST /api/tenants/x-stock/imports/up-1/read": () => jsonResponse(200, { ...upload, delimiter: ";", headers: ["Kind,Amount,Where"], mapping: {} }),
    });
    const u = userEvent.setup();
    const dialog = await openImport(u, csvFile());
    await u.click(await within(dialog).findByRole("combobox", { name: "Separator" }));
    await u.click(await screen.findByRole("option", { name: "Semicolon ( ; )" }));
    expect(await within(dialog).findByRole("combobox", { name: "Column for Kind,Amount,Where" })).toBeInTheDocument();
    expect(callsTo(fetchMock, "POST", "/api/tenants/x-stock/imports/up-1/read")[0].body).toEqual({ blueprint: "stock_item", encoding: "utf-8", delimiter: ";" });
    expect(within(dialog).getByRole("combobox", { name: "Separator" })).toHaveValue("Semicolon ( ; )");
  });

  it("colours the result red when no row was imported", async () => {
    api({
      "POST /api/tenants/x-stock/imports": () => jsonResponse(201, upload),
      "POST /api/tenants/x-stock/imports/up-1/check": () => jsonResponse(202, job({ id: "job-c", kind: "import" })),
      "GET /api/tenants/x-stock/jobs/job-c": job({ id: "job-c", status: "done", done: 2, total: 2, result: { valid: 1, failed: 1, errors: problems.slice(0, 1) } }),
      "POST /api/tenants/x-stock/imports/up-1/start": () => jsonResponse(202, job({ id: "job-2", kind: "import" })),
      "GET /api/tenants/x-stock/jobs/job-2": job({ id: "job-2", status: "done", done: 2, total: 2, result: { created: 0, failed: 2, errors: problems } }),
    });
    const u = userEvent.setup();
    const dialog = await openImport(u, csvFile());
    await u.click(await within(dialog).findByRole("button", { name: "Check the rows" }));
    await u.click(await within(dialog).findByRole("button", { name: "Import the 1 valid row" }));
    const title = await within(dialog).findByText("No rows were imported");
    expect(title.closest("[data-tone]")).toHaveAttribute("data-tone", "red");
    expect(within(dialog).getByText("0 records created")).toBeInTheDocument();
  });

  it("shows why a file was refused and mapping problems under their column", async () => {
    let attempt = 0;
    api({
      "POST /api/tenants/x-stock/imports": () =>
        (attempt += 1) === 1
          ? jsonResponse(422, { title: "Unprocessable Entity", status: 422, errors: { file: ["This is not a CSV file."] } })
          : jsonResponse(201, upload),
      "POST /api/tenants/x-stock/imports/up-1/check": () =>
        jsonResponse(422, { title: "Unprocessable Entity", status: 422, errors: { "mapping.Amount": ["Qty holds whole numbers only."] } }),
    });
    const u = userEvent.setup();
    const dialog = await openImport(u, csvFile());
    expect(await within(dialog).findByText("This is not a CSV file.")).toBeInTheDocument();
    await chooseFile(u, dialog, csvFile("b.csv", "y"));

    await u.click(await within(dialog).findByRole("combobox", { name: "Column for Where" }));
    await u.click(await screen.findByRole("option", { name: "Type" }));
    expect(within(dialog).getAllByText("Another CSV column already goes into this column.")).toHaveLength(2);
    expect(within(dialog).getByRole("button", { name: "Check the rows" })).toBeDisabled();
    await u.click(within(dialog).getByRole("combobox", { name: "Column for Where" }));
    await u.click(await screen.findByRole("option", { name: "Do not import" }));
    await u.click(within(dialog).getByRole("button", { name: "Check the rows" }));
    expect(await within(dialog).findByText("Qty holds whole numbers only.")).toBeInTheDocument();
  });
});
