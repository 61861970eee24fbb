import { Alert, Button, Group, List, Paper, Stack, Table, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { type DiagramPools, importPools, type PoolChoice } from "../../api/flowImports";
import { describeError } from "../../app/components/errors";
import { Heading } from "../../app/components/Heading";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { refusalText } from "../../app/components/refusalText";
import { flowKeys } from "./queries";
import { HeaderRow } from "../../app/components/HeaderRow";

interface Props {
  slug: string;
  xml: string;
  found: DiagramPools;
  /** Published blueprints to choose from. */
  blueprints: { key: string; name: string }[];
  /** The blueprint chosen on the form, for pools the diagram names none for. */
  blueprint: string | null;
  onBack: () => void;
  onDone: () => void;
}

/** Errors the API gives per pool ("pools.1.blueprint") as row → field → text; the rest as one text. */
function rowErrors(error: unknown): { rows: Record<number, Record<string, string>>; rest: string[] } {
  const rows: Record<number, Record<string, string>> = {};
  const rest: string[] = [];
  if (!(error instanceof ApiError)) return { rows, rest };
  for (const [key, messages] of Object.entries(error.fieldErrors)) {
    const match = /^pools\.(\d+)\.(\w+)$/.exec(key);
    if (match) (rows[Number(match[1])] ??= {})[match[2]] = messages.join(" ");
    else rest.push(...messages);
  }
  return { rows, rest };
}

/** A diagram with several pools: each becomes a flow, for the blueprint chosen for it. */
export function PoolImport({ slug, xml, found, blueprints, blueprint, onBack, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const known = new Set(blueprints.map((b) => b.key));
  const [choices, setChoices] = useState<PoolChoice[]>(() =>
    found.pools.map((pool) => ({
      process: pool.process,
      name: pool.name,
      blueprint: (pool.blueprint && known.has(pool.blueprint) ? pool.blueprint : blueprint) ?? "",
    })),
  );
  const [missing, setMissing] = useState<Set<number>>(new Set());
  const create = useMutation({
    mutationFn: () => importPools(slug, xml, choices),
    onSuccess: ({ flows }) => {
      void queryClient.invalidateQueries({ queryKey: flowKeys.all(slug) });
      notifications.show({ message: t("poolImport.created", { count: flows.length }), color: "green" });
      onDone();
    },
  });
  const errors = create.isError ? rowErrors(create.error) : { rows: {}, rest: [] };
  const problem = create.isError
    ? errors.rest.join(" ") || (Object.keys(errors.rows).length ? null : describeError(create.error, t))
    : null;

  const change = (index: number, values: Partial<PoolChoice>) => {
    setChoices((current) => current.map((choice, i) => (i === index ? { ...choice, ...values } : choice)));
    setMissing((current) => new Set([...current].filter((i) => i !== index)));
  };
  const submit = () => {
    const empty = new Set(choices.flatMap((choice, index) => (choice.blueprint ? [] : [index])));
    setMissing(empty);
    if (!empty.size) create.mutate();
  };

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="md">
        <Heading level={2} size="h3" title={t("poolImport.title", { count: found.pools.length })} intro={t("poolImport.intro")} />
        <ProblemAlert message={problem} />
        {found.warnings.length > 0 && (
          <Alert color="yellow" variant="light" title={t("poolImport.warningsTitle")}>
            <List size="sm">
              {found.warnings.map((warning, index) => (
                <List.Item key={index}>{refusalText(warning, t, i18n.language)}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Table verticalSpacing="sm">
          <HeaderRow cells={[t("poolImport.pool"), t("poolImport.name"), t("poolImport.blueprint")]} />
          <Table.Tbody>
            {found.pools.map((pool, index) => (
              <Table.Tr key={pool.process}>
                <Table.Td>{pool.name}</Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`${t("poolImport.name")}: ${pool.name}`}
                    value={choices[index].name ?? ""}
                    onChange={(event) => change(index, { name: event.currentTarget.value })}
                    error={errors.rows[index]?.name ?? errors.rows[index]?.key}
                  />
                </Table.Td>
                <Table.Td>
                  <LabelledSelect
                    label={`${t("poolImport.blueprint")}: ${pool.name}`}
                    hideLabel
                    allowDeselect={false}
                    data={blueprints.map((b) => ({ value: b.key, label: b.name }))}
                    value={choices[index].blueprint || null}
                    onChange={(value) => change(index, { blueprint: value ?? "" })}
                    error={missing.has(index) ? t("poolImport.blueprintRequired") : errors.rows[index]?.blueprint}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          <Button variant="default" onClick={onBack}>
            {t("poolImport.back")}
          </Button>
          <Button onClick={submit} loading={create.isPending}>
            {t("poolImport.create", { count: found.pools.length })}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
