import { Box, Container, Group, Paper, Stack } from "@mantine/core";
import { Outlet } from "react-router-dom";
import { Brand } from "./Brand";
import { HelpFooter } from "./HelpFooter";
import { LanguageSwitcher } from "./LanguageSwitcher";

/** Signed-out pages: one centered card. */
export function PublicLayout() {
  return (
    <Box mih="100vh" bg="var(--loom-surface)">
      <Container size={460} py={48}>
        <Stack gap="lg">
          <Group justify="space-between">
            <Brand />
            <LanguageSwitcher />
          </Group>
          <Paper component="main" withBorder shadow="sm" radius="lg" p="xl">
            <Outlet />
          </Paper>
          <HelpFooter />
        </Stack>
      </Container>
    </Box>
  );
}
