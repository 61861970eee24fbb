import { Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Column } from "../../api/blueprints";
import type { PlanStep } from "../../api/migrations";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { FieldInput } from "../../app/records/FieldInput";
import type { InputValue } from "../../app/records/values";
import { ruleFor, type BuiltPlan, type PlanChoice } from "./plan";
import { HeaderRow } from "../../app/components/HeaderRow";

/** The Select's value for "(new, use default)". */
const NEW = "__new__";

interface PlanTableProps {
  from: Column[];
  to: Column[];
  choice: PlanChoice;
  built: BuiltPlan;
  /** The plan of the last preview, with the server's rule texts. */
  previewed: PlanStep[];
  onChange: (choice: PlanChoice) => void;
  timeZone: string;
  slug: string;
}

/** Old column → new column for every step, in plain words, each target's source open to change. */
export function PlanTable({ from, to, choice, built, previewed, onChange, timeZone, slug }: PlanTableProps) {
  const { t } = useTranslation();
  const label = (columns: Column[], key?: string) => columns.find((column) => column.key === key)?.label ?? key ?? "";
  const sourceOptions = [
    ...from.map((column) => ({ value: column.key, label: `${column.label} (${t(`columnTypes.${column.type}`)})` })),
    { value: NEW, label: t("migrations.newColumn") },
  ];
  const rule = (step: PlanStep) =>
    ruleFor(step, previewed) ?? (
      <Text span size="xs" c="dimmed">
        {t("migrations.ruleAfterPreview")}
      </Text>
    );

  return (
    <Table.ScrollContainer minWidth={680}>
      <Table verticalSpacing={6} withTableBorder>
        <Table.Caption>{t("migrations.planCaption")}</Table.Caption>
        <HeaderRow
          cells={[
            t("migrations.oldColumn"),
            t("migrations.newColumnHeader"),
            t("migrations.change"),
            t("migrations.rule"),
          ]}
        />
        <Table.Tbody>
          {built.plan.map((step) => {
            if (step.kind === "drop") {
              return (
                <Table.Tr key={`drop:${step.source}`}>
                  <Table.Td>{label(from, step.source)}</Table.Td>
                  <Table.Td>—</Table.Td>
                  <Table.Td>{t("migrations.kinds.drop")}</Table.Td>
                  <Table.Td>{rule(step)}</Table.Td>
                </Table.Tr>
              );
            }
            const target = to.find((column) => column.key === step.target)!;
            const problem = built.problems[target.key];
            return (
              <Table.Tr key={`target:${target.key}`}>
                <Table.Td miw={200}>
                  <LabelledSelect
                    label={t("migrations.sourceFor", { label: target.label })}
                    hideLabel
                    data={sourceOptions}
                    value={choice.sources[target.key] ?? NEW}
                    onChange={(value) =>
                      onChange({ ...choice, sources: { ...choice.sources, [target.key]: !value || value === NEW ? null : value } })
                    }
                    allowDeselect={false}
                    error={problem === "duplicate" ? t("migrations.duplicate") : undefined}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {target.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`columnTypes.${target.type}`)}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`migrations.kinds.${step.kind}`)}</Table.Td>
                <Table.Td miw={200}>
                  {step.kind === "add" ? (
                    <FieldInput
                      column={target}
                      label={t("migrations.defaultFor", { label: target.label })}
                      value={choice.defaults[target.key] ?? null}
                      onChange={(value: InputValue) => onChange({ ...choice, defaults: { ...choice.defaults, [target.key]: value } })}
                      error={problem && problem !== "duplicate" ? t(`values.problems.${problem}`) : undefined}
                      description={rule(step)}
                      timeZone={timeZone}
                      slug={slug}
                    />
                  ) : (
                    rule(step)
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
