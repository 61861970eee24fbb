import { lazy, Suspense } from "react";
import type { BoardViewProps } from "../../features/board/BoardView";
import { PageLoader } from "./PageLoader";

// The board is its own feature: the records page shows it through here, loaded when first shown.
const BoardView = lazy(() => import("../../features/board/BoardView"));

/** The records board (features/board), for the records page's Board layout. */
export function LazyBoardView(props: BoardViewProps) {
  return (
    <Suspense fallback={<PageLoader />}>
      <BoardView {...props} />
    </Suspense>
  );
}
