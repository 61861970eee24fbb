/**
 * Where a new shape goes: never over another one. A shape dropped from the palette onto others is
 * moved to the nearest free spot around where it was dropped (the context pad's "append" already
 * places shapes in free space, through bpmn-js's auto-place). Shapes attached to a task (timers on
 * its border) and shapes dropped onto an arrow (inserted into it) stay where they were dropped.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room kept free around a shape, in diagram units. */
export const GAP = 20;

/** Whether two boxes come closer than ``gap`` to each other. */
export function overlaps(a: Box, b: Box, gap = GAP): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/** Offsets on a grid of ``step`` up to ``radius`` steps away, nearest first (right before left, down before up on ties). */
function offsets(step: number, radius: number): { dx: number; dy: number }[] {
  const found: { dx: number; dy: number }[] = [];
  for (let i = -radius; i <= radius; i++) for (let j = -radius; j <= radius; j++) found.push({ dx: i * step, dy: j * step });
  const rank = (o: { dx: number; dy: number }) => [Math.hypot(o.dx, o.dy), o.dx < 0 ? 1 : 0, o.dy < 0 ? 1 : 0];
  return found.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2];
  });
}

const NEAR = offsets(10, 60);

/** ``box`` if it overlaps none of ``others``; else the nearest free box of its size (or one right of all of them). */
export function freeSpot(box: Box, others: readonly Box[], gap = GAP): Box {
  const free = (candidate: Box) => others.every((other) => !overlaps(candidate, other, gap));
  for (const { dx, dy } of NEAR) {
    const candidate = { ...box, x: box.x + dx, y: box.y + dy };
    if (free(candidate)) return candidate;
  }
  const right = Math.max(...others.map((other) => other.x + other.width));
  return { ...box, x: right + gap };
}

type AnyElement = any;

const isShape = (element: AnyElement) => !element.waypoints && element.type !== "label" && !element.labelTarget;

/** Moves a single shape being created off the shapes beside it (see the module's note). */
class FreePlacement {
  static $inject = ["eventBus"];

  constructor(eventBus: { on(event: string, priority: number, listener: (event: AnyElement) => void): void }) {
    eventBus.on("commandStack.elements.create.preExecute", 1500, ({ context }: AnyElement) => {
      const shapes = (context.elements ?? []).filter(isShape);
      const parent = context.parent;
      if (shapes.length !== 1 || !parent || parent.waypoints || context.hints?.attach || !context.position) return;
      const [shape] = shapes;
      if (shape.type === "bpmn:BoundaryEvent") return;
      const { width, height } = shape;
      const box = { x: context.position.x - width / 2, y: context.position.y - height / 2, width, height };
      const others = (parent.children ?? []).filter((child: AnyElement) => child !== shape && isShape(child));
      if (!others.length) return;
      const spot = freeSpot(box, others);
      context.position = { x: spot.x + width / 2, y: spot.y + height / 2 };
    });
  }
}

export const freePlacementModule = {
  __init__: ["loomFreePlacement"],
  loomFreePlacement: ["type", FreePlacement],
};
