import { describe, expect, it } from "vitest";
import { scrubEvent, scrubText, scrubUrl } from "./sentryScrub";

describe("what leaves in a Sentry event", () => {
  it.each([
    ["mail to ada.lovelace+crm@example.co.uk failed", "ada.lovelace+crm@example.co.uk"],
    ["Authorization: Bearer abc.def-ghi", "abc.def-ghi"],
    ["key loom_0123456789abcdef_Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4", "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4"],
    ["jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbg", "eyJzdWIiOiIxMjM0NTY3ODkwIn0"],
    ["secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
  ])("hides the secret in %s", (text, secret) => {
    expect(scrubText(text)).not.toContain(secret);
    expect(scrubText(text)).toContain("[Filtered]");
  });

  it("leaves plain text alone", () => {
    expect(scrubText("TypeError: cannot read properties of undefined (reading 'name')")).toBe(
      "TypeError: cannot read properties of undefined (reading 'name')",
    );
  });

  it("hides secret query values and keeps the others", () => {
    expect(scrubUrl("https://loom.example/check-email?email=a%40b.de&page=2&token=xyz")).toBe(
      "https://loom.example/check-email?email=[Filtered]&page=2&token=[Filtered]",
    );
  });

  it("scrubs every nested text and url of an event", () => {
    const event = {
      message: "failed for grace@example.org",
      exception: { values: [{ type: "Error", value: "Bearer abc.def" }] },
      request: { url: "https://loom.example/reset?token=abc" },
      breadcrumbs: [{ data: { url: "/api/x?code=123456" }, message: "to ada@example.com" }],
    };
    const sent = JSON.stringify(scrubEvent(event));
    for (const secret of ["grace@example.org", "abc.def", "token=abc", "code=123456", "ada@example.com"]) {
      expect(sent).not.toContain(secret);
    }
  });
});
