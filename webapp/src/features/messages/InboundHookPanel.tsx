import { Button, Code, CopyButton, Group, Loader, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { InboundHook } from "../../api/messages";
import { ConfirmDialog } from "../../app/components/ConfirmDialog";
import { describeError } from "../../app/components/errors";
import { Heading } from "../../app/components/Heading";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { HookForm } from "./HookForm";
import { useInboundHook, useInboundHookActions } from "./queries";
import { SecretShownOnce } from "./SecretShownOnce";

interface InboundHookPanelProps {
  slug: string;
  flowKey: string;
}

/** A flow's inbound hook, for owners and admins: create it, copy its address, see its secret
 * once, change its settings, make a new secret, delete it. */
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
        <Heading level={2} title={t("messages.hook.title")} intro={t("messages.hook.intro")} />
        {query.isPending && <Loader size="sm" role="status" aria-label={t("common.loading")} />}
        <ProblemAlert message={query.isError ? t("messages.hook.failed") : null} />
        {query.data === null && (
          <CreateHookForm slug={slug} flowKey={flowKey} onCreated={setSecret} />
        )}
        {query.data && (
          <HookDetails hook={query.data} slug={slug} flowKey={flowKey} onRotate={() => setConfirming("rotate")} onDelete={() => setConfirming("delete")} />
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

function HookDetails({ hook, slug, flowKey, onRotate, onDelete }: { hook: InboundHook; slug: string; flowKey: string; onRotate: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const { update } = useInboundHookActions(slug, flowKey);
  const [editing, setEditing] = useState(false);
  const describe = (mapping: Record<string, string>) => Object.entries(mapping).map(([field, path]) => t("messages.hook.pair", { field, path })).join(", ");
  const pairs = describe(hook.correlation);
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
      {editing ? (
        <HookForm
          initial={hook}
          submitLabel={t("messages.hook.save")}
          submitting={update.isPending}
          onSubmit={async (input) => {
            await update.mutateAsync(input);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <Text size="sm">{t("messages.hook.readsMessage", { name: hook.message_name })}</Text>
          <Text size="sm">{pairs ? t("messages.hook.matchesBy", { pairs }) : t("messages.hook.matchesAny")}</Text>
          <Text size="sm">{hook.values === null ? t("messages.hook.carriesEvery") : t("messages.hook.carries", { pairs: describe(hook.values) || t("messages.hook.nothing") })}</Text>
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={() => setEditing(true)}>
              {t("messages.hook.edit")}
            </Button>
            <Button variant="default" size="xs" onClick={onRotate}>
              {t("messages.hook.rotate")}
            </Button>
            <Button variant="subtle" color="red" size="xs" onClick={onDelete}>
              {t("messages.hook.delete")}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

function CreateHookForm({ slug, flowKey, onCreated }: { slug: string; flowKey: string; onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const { create } = useInboundHookActions(slug, flowKey);
  return (
    <Stack gap="sm">
      <Text size="sm">{t("messages.hook.none")}</Text>
      <HookForm
        submitLabel={t("messages.hook.create")}
        submitting={create.isPending}
        onSubmit={async (input) => onCreated((await create.mutateAsync(input)).secret)}
      />
    </Stack>
  );
}
