import { Badge, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ColumnOption } from "../../api/blueprints";
import type { ColumnType } from "../../api/types";
import { currentLanguage } from "../../i18n";
import { cellText, optionLabel } from "./cellText";

interface CellValueProps {
  type: ColumnType;
  value: unknown;
  options?: ColumnOption[];
  timeZone: string;
}

/** Short values that read badly broken over lines: dates, times and numbers stay on one. */
const ONE_LINE: ReadonlySet<ColumnType> = new Set(["date", "datetime", "integer", "decimal", "boolean", "phone"]);

// A chip is never cut: it keeps its whole label and the cell grows (or wraps) instead.
const WHOLE = { root: { overflow: "visible", flexShrink: 0, maxWidth: "none" }, label: { overflow: "visible", textOverflow: "clip" } };

function OptionBadge({ value, options }: { value: string; options?: ColumnOption[] }) {
  const option = options?.find((candidate) => candidate.value === value);
  return (
    <Badge variant="light" color={option?.color || "gray"} radius="sm" tt="none" styles={WHOLE}>
      {optionLabel(value, options)}
    </Badge>
  );
}

/**
 * A stored value as people read it: local times, grouped digits, coloured choices.
 * Long text wraps to three lines; the whole value is in its title (shown on hover).
 */
export function CellValue({ type, value, options, timeZone }: CellValueProps) {
  const { t } = useTranslation();
  const text = cellText(value, { type, options, timeZone, language: currentLanguage(), t });
  if (!text) return null;
  switch (type) {
    case "choice":
      return <OptionBadge value={String(value)} options={options} />;
    case "choices":
      return (
        <Group gap={4} wrap="wrap" title={text}>
          {(Array.isArray(value) ? value : [value]).map((item) => (
            <OptionBadge key={String(item)} value={String(item)} options={options} />
          ))}
        </Group>
      );
    case "reference":
      return (
        <Text span size="sm" title={text} ff="monospace">
          {text.length > 8 ? `…${text.slice(-8)}` : text /* time-ordered ids share their beginning, not their end */}
        </Text>
      );
    default:
      return (
        <Text size="sm" lineClamp={3} title={text} className="cell-text" style={ONE_LINE.has(type) ? { whiteSpace: "nowrap" } : undefined}>
          {text}
        </Text>
      );
  }
}
