import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { pagedItems } from "../../api/queries/shared";
import type { Page } from "../../api/types";
import { describeError } from "./errors";
import { LoadMore } from "./LoadMore";
import { PageLoader } from "./PageLoader";
import { ProblemAlert } from "./ProblemAlert";

interface DataTablePagedProps<T> {
  query: UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  /** What shows when there is nothing to list. */
  empty: ReactNode;
  /** The "Load more" button's label. */
  more: string;
  /** The items loaded so far, as a table or a list. */
  children: (items: T[]) => ReactNode;
}

/** A paged list's place on a page: a loader, its problem, what shows when it is empty, or its items; then "Load more". */
export function DataTablePaged<T>({ query, empty, more, children }: DataTablePagedProps<T>) {
  const { t } = useTranslation();
  const items = pagedItems(query.data);
  let content: ReactNode;
  if (query.isPending) content = <PageLoader />;
  else if (query.isError) content = <ProblemAlert message={describeError(query.error, t)} />;
  else if (!items.length) content = empty;
  else content = children(items);
  return (
    <>
      {content}
      <LoadMore query={query} label={more} />
    </>
  );
}
