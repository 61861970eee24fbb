import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import i18n from "../../i18n";
import { describeError, formProblem } from "./errors";

const t = i18n.t.bind(i18n);
const fields = ["name", "slug"] as const;

describe("formProblem", () => {
  it("puts messages under matching fields and nothing on top", () => {
    const error = new ApiError({
      status: 422,
      title: "Unprocessable Entity",
      detail: "Invalid input.",
      fieldErrors: { slug: ["Taken.", "Too short."], "name.first": ["Odd."] },
    });
    expect(formProblem(error, fields, t)).toEqual({
      fieldErrors: { slug: "Taken. Too short.", name: "Odd." },
      message: null,
    });
  });

  it("keeps messages for unknown fields for the alert", () => {
    const error = new ApiError({ status: 422, title: "x", fieldErrors: { slug: ["Taken."], _schema: ["Quota reached."] } });
    expect(formProblem(error, fields, t)).toEqual({ fieldErrors: { slug: "Taken." }, message: "Quota reached." });
  });

  it("falls back to the detail when no field matches", () => {
    const error = new ApiError({ status: 422, title: "x", detail: "Not allowed.", fieldErrors: { other: ["No."] } });
    expect(formProblem(error, fields, t)).toEqual({ fieldErrors: {}, message: "Not allowed." });
  });
});

describe("describeError", () => {
  it("speaks plainly about rate limits, lost connections and server faults", () => {
    expect(describeError(new ApiError({ status: 429, title: "Too Many Requests", retryAfter: 30 }), t)).toBe(
      "Too many attempts. Try again in 30 seconds.",
    );
    expect(describeError(new ApiError({ status: 0, title: "Network error" }), t)).toMatch(/could not be reached/);
    expect(describeError(new ApiError({ status: 500, title: "Internal Server Error" }), t)).toBe(
      "Something went wrong. Please try again.",
    );
    expect(describeError(new Error("boom"), t)).toBe("Something went wrong. Please try again.");
  });
});
