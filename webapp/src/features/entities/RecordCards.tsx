import { Anchor, Card, SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { Entity } from "../../api/entities";
import { paths } from "../../app/paths";
import { CellValue } from "../../app/records/CellValue";
import type { GridColumn } from "../../app/records/gridColumns";
import { recordName, valueOf } from "./recordName";

const isEmpty = (value: unknown) => value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length);

/** How many fields a card shows under the record's name. */
export const CARD_FIELDS = 4;

interface RecordCardsProps {
  label: string;
  columns: GridColumn[];
  entities: Entity[];
  timeZone: string;
  slug: string;
}

/** The records on a small screen: one card each, its name opens the record, a few main fields below. */
export function RecordCards({ label, columns, entities, timeZone, slug }: RecordCardsProps) {
  const { t } = useTranslation();
  return (
    <Stack component="ul" gap="xs" aria-label={label} p={0} m={0} style={{ listStyle: "none" }}>
      {entities.map((entity) => {
        const name = recordName(entity, columns);
        const fields = columns.filter((column) => column.column && valueOf(entity, column.key) !== name).slice(0, CARD_FIELDS);
        return (
          <Card component="li" key={entity.id} withBorder padding="sm" radius="md">
            <Anchor component={Link} to={paths.record(slug, entity.id)} fw={600} size="md" style={{ overflowWrap: "anywhere" }}>
              {name ?? t("gridState.untitled", { id: entity.id.slice(-8) })}
            </Anchor>
            {fields.length > 0 && (
              <SimpleGrid component="dl" cols={2} spacing="xs" verticalSpacing={4} mt="xs" mb={0}>
                {fields.map((column) => (
                  <div key={column.key} style={{ minWidth: 0 }}>
                    <Text component="dt" size="xs" c="dimmed">
                      {column.label}
                    </Text>
                    <Text component="dd" size="sm" m={0} style={{ overflowWrap: "anywhere" }}>
                      <CellValue type={column.type} value={valueOf(entity, column.key)} options={column.column?.options} timeZone={timeZone} />
                      {isEmpty(valueOf(entity, column.key)) && "—"}
                    </Text>
                  </div>
                ))}
              </SimpleGrid>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}
