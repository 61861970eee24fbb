import { ActionIcon, Group, Menu, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Column, VersionSummary } from "../../api/blueprints";
import type { Entity } from "../../api/entities";
import { MoveVersionProblem, useMoveVersion } from "../../features/migrations/MoveVersionControl";

interface RecordDetailsProps {
  slug: string;
  entity: Entity;
  versions: readonly VersionSummary[];
  /** The columns of the record's version, to name the values that cannot move. */
  columns: readonly Column[];
  /** The caller may move the record to another version. */
  canMove: boolean;
  /** The page's heading, beside which the menu sits. */
  children: ReactNode;
}

/**
 * The record's heading with a "Details" menu (⋯) beside it: which version of
 * the blueprint the record follows, and moving it to another version. Kept out
 * of the way: the record's state leads the page.
 */
export function RecordDetails({ slug, entity, versions, columns, canMove, children }: RecordDetailsProps) {
  const { t } = useTranslation();
  const { current, latest, others, move } = useMoveVersion(slug, entity, versions);
  const movable = canMove && others.length > 0;
  return (
    <Stack gap={6}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        {children}
        <Menu position="bottom-end" withinPortal width={280}>
          <Menu.Target>
            <ActionIcon variant="default" size="lg" aria-label={t("recordState.details")} loading={move.isPending}>
              <span aria-hidden>⋯</span>
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {/* An item that does nothing, so the menu holds a menu item even when it offers no move. */}
            <Menu.Item disabled style={{ cursor: "default" }}>
              <Text size="sm" fw={500}>
                {t("recordForm.versionBadge", { number: current })}
              </Text>
              {latest > current && (
                <Text size="xs">
                  {t("recordForm.olderVersion", { number: current, latest })}
                </Text>
              )}
            </Menu.Item>
            {movable && (
              <>
                <Menu.Divider />
                <Menu.Label>{t("recordState.moveTitle")}</Menu.Label>
                {others.map((number) => (
                  <Menu.Item key={number} onClick={() => move.mutate(number)}>
                    {number === latest && latest > current ? t("migrations.moveTo", { number }) : t("migrations.version", { number })}
                  </Menu.Item>
                ))}
              </>
            )}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <MoveVersionProblem move={move} columns={columns} />
    </Stack>
  );
}
