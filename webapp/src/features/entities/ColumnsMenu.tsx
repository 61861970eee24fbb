import { Button, Checkbox, Popover, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { IconColumns } from "../../app/components/icons";
import type { GridColumn } from "../../app/records/gridColumns";

interface ColumnsMenuProps {
  columns: GridColumn[];
  visible: string[];
  onChange: (visible: string[]) => void;
}

/** Chooses the grid's columns; at least one stays. */
export function ColumnsMenu({ columns, visible, onChange }: ColumnsMenuProps) {
  const { t } = useTranslation();
  const toggle = (key: string, checked: boolean) => {
    const next = checked ? columns.map((column) => column.key).filter((k) => k === key || visible.includes(k)) : visible.filter((k) => k !== key);
    if (next.length) onChange(next);
  };
  return (
    <Popover position="bottom-end" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />}>
          {t("records.columns")}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" mah={360} style={{ overflowY: "auto" }}>
          {columns.map((column) => (
            <Checkbox
              key={column.key}
              label={column.label}
              checked={visible.includes(column.key)}
              disabled={visible.length === 1 && visible.includes(column.key)}
              onChange={(event) => toggle(column.key, event.currentTarget.checked)}
            />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
