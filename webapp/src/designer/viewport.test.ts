import { describe, expect, it } from "vitest";
import { designerHeight, MIN_HEIGHT } from "./viewport";

describe("the diagram editor's height", () => {
  it("takes the rest of the window below where it starts", () => {
    expect(designerHeight(1000, 300)).toBe(1000 - 300 - 16);
  });

  it("takes the window below the header when it starts too low to fit, so scrolling shows all of it", () => {
    expect(designerHeight(800, 600)).toBe(800 - 60 - 32);
  });

  it("never gets too small to draw in", () => {
    expect(designerHeight(300, 100)).toBe(MIN_HEIGHT);
  });
});
