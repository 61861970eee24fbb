import { describe, expect, it } from "vitest";
import { linkify } from "./linkify";

const links = (text: string) => linkify(text).filter((part) => part.kind === "link").map((part) => part.text);

describe("linkify", () => {
  it("finds the confirmation link in a plain-text email", () => {
    const text = "Welcome to Loom!\n\nConfirm your address:\nhttp://127.0.0.1:5000/api/auth/confirm/abc.DEF-123_x?lang=en\n\nThanks";
    expect(links(text)).toEqual(["http://127.0.0.1:5000/api/auth/confirm/abc.DEF-123_x?lang=en"]);
  });

  it("gives the text back unchanged when the parts are joined", () => {
    const text = "See https://a.test/x, then (https://b.test/y) and http://c.test.";
    expect(linkify(text).map((part) => part.text).join("")).toBe(text);
  });

  it("leaves sentence punctuation and unmatched brackets out of the address", () => {
    expect(links("Go to https://loom.test/path. Or https://loom.test/q?a=1, fine")).toEqual([
      "https://loom.test/path",
      "https://loom.test/q?a=1",
    ]);
    expect(links("(see https://loom.test/docs)")).toEqual(["https://loom.test/docs"]);
    expect(links("https://en.wikipedia.org/wiki/Loom_(weaving)")).toEqual(["https://en.wikipedia.org/wiki/Loom_(weaving)"]);
  });

  it("links http and https only, case-insensitively", () => {
    expect(links("ftp://x.test mailto:a@b.test HTTPS://LOOM.TEST/A javascript:alert(1)")).toEqual(["HTTPS://LOOM.TEST/A"]);
  });

  it("stops at whitespace, quotes and angle brackets", () => {
    expect(links('<https://a.test/1> "https://b.test/2" https://c.test/3\thttps://d.test/4')).toEqual([
      "https://a.test/1",
      "https://b.test/2",
      "https://c.test/3",
      "https://d.test/4",
    ]);
  });

  it("returns one text part when there is no address", () => {
    expect(linkify("no links here, http:// alone")).toEqual([{ kind: "text", text: "no links here, http:// alone" }]);
    expect(linkify("")).toEqual([]);
  });
});
