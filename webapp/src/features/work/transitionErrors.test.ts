import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import i18n from "../../i18n";
import { guessType } from "./ChangeValue";
import { transitionProblem } from "../../app/components/transitionErrors";

const t = i18n.t.bind(i18n);
const step = { element: "delivered", label: "Delivered" };

describe("transitionProblem", () => {
  it("puts data.<field> messages under the fields", () => {
    const error = new ApiError({ status: 422, title: "x", fieldErrors: { "data.receiver": ["Too short."], other: ["Odd."] } });
    expect(transitionProblem(error, ["receiver"], t, step)).toEqual({ fields: { receiver: "Too short." }, message: "Odd.", conflict: false });
  });

  it("names a failing step by its label when it is the transition itself", () => {
    const error = new ApiError({ status: 422, title: "x", fieldErrors: { flow: ["Boom."] }, problem: { element: "delivered" } });
    expect(transitionProblem(error, [], t, step).message).toBe("The step “Delivered” could not run: Boom. The record was not changed.");
  });

  it("reads a conflict and a refusal", () => {
    expect(transitionProblem(new ApiError({ status: 409, title: "Conflict" }), [], t)).toMatchObject({ conflict: true, message: t("work.conflict") });
    expect(transitionProblem(new ApiError({ status: 403, title: "Forbidden" }), [], t).message).toMatch(/not allowed/);
  });
});

describe("guessType", () => {
  it("reads a value's type when its column is unknown", () => {
    expect(guessType("2026-11-24T09:30:00.123456Z")).toBe("datetime");
    expect(guessType("2026-11-24")).toBe("date");
    expect(guessType(3)).toBe("integer");
    expect(guessType(true)).toBe("boolean");
    expect(guessType(["A"])).toBe("choices");
    expect(guessType("Piano")).toBe("text");
  });
});
