import { Button, Group, type ButtonProps } from "@mantine/core";

interface Paged {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

interface LoadMoreProps {
  /** The paged query; nothing is shown once it has no next page. */
  query: Paged;
  label: string;
  justify?: "center" | "flex-start";
  size?: ButtonProps["size"];
}

/** "Load more" under a paged list: asks the next page and says it is loading meanwhile. */
export function LoadMore({ query, label, justify = "center", size }: LoadMoreProps) {
  if (!query.hasNextPage) return null;
  return (
    <Group justify={justify}>
      <Button variant="default" size={size} loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        {label}
      </Button>
    </Group>
  );
}
