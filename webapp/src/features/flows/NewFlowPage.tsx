import { Alert, Anchor, Input, Radio, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useId } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { getBlueprint, getBlueprintVersion } from "../../api/blueprints";
import { type DiagramPools, listDiagramPools } from "../../api/flowImports";
import type { FlowInput, FlowTemplateKey } from "../../api/flows";
import type { Steps } from "../../api/flowSteps";
import { formProblem } from "../../app/components/errors";
import { LabelledSelect } from "../../app/components/LabelledSelect";
import { NewItemForm, NewItemPage } from "../../app/components/NewItemForm";
import { paths } from "../../app/paths";
import { blueprintKeys } from "../../api/queries/blueprints";
import { usePublishedBlueprints } from "../../app/usePublishedBlueprints";
import { DIAGRAM_FILES, readDiagramFile } from "./designer/ImportExport";
import { PoolImport } from "./PoolImport";
import { flowPaths } from "./paths";
import { useCreateFlow, useFlowTemplates } from "./queries";
import { templateLine } from "./templateLine";
import { DescriptionField } from "../../app/components/DescriptionField";

const FIELDS = ["name", "blueprint", "description", "template", "xml"] as const;

type Start = "steps" | "empty" | "import" | FlowTemplateKey;

interface Values {
  name: string;
  blueprint: string | null;
  start: Start;
  description: string;
}

function NewFlowForm({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateFlow(slug);
  const queryClient = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const templates = useFlowTemplates(slug);
  const { list: blueprints, published } = usePublishedBlueprints(slug);
  const [problem, setProblem] = useState<string | null>(null);
  // A diagram with several pools: each becomes a flow, chosen for on its own screen.
  const [pooled, setPooled] = useState<{ xml: string; found: DiagramPools } | null>(null);
  const wanted = params.get("blueprint");
  const startWith = params.get("start");
  const form = useForm<Values>({
    initialValues: { name: "", blueprint: wanted, start: (startWith as Values["start"] | null) ?? "steps", description: "" },
    validate: {
      name: (value) => (value.trim() ? null : t("flows.create.nameRequired")),
      blueprint: (value) => (value ? null : t("flows.create.blueprintRequired")),
    },
  });

  /** An empty steps table on the blueprint's first choice field, or null when it has none. */
  const emptySteps = async (key: string): Promise<Steps | null> => {
    const found = await getBlueprint(slug, key);
    const number = found.published_version?.number;
    const columns = number ? (await getBlueprintVersion(slug, key, number)).columns : found.draft.columns;
    const state = columns.find((column) => column.type === "choice");
    return state ? { version: 1, state: state.key, transitions: [] } : null;
  };

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setFileError(null);
    const input: FlowInput & { steps?: Steps } = { name: values.name.trim(), blueprint: values.blueprint! };
    if (values.description.trim()) input.description = values.description.trim();
    if (values.start === "steps") {
      const steps = await emptySteps(values.blueprint!).catch(() => null);
      if (!steps) return form.setFieldError("start", t("flowSteps.start.stepsNeedsChoice"));
      input.steps = steps;
    } else if (values.start === "import") {
      if (!file) return setFileError(t("flowStart.fileRequired"));
      const xml = await readDiagramFile(file).catch(() => null);
      if (xml === null) return setFileError(file.size ? t("flowStart.fileTooBig", { name: file.name }) : t("flowSteps.start.importFailed"));
      const found = await listDiagramPools(slug, xml).catch(() => null);
      if (found && found.pools.length > 1) return setPooled({ xml, found });
      input.xml = xml;
    } else if (values.start !== "empty") input.template = values.start;
    create.mutate(input, {
      onSuccess: (flow) => {
        // A template may have added its state field to the blueprint (a new version).
        if (input.template) void queryClient.invalidateQueries({ queryKey: blueprintKeys.all(slug) });
        void navigate(flowPaths.design(slug, flow.key));
      },
      onError: (error) => {
        const result = formProblem(error, FIELDS, t);
        const { template, xml, ...fieldErrors } = result.fieldErrors;
        form.setErrors(fieldErrors);
        if (xml) setFileError(xml);
        setProblem([template, result.message].filter(Boolean).join(" ") || null);
      },
    });
  });

  const noBlueprint = blueprints.isSuccess && !published.length;

  if (pooled) {
    return (
      <Stack gap="lg" maw={880}>
        <Title order={1}>{t("flows.create.title")}</Title>
        <PoolImport
          slug={slug}
          xml={pooled.xml}
          found={pooled.found}
          blueprints={published}
          blueprint={form.values.blueprint}
          onBack={() => setPooled(null)}
          onDone={() => void navigate(flowPaths.list(slug))}
        />
      </Stack>
    );
  }

  return (
    <NewItemForm
      title={t("flows.create.title")}
      intro={t("flows.create.intro")}
      maw={680}
      notice={
        noBlueprint && (
          <Alert color="yellow" variant="light" title={t("flows.create.noBlueprintTitle")}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t("flows.create.noBlueprintBody")}</Text>
              <Anchor component={Link} to={paths.blueprints(slug)} size="sm">
                {t("flows.create.openBlueprints")}
              </Anchor>
            </Stack>
          </Alert>
        )
      }
      problem={problem}
      onSubmit={submit}
      cancelTo={flowPaths.list(slug)}
      submitLabel={t("flows.create.submit")}
      submitting={create.isPending}
      submitDisabled={noBlueprint}
    >
      <TextInput
        label={t("flows.create.name")}
        placeholder={t("flows.create.namePlaceholder")}
        autoComplete="off"
        autoFocus
        withAsterisk
        {...form.getInputProps("name")}
      />
      <LabelledSelect
        label={t("flows.create.blueprint")}
        withAsterisk
        placeholder={blueprints.isPending ? t("common.loading") : t("flows.create.blueprintPlaceholder")}
        data={published.map((blueprint) => ({ value: blueprint.key, label: blueprint.name }))}
        searchable
        nothingFoundMessage={t("flows.create.noMatch")}
        description={t("flows.create.blueprintHelp")}
        {...form.getInputProps("blueprint")}
      />
      <Radio.Group label={t("flows.create.startFrom")} {...form.getInputProps("start")}>
        <Stack gap="sm" mt="xs">
          <Radio value="steps" label={t("flowSteps.start.steps")} description={t("flowSteps.start.stepsHelp")} />
          {(templates.data ?? []).map((template) => (
            <Radio
              key={template.key}
              value={template.key}
              label={t("flows.create.template", { name: template.name })}
              description={templateLine(i18n, template)}
            />
          ))}
          <Radio value="import" label={t("flowSteps.start.import")} description={t("flowStart.importLine")} />
          <Radio value="empty" label={t("flows.create.empty")} description={t("flows.create.emptyHelp")} />
        </Stack>
      </Radio.Group>
      {form.values.start === "import" && (
        <div>
          <Input.Label htmlFor={fileId} required>
            {t("flowStart.file")}
          </Input.Label>
          <Input.Description mb={6}>{t("flowStart.fileHelp")}</Input.Description>
          <input
            id={fileId}
            type="file"
            accept={DIAGRAM_FILES}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? `${fileId}-error` : undefined}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              setFileError(null);
            }}
          />
          {fileError && (
            <Input.Error id={`${fileId}-error`} mt={6}>
              {fileError}
            </Input.Error>
          )}
        </div>
      )}
      {templates.isError && (
        <Text size="sm" c="dimmed">
          {t("flows.create.templatesFailed")}
        </Text>
      )}
      <DescriptionField
        label={t("flows.create.description")}
        placeholder={t("flows.create.descriptionPlaceholder")}
        {...form.getInputProps("description")}
      />
    </NewItemForm>
  );
}

/** `/t/:slug/flows/new`: name, blueprint and a starting point; then the designer. */
export function NewFlowPage() {
  const { t } = useTranslation();
  return <NewItemPage title={t("flows.create.title")}>{(tenant) => <NewFlowForm slug={tenant.slug} />}</NewItemPage>;
}
