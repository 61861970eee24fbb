import { Anchor, Group } from "@mantine/core";
import { Link } from "react-router-dom";

/** The Loom name and mark, linking to the start page. */
export function Brand() {
  return (
    <Anchor component={Link} to="/" underline="never" c="inherit" fw={700} fz="lg">
      <Group gap={8} wrap="nowrap">
        <img src="/favicon.svg" alt="" width={24} height={24} />
        <span>Loom</span>
      </Group>
    </Anchor>
  );
}
