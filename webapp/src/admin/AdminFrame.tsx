import { Badge, Box, Container, Group, Paper, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Brand } from "../app/shell/Brand";
import { LanguageSwitcher } from "../app/shell/LanguageSwitcher";

/** One centered card for the admin pages before the back office opens (hardening, refusals). */
export function AdminFrame({ children, width = 560 }: { children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="var(--loom-surface)">
      <Container size={width} py={48}>
        <Stack gap="lg">
          <Group justify="space-between">
            <Group gap="xs">
              <Brand />
              <Badge variant="light" color="grape">
                {t("admin.badge")}
              </Badge>
            </Group>
            <LanguageSwitcher />
          </Group>
          <Paper component="main" withBorder shadow="sm" radius="lg" p="xl">
            {children}
          </Paper>
        </Stack>
      </Container>
    </Box>
  );
}
