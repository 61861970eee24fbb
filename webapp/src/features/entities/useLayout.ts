import { useSearchParams } from "react-router-dom";
import type { RecordsLayout } from "../../api/views";

/**
 * Grid or board, and the board's grouping column, kept in the address
 * (`?layout=board&group_by=status`) so a board can be linked to and reloaded.
 */
export function useLayout() {
  const [params, setParams] = useSearchParams();
  const layout: RecordsLayout = params.get("layout") === "board" ? "board" : "grid";
  const groupBy = params.get("group_by") || null;
  const setLayout = (next: RecordsLayout, by: string | null = groupBy) =>
    setParams(
      (current) => {
        const out = new URLSearchParams(current);
        if (next === "board") out.set("layout", "board");
        else out.delete("layout");
        if (next === "board" && by) out.set("group_by", by);
        else out.delete("group_by");
        return out;
      },
      { replace: true },
    );
  return { layout, groupBy, setLayout };
}
