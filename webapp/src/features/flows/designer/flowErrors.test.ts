import { describe, expect, it } from "vitest";
import { ApiError } from "../../../api/client";
import i18n from "../../../i18n";
import { problemElements, readFlowFailure } from "./flowErrors";

const t = i18n.t.bind(i18n);

function problem(status: number, body: Record<string, unknown>, fieldErrors: Record<string, string[]> = {}) {
  return new ApiError({ status, title: String(body.title ?? "Error"), detail: (body.detail as string) ?? null, fieldErrors, problem: body });
}

describe("reading a flow error", () => {
  it("sees a conflict in a 409", () => {
    expect(readFlowFailure(problem(409, { title: "Conflict" }), t)).toEqual({ kind: "conflict" });
  });

  it("takes the problems and the failing element of a refused publish", () => {
    const body = {
      detail: "The flow has 2 problems.",
      element: "mark_started",
      problems: [
        { element: "mark_started", message: "name 'qty' is not a field.", line: 2 },
        { element: null, message: "No end event.", line: null },
        { message: "" },
      ],
    };
    expect(readFlowFailure(problem(422, body, { xml: ["…"] }), t)).toEqual({
      kind: "problems",
      message: "The flow has 2 problems.",
      element: "mark_started",
      problems: [
        { element: "mark_started", message: "name 'qty' is not a field.", line: 2 },
        { element: null, message: "No end event.", line: null },
      ],
    });
  });

  it("makes a problem of an element named without a list", () => {
    const failure = readFlowFailure(problem(422, { detail: "Script failed.", element: "mark_started" }), t);
    expect(failure).toEqual({ kind: "problems", message: "Script failed.", element: "mark_started", problems: [{ element: "mark_started", message: "Script failed.", line: null }] });
  });

  it("says a refusal with a code in the user's language", async () => {
    const body = { detail: "The flow failed.", element: "call", code: "flow.call.no_called_element", params: {} };
    await i18n.changeLanguage("de");
    const failure = readFlowFailure(problem(422, body), i18n.t.bind(i18n));
    await i18n.changeLanguage("en");
    const german = "Diese Aufrufaktivität gibt nicht an, welchen Prozess sie aufruft; wählen Sie einen.";
    expect(failure).toEqual({
      kind: "problems",
      message: german,
      element: "call",
      problems: [{ element: "call", message: "The flow failed.", code: "flow.call.no_called_element", params: {}, line: null }],
    });
    const refused = { detail: "Cannot publish: …", code: "flow.script.missing", params: {}, problems: [{ element: "s", message: "…", code: "flow.script.missing" }] };
    expect(readFlowFailure(problem(422, refused), t)).toMatchObject({ kind: "problems", message: null });
  });

  it("says plainly when the XML could not be read, and what the server said otherwise", () => {
    expect(readFlowFailure(problem(422, {}, { xml: ["Line 1: not well-formed."] }), t)).toEqual({
      kind: "message",
      message: "The drawing could not be read: Line 1: not well-formed.",
    });
    expect(readFlowFailure(problem(422, { detail: "Nothing changed since version 2." }), t)).toEqual({
      kind: "message",
      message: "Nothing changed since version 2.",
    });
  });

  it("lists each element a problem points at once", () => {
    expect(problemElements([
      { element: "a", message: "x", line: null },
      { element: null, message: "y", line: null },
      { element: "a", message: "z", line: null },
      { element: "b", message: "w", line: null },
    ])).toEqual(["a", "b"]);
  });
});
