import { ActionIcon, Button, Code, CopyButton, Group, Loader, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import type { InboundHook } from "../../api/messages";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useInboundHook, useInboundHookActions } from "./queries";
import { SecretShownOnce } from "./SecretShownOnce";

interface Row {
  field: string;
  path: string;
}

interface InboundHookPanelProps {
  slug: string;
  flowKey: string;
}

/** A flow's inbound hook, for owners and admins: create it, copy its address, see its secret
 * once, make a new secret, delete it. */
export function InboundHookPanel({ slug, flowKey }: InboundHookPanelProps) {
  const { t } = useTranslation();
  const query = useInboundHook(slug, flowKey, true);
  const actions = useInboundHookActions(slug, flowKey);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<"rotate" | "delete" | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const confirm = async () => {
    setProblem(null);
    try {
      if (confirming === "rotate") setSecret((await actions.rotate.mutateAsync()).secret);
      else await actions.remove.mutateAsync();
      setConfirming(null);
    } catch (error) {
      setProblem(describeError(error, t));
    }
  };

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("messages.hook.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("messages.hook.intro")}
        </Text>
        {query.isPending && <Loader size="sm" aria-label={t("common.loading")} />}
        <ProblemAlert message={query.isError ? t("messages.hook.failed") : null} />
        {query.data === null && (
          <CreateHookForm slug={slug} flowKey={flowKey} onCreated={setSecret} />
        )}
        {query.data && (
          <HookDetails hook={query.data} onRotate={() => setConfirming("rotate")} onDelete={() => setConfirming("delete")} />
        )}
      </Stack>
      <ConfirmDialog
        opened={confirming !== null}
        title={confirming === "delete" ? t("messages.hook.deleteTitle") : t("messages.hook.rotateTitle")}
        body={confirming === "delete" ? t("messages.hook.deleteBody") : t("messages.hook.rotateBody")}
        confirmLabel={confirming === "delete" ? t("messages.hook.deleteConfirm") : t("messages.hook.rotateConfirm")}
        danger
        loading={actions.rotate.isPending || actions.remove.isPending}
        problem={problem}
        onConfirm={() => void confirm()}
        onClose={() => {
          setConfirming(null);
          setProblem(null);
        }}
      />
      <SecretShownOnce secret={secret} onClose={() => setSecret(null)} />
    </Paper>
  );
}

function HookDetails({ hook, onRotate, onDelete }: { hook: InboundHook; onRotate: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const pairs = Object.entries(hook.correlation).map(([field, path]) => t("messages.hook.pair", { field, path }));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} id="inbound-hook-url">
        {t("messages.hook.url")}
      </Text>
      <Group gap="sm" wrap="nowrap" align="center">
        <Code block aria-labelledby="inbound-hook-url" style={{ flex: 1, wordBreak: "break-all", whiteSpace: "pre-wrap" }}>
          {hook.url}
        </Code>
        <CopyButton value={hook.url}>
          {({ copied, copy }) => (
            <Button variant="default" size="xs" onClick={copy}>
              {copied ? t("messages.hook.copied") : t("messages.hook.copyUrl")}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm">{t("messages.hook.readsMessage", { name: hook.message_name })}</Text>
      <Text size="sm">{pairs.length ? t("messages.hook.matchesBy", { pairs: pairs.join(", ") }) : t("messages.hook.matchesAny")}</Text>
      <Group gap="xs">
        <Button variant="default" size="xs" onClick={onRotate}>
          {t("messages.hook.rotate")}
        </Button>
        <Button variant="subtle" color="red" size="xs" onClick={onDelete}>
          {t("messages.hook.delete")}
        </Button>
      </Group>
    </Stack>
  );
}

function CreateHookForm({ slug, flowKey, onCreated }: { slug: string; flowKey: string; onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const { create } = useInboundHookActions(slug, flowKey);
  const [name, setName] = useState("");
  const [rows, setRows] = useState<Row[]>([]);
  const [nameError, setNameError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setNameError(t("messages.hook.messageNameRequired"));
    setNameError(null);
    setProblem(null);
    const correlation = Object.fromEntries(rows.filter((row) => row.field.trim()).map((row) => [row.field.trim(), row.path.trim()]));
    try {
      const created = await create.mutateAsync({ message_name: name.trim(), correlation });
      onCreated(created.secret);
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : {};
      if (fields.message_name) setNameError(fields.message_name[0] ?? null);
      setProblem(describeError(error, t));
    }
  };

  const change = (index: number, part: keyof Row, value: string) =>
    setRows((current) => current.map((row, at) => (at === index ? { ...row, [part]: value } : row)));

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t("messages.hook.none")}</Text>
        <TextInput
          label={t("messages.hook.messageName")}
          description={t("messages.hook.messageNameHelp")}
          required
          value={name}
          error={nameError}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Text size="sm" fw={500}>
          {t("messages.hook.correlationTitle")}
        </Text>
        <Text size="xs" c="dimmed">
          {t("messages.hook.correlationHelp")}
        </Text>
        {rows.map((row, index) => (
          <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput label={t("messages.hook.field")} value={row.field} onChange={(event) => change(index, "field", event.currentTarget.value)} style={{ flex: 1 }} />
            <TextInput
              label={t("messages.hook.path")}
              placeholder={t("messages.hook.pathPlaceholder")}
              value={row.path}
              onChange={(event) => change(index, "path", event.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={t("messages.hook.removeCorrelation", { field: row.field || index + 1 })}
              onClick={() => setRows((current) => current.filter((_, at) => at !== index))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group gap="xs">
          <Button variant="subtle" size="xs" onClick={() => setRows((current) => [...current, { field: "", path: "" }])}>
            {t("messages.hook.addCorrelation")}
          </Button>
        </Group>
        <ProblemAlert message={problem} />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t("messages.hook.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
