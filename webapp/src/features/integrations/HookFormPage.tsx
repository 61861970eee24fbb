import { Anchor, Button, Divider, Group, Paper, Stack, TextInput, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import type { HookEndpoint, HookEndpointCreated, HookInput } from "../../api/hooks";
import type { Tenant } from "../../api/types";
import { EmptyState } from "../../app/components/EmptyState";
import { describeError, formProblem, isNotFound } from "../../app/components/errors";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useSettingsTenant } from "../../app/shell/SettingsLayout";
import { canManage } from "../../app/roles";
import { EventPicker } from "./EventPicker";
import { HeadersEditor, type HeaderRow } from "./HeadersEditor";
import { integrationPaths } from "./paths";
import { useCreateHook, useHook, useHookEvents, useUpdateHook } from "./queries";
import { RecordFilters, type RecordFilter } from "./RecordFilters";
import { SecretDialog } from "./SecretDialog";

/** The "send test event" type: in the catalogue, but not something to subscribe to. */
const TEST_EVENT = "hook.test";
const FIELDS = ["url", "description", "event_types", "blueprints", "fields", "headers"] as const;
type Errors = Partial<Record<(typeof FIELDS)[number], string>>;

/** The form's values as the API takes them; headers only when some were typed (they replace the saved ones). */
function toInput(values: { url: string; description: string; events: string[]; filter: RecordFilter }, rows: HeaderRow[]): HookInput {
  const typed = rows.filter((row) => row.name.trim());
  return {
    url: values.url.trim(),
    description: values.description.trim() || null,
    event_types: values.events,
    blueprints: values.filter.blueprints.length ? values.filter.blueprints : null,
    fields: values.filter.fields.length ? values.filter.fields : null,
    ...(typed.length ? { headers: Object.fromEntries(typed.map((row) => [row.name.trim(), row.value])) } : {}),
  };
}

function HookForm({ tenant, hook }: { tenant: Tenant; hook?: HookEndpoint }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const slug = tenant.slug;
  const events = useHookEvents(slug);
  const create = useCreateHook(slug);
  const update = useUpdateHook(slug, hook?.id ?? "");
  const [url, setUrl] = useState(hook?.url ?? "https://");
  const [description, setDescription] = useState(hook?.description ?? "");
  const [chosen, setChosen] = useState<string[]>(hook?.event_types ?? ["record.created"]);
  const [filter, setFilter] = useState<RecordFilter>({ blueprints: hook?.blueprints ?? [], fields: hook?.fields ?? [] });
  const [headers, setHeaders] = useState<HeaderRow[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<HookEndpointCreated | null>(null);
  const back = hook ? integrationPaths.hook(slug, hook.id) : integrationPaths.home(slug);

  const fail = (error: unknown) => {
    const result = formProblem(error, FIELDS, t);
    setErrors(result.fieldErrors);
    setProblem(result.message);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const found: Errors = {};
    if (!/^https?:\/\/\S+$/i.test(url.trim())) found.url = t("integrations.hooks.urlRequired");
    if (!chosen.length) found.event_types = t("integrations.hooks.eventsRequired");
    setErrors(found);
    if (Object.keys(found).length) return;
    const input = toInput({ url, description, events: chosen, filter }, headers);
    if (hook) {
      update.mutate(input, {
        onSuccess: () => {
          notifications.show({ color: "green", message: t("integrations.hooks.saved") });
          void navigate(back);
        },
        onError: fail,
      });
    } else {
      create.mutate(input, { onSuccess: setCreated, onError: fail });
    }
  };

  return (
    <Stack gap="lg" maw={880}>
      <Stack gap={4}>
        <Anchor component={Link} to={back} size="sm">
          ← {t("integrations.hooks.back")}
        </Anchor>
        <Title order={2}>{hook ? t("integrations.hooks.editTitle") : t("integrations.hooks.newTitle")}</Title>
      </Stack>
      <ProblemAlert message={problem} />
      <Paper withBorder radius="md" p="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="lg">
            <TextInput
              label={t("integrations.hooks.url")}
              description={t("integrations.hooks.urlHelp")}
              value={url}
              onChange={(event) => setUrl(event.currentTarget.value)}
              error={errors.url}
              type="url"
              required
              data-autofocus
            />
            <TextInput
              label={t("integrations.hooks.description")}
              placeholder={t("integrations.hooks.descriptionPlaceholder")}
              value={description}
              onChange={(event) => setDescription(event.currentTarget.value)}
              error={errors.description}
              maxLength={500}
            />
            {events.isPending ? (
              <PageLoader />
            ) : events.isError ? (
              <ProblemAlert message={describeError(events.error, t)} />
            ) : (
              <EventPicker events={events.data.filter((event) => event.type !== TEST_EVENT)} value={chosen} onChange={setChosen} error={errors.event_types} />
            )}
            <Divider />
            <RecordFilters slug={slug} value={filter} onChange={setFilter} errors={{ blueprints: errors.blueprints, fields: errors.fields }} />
            <Divider />
            <HeadersEditor rows={headers} onChange={setHeaders} saved={hook?.header_names ?? []} error={errors.headers} />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to={back}>
                {t("integrations.hooks.cancel")}
              </Button>
              <Button type="submit" loading={create.isPending || update.isPending}>
                {hook ? t("integrations.hooks.save") : t("integrations.hooks.create")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <SecretDialog
        title={t("integrations.hooks.createdTitle")}
        body={t("integrations.hooks.createdBody")}
        label={t("integrations.hooks.secretLabel")}
        secret={created?.secret ?? null}
        onClose={() => created && void navigate(integrationPaths.hook(slug, created.id))}
      />
    </Stack>
  );
}

function EditHook({ tenant, id }: { tenant: Tenant; id: string }) {
  const { t } = useTranslation();
  const hook = useHook(tenant.slug, id);
  if (hook.isPending) return <PageLoader />;
  if (isNotFound(hook.error))
    return <EmptyState title={t("integrations.hooks.notFound")}>{t("integrations.hooks.notFoundBody")}</EmptyState>;
  if (hook.isError) return <ProblemAlert message={describeError(hook.error, t)} />;
  return <HookForm key={hook.data.id} tenant={tenant} hook={hook.data} />;
}

/** `/t/:slug/settings/integrations/hooks/new` and `.../hooks/:hookId/edit`. */
export function HookFormPage() {
  const { t } = useTranslation();
  const tenant = useSettingsTenant();
  const { hookId } = useParams();
  useDocumentTitle(`${hookId ? t("integrations.hooks.editTitle") : t("integrations.hooks.newTitle")} · Loom`);
  if (!canManage(tenant)) return <ProblemAlert message={t("integrations.onlyManagers")} />;
  return hookId ? <EditHook tenant={tenant} id={hookId} /> : <HookForm tenant={tenant} />;
}
