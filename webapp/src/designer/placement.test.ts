import { describe, expect, it } from "vitest";
import { freeSpot, GAP, overlaps, type Box } from "./placement";

const task = (x: number, y: number): Box => ({ x, y, width: 100, height: 80 });

describe("placing a new shape", () => {
  it("leaves a shape where it was dropped when nothing is there", () => {
    expect(freeSpot(task(400, 100), [task(100, 100)])).toEqual(task(400, 100));
  });

  it("moves a shape dropped onto another to the nearest free spot, never over any", () => {
    const others = [task(100, 100), task(240, 100), task(100, 220)];
    const dropped = task(110, 110);
    const placed = freeSpot(dropped, others);
    expect(others.some((other) => overlaps(placed, other))).toBe(false);
    // Nearest: no free spot lies closer to where it was dropped.
    const distance = Math.hypot(placed.x - dropped.x, placed.y - dropped.y);
    for (const dx of [-20, -10, 0, 10, 20]) {
      for (const dy of [-20, -10, 0, 10, 20]) {
        const closer = { ...dropped, x: placed.x + dx, y: placed.y + dy };
        if (Math.hypot(closer.x - dropped.x, closer.y - dropped.y) < distance) {
          expect(others.some((other) => overlaps(closer, other))).toBe(true);
        }
      }
    }
    expect(placed.width).toBe(100);
    expect(placed.height).toBe(80);
  });

  it("keeps a gap around shapes, and goes right of everything when all around is full", () => {
    expect(overlaps(task(0, 0), task(100 + GAP - 1, 0))).toBe(true);
    expect(overlaps(task(0, 0), task(100 + GAP, 0))).toBe(false);
    const wall: Box = { x: -2000, y: -2000, width: 4000, height: 4000 };
    expect(freeSpot(task(0, 0), [wall])).toEqual(task(2000 + GAP, 0));
  });
});
