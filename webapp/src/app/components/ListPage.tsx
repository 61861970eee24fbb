import { Anchor, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import type { Tenant } from "../../api/types";
import { describeError } from "./errors";
import { HeaderRow } from "./HeaderRow";
import { Heading } from "./Heading";
import { IconPlus } from "./icons";
import { PageLoader } from "./PageLoader";
import { ProblemAlert } from "./ProblemAlert";
import { TenantGate } from "./TenantGate";
import { LoadMore } from "./LoadMore";

interface ListPageProps {
  title: string;
  intro: string;
  /** The "New …" button's label and address, shown to those who manage the workspace. */
  create: { label: string; to: (slug: string) => string; allowed: (tenant: Tenant) => boolean };
  children: (tenant: Tenant) => ReactNode;
}

/** A workspace page listing one kind of thing: title, intro, a "New …" button, and the list. */
export function ListPage({ title, intro, create, children }: ListPageProps) {
  const { slug = "" } = useParams();
  useDocumentTitle(`${title} · Loom`);
  return (
    <TenantGate slug={slug}>
      {(tenant) => (
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start">
            <Heading title={title} intro={intro} size="h1" introWidth={720} />
            {create.allowed(tenant) && (
              <Button component={Link} to={create.to(slug)} leftSection={<IconPlus />}>
                {create.label}
              </Button>
            )}
          </Group>
          {children(tenant)}
        </Stack>
      )}
    </TenantGate>
  );
}

/** A listed item's name as a link, with its description below when it has one. */
export function NameCell({ to, name, description }: { to: string; name: string; description?: string | null }) {
  return (
    <Stack gap={2}>
      <Anchor component={Link} to={to} fw={600}>
        {name}
      </Anchor>
      {description && (
        <Text size="sm" c="dimmed" lineClamp={2}>
          {description}
        </Text>
      )}
    </Stack>
  );
}

interface ItemTableProps<T> {
  query: UseInfiniteQueryResult<InfiniteData<{ items: T[] }>>;
  /** Shown when the list is empty. */
  empty: ReactNode;
  minWidth: number;
  headers: string[];
  /** One item's cells. */
  row: (item: T) => ReactNode;
  rowKey: (item: T) => string | number;
  loadMore: string;
}

/** A paged list as a table: loading, its problem, the empty state, and "Load more". */
export function ItemTable<T>({ query, empty, minWidth, headers, row, rowKey, loadMore }: ItemTableProps<T>) {
  const { t } = useTranslation();
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ProblemAlert message={describeError(query.error, t)} />;
  if (!items.length) return <>{empty}</>;
  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={minWidth}>
        <Table verticalSpacing="sm" highlightOnHover>
          <HeaderRow cells={headers} />
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={rowKey(item)}>{row(item)}</Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMore query={query} label={loadMore} />
    </Stack>
  );
}
