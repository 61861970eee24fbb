import { Box, Container, Group } from "@mantine/core";
import { Outlet } from "react-router-dom";
import { Brand } from "./Brand";
import { HelpFooter } from "./HelpFooter";
import { LanguageSwitcher } from "./LanguageSwitcher";

/** Pages open to everyone that need room: the dev mailbox, "not found". */
export function PlainLayout() {
  return (
    <Box mih="100vh">
      <Box component="header" style={{ borderBottom: "1px solid var(--loom-border)" }}>
        <Group h={60} px="md" justify="space-between">
          <Brand />
          <LanguageSwitcher />
        </Group>
      </Box>
      <Container component="main" size="lg" py="xl">
        <Outlet />
      </Container>
      <HelpFooter />
    </Box>
  );
}
