import { Stack, Table } from "@mantine/core";
import type { UseInfiniteQueryResult, InfiniteData } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Page } from "../api/types";
import { EmptyState } from "../app/components/EmptyState";
import { describeError } from "../app/components/errors";
import { HeaderRow } from "../app/components/HeaderRow";
import { PageLoader } from "../app/components/PageLoader";
import { ProblemAlert } from "../app/components/ProblemAlert";
import { LoadMore } from "../app/components/LoadMore";
import { pagedItems } from "../api/queries/shared";

interface PagedTableProps<T> {
  query: UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  /** The column headings. */
  head: string[];
  row: (item: T) => ReactNode;
  /** Shown when there is nothing at all. */
  empty: string;
  /** Filters are set: an empty list says that nothing matches them instead of ``empty``. */
  filtered?: boolean;
  /** A sentence under the empty state's title: why it is empty, or what would fill it (left out when filtered). */
  emptyBody?: string;
  /** The table's accessible name. */
  label: string;
  minWidth?: number;
}

/** An admin list: a loader, the problem, an empty state, or the rows with "Show more". */
export function PagedTable<T>({ query, head, row, empty, filtered = false, emptyBody, label, minWidth = 640 }: PagedTableProps<T>) {
  const { t } = useTranslation();
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ProblemAlert message={describeError(query.error, t)} />;
  const items = pagedItems(query.data);
  if (!items.length) return <EmptyState title={filtered ? t("admin.emptyFiltered") : empty}>{filtered ? undefined : emptyBody}</EmptyState>;
  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={minWidth}>
        <Table verticalSpacing="sm" highlightOnHover aria-label={label}>
          <HeaderRow cells={head} />
          <Table.Tbody>{items.map(row)}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMore query={query} label={t("admin.showMore")} />
    </Stack>
  );
}
