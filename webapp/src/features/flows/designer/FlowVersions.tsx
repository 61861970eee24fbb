import { Button, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Flow } from "../../../api/flows";
import { countText } from "../../../app/components/count";
import { describeError } from "../../../app/components/errors";
import { ProblemAlert } from "../../../app/components/ProblemAlert";
import { VersionList } from "../../../app/components/VersionList";
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
  const versions = flow.versions ?? [];

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
        <VersionList
          versions={versions}
          timeZone={timeZone}
          level={3}
          name={(number) => t("flows.versions.version", { number })}
          publishedAt={(date) => t("flows.versions.publishedAt", { date })}
          newest={t("flows.versions.current")}
          side={(version) => (
            <>
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
            </>
          )}
        />
      )}
    </Stack>
  );
}
