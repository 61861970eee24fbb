import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Flow } from "../../../api/flows";
import { countText } from "../../../app/components/count";
import { describeError } from "../../../app/components/errors";
import { ProblemAlert } from "../../../app/components/ProblemAlert";
import { currentLanguage } from "../../../i18n";
import { formatDateTime } from "../../../app/format";
import { useFetchFlowVersion } from "../queries";
import { downloadText } from "./ImportExport";

interface FlowVersionsProps {
  slug: string;
  flow: Flow;
  timeZone: string;
}

/** Every published version, newest first: when, how many records ran it and still run it. */
export function FlowVersions({ slug, flow, timeZone }: FlowVersionsProps) {
  const { t } = useTranslation();
  const fetchVersion = useFetchFlowVersion(slug, flow.key);
  const [problem, setProblem] = useState<string | null>(null);
  const versions = [...(flow.versions ?? [])].sort((a, b) => b.number - a.number);

  const download = async (number: number) => {
    setProblem(null);
    try {
      const version = await fetchVersion(number);
      downloadText(`${flow.key}-v${number}.bpmn`, version.xml);
    } catch (error) {
      setProblem(describeError(error, t));
    }
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="flow-versions-title">
      <Title order={2} size="h4" id="flow-versions-title">
        {t("flows.versions.title")}
      </Title>
      {!versions.length && (
        <Text size="sm" c="dimmed">
          {t("flows.versions.empty")}
        </Text>
      )}
      <ProblemAlert message={problem} />
      {versions.length > 0 && (
        <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: "none" }}>
          {versions.map((version, index) => (
            <Paper key={version.id} withBorder p="sm" radius="md" component="li">
              <Group justify="space-between" wrap="wrap">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Title order={3} size="h5">
                      {t("flows.versions.version", { number: version.number })}
                    </Title>
                    {index === 0 && (
                      <Badge size="sm" variant="light" color="green" tt="none">
                        {t("flows.versions.current")}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" c="dimmed">
                    {t("flows.versions.publishedAt", { date: formatDateTime(version.published_at, timeZone, currentLanguage()) })}
                  </Text>
                </Stack>
                <Group gap="md">
                  <Text size="sm">
                    {countText(t, "flows.versions.records", version.instance_count)} ·{" "}
                    {countText(t, "flows.versions.running", version.running_count)}
                  </Text>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => void download(version.number)}
                    aria-label={t("flows.versions.downloadLabel", { number: version.number })}
                  >
                    {t("flows.versions.download")}
                  </Button>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
