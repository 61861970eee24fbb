import { Alert, Button, Code, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { describeError } from "../../app/components/errors";

interface GridErrorProps {
  error: unknown;
  onRetry: () => void;
  retrying?: boolean;
}

/** Records that could not be loaded: what went wrong, a Retry button, and the request id to quote to support. */
export function GridError({ error, onRetry, retrying }: GridErrorProps) {
  const { t } = useTranslation();
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Alert color="red" variant="light" role="alert" title={t("gridState.errorTitle")}>
      <Stack gap="xs">
        <Text size="sm">{describeError(error, t)}</Text>
        {requestId && (
          <Text size="xs">
            {t("gridState.requestId")} <Code>{requestId}</Code>
          </Text>
        )}
        <Group>
          <Button size="xs" variant="default" onClick={onRetry} loading={retrying}>
            {t("gridState.retry")}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
