import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue, useDocumentTitle, useMediaQuery } from "@mantine/hooks";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import type { BlueprintSummary, BlueprintVersion, VersionSummary } from "../../api/blueprints";
import { stillIndexing } from "../../api/entities";
import { ApiError } from "../../api/client";
import type { Tenant } from "../../api/types";
import { countText } from "../../app/components/count";
import { EmptyState } from "../../app/components/EmptyState";
import { describeError } from "../../app/components/errors";
import { IconFilter, IconPlus, IconSearch } from "../../app/components/icons";
import { Heading } from "../../app/components/Heading";
import { LazyBoardView } from "../../app/components/LazyBoardView";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { useMeta } from "../../app/meta";
import { paths } from "../../app/paths";
import { OlderVersionsNotice } from "../../features/migrations/OlderVersionsNotice";
import { ExportButton } from "../../features/transfers/ExportButton";
import { ImportButton } from "../../features/transfers/ImportButton";
import { ColumnsMenu } from "../../features/entities/ColumnsMenu";
import { ConflictAlert } from "../../features/entities/ConflictAlert";
import { DeleteRecordDialog } from "../../features/entities/DeleteRecordDialog";
import { FilterBuilder } from "../../app/records/FilterBuilder";
import { IndexingNotice } from "../../features/entities/IndexingNotice";
import { countConditions, emptyFilter, mapFilterErrors, serializeFilter, type FilterGroup } from "../../app/records/filters";
import { defaultVisible, filterFields, gridColumns } from "../../app/records/gridColumns";
import { useEntityList } from "../../features/entities/queries";
import { BulkMoveBar, useSelection } from "../../features/entities/BulkMove";
import { RecordsTable } from "../../features/entities/RecordsTable";
import { RecordCards } from "../../features/entities/RecordCards";
import { GridError } from "../../features/entities/GridError";
import { readGridAddress, writeGridAddress } from "../../features/entities/gridAddress";
import { cycleSort, serializeSort, type SortKey } from "../../features/entities/sort";
import { useRecordActions } from "../../features/entities/useRecordActions";
import { useLayout } from "../../features/entities/useLayout";
import { useSavedViews } from "../../features/entities/useSavedViews";
import { ViewsControl } from "../../features/entities/ViewsControl";
import { configFromGrid, viewFromRecord } from "../../features/entities/views";
import { canEdit, canManage } from "../../app/roles";
import { LoadMore } from "../../app/components/LoadMore";

interface RecordsViewProps {
  tenant: Tenant;
  /** The blueprint; with its versions, records on older ones can be migrated from here. */
  blueprint: BlueprintSummary & { versions?: VersionSummary[] };
  version: BlueprintVersion;
}

/** The records of one blueprint: search, filters, sorting, columns, saved views, CSV and the grid. */
export function RecordsView({ tenant, blueprint, version }: RecordsViewProps) {
  const { t } = useTranslation();
  const meta = useMeta();
  const navigate = useNavigate();
  const { slug, timezone: timeZone } = tenant;
  const edits = canEdit(tenant);
  const grid = useMemo(() => gridColumns(version.columns, t), [version.columns, t]);
  const fields = useMemo(() => filterFields(grid), [grid]);
  const saved = useSavedViews(slug, blueprint.key);
  const views = useMemo(() => saved.views.map((record) => viewFromRecord(record, fields, timeZone)), [saved.views, fields, timeZone]);
  const [params, setParams] = useSearchParams();
  const [address] = useState(() => readGridAddress(params, fields, timeZone));
  const [viewId, setViewId] = useState<string | null>(address.view);
  const [search, setSearch] = useState(address.q);
  const [q] = useDebouncedValue(search.trim(), 300);
  const [sorts, setSorts] = useState<SortKey[]>(address.sorts);
  const [visible, setVisible] = useState(() => defaultVisible(version.columns));
  const [draft, setDraft] = useState<FilterGroup>(() => address.filter ?? emptyFilter());
  const [applied, setApplied] = useState<FilterGroup | null>(address.filter);
  const small = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const [filterOpen, setFilterOpen] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const actions = useRecordActions(slug, timeZone);
  const { layout, groupBy, setLayout } = useLayout();
  const board = layout === "board";
  useDocumentTitle(`${blueprint.name} · Loom`);

  const serialized = useMemo(() => (applied ? serializeFilter(applied, fields, timeZone) : null), [applied, fields, timeZone]);
  const filterParam = serialized?.tree ? JSON.stringify(serialized.tree) : null;
  const sortParam = serializeSort(sorts);

  // The address follows the grid (replacing, not adding, history entries) so reload, Back and links restore it.
  useEffect(() => {
    const state = { q, sort: sortParam, filter: filterParam, view: viewId };
    if (writeGridAddress(params, state).toString() === params.toString()) return;
    setParams((current) => writeGridAddress(current, state), { replace: true });
  }, [q, sortParam, filterParam, viewId]);

  // A view named in the address shows its columns once the saved views have loaded.
  const [viewColumnsShown, setViewColumnsShown] = useState(!address.view);
  useEffect(() => {
    if (viewColumnsShown || saved.query.isPending) return;
    const view = views.find((candidate) => candidate.id === address.view);
    const keys = view ? view.visible.filter((key) => grid.some((column) => column.key === key)) : [];
    if (keys.length) setVisible(keys);
    setViewColumnsShown(true);
  }, [views, saved.query.isPending]);
  const query = useEntityList(slug, { blueprint: blueprint.key, q, sort: sortParam, filter: filterParam }, !board);
  const invalid = query.error instanceof ApiError && query.error.isValidation ? query.error : null;
  const serverErrors = invalid ? mapFilterErrors(invalid.fieldErrors, serialized?.paths ?? {}) : null;
  const otherMessages = invalid
    ? Object.entries(invalid.fieldErrors).filter(([key]) => !key.startsWith("filter")).flatMap(([, messages]) => messages)
    : [];

  useEffect(() => {
    if (serverErrors && (serverErrors.general.length || Object.keys(serverErrors.conditions).length)) setFilterOpen(true);
  }, [query.error]);

  const entities = query.data?.pages.flatMap((page) => page.items) ?? [];
  const selection = useSelection(entities);
  const count = query.data?.pages[0]?.count; // only the first page counts; it stays while more load
  const indexing = stillIndexing(query.data?.pages);
  const shown = grid.filter((column) => visible.includes(column.key));
  const active = applied ? countConditions(applied) : 0;

  const apply = () => {
    const result = serializeFilter(draft, fields, timeZone);
    const found = Object.fromEntries(Object.entries(result.problems).map(([id, problem]) => [id, t(`values.problems.${problem}`)]));
    setProblems(found);
    if (Object.keys(found).length) return;
    setApplied(result.tree ? draft : null);
    setViewId(null);
  };
  const clear = () => {
    setDraft(emptyFilter());
    setApplied(null);
    setProblems({});
    setViewId(null);
  };
  const selectView = (id: string) => {
    const view = views.find((candidate) => candidate.id === id);
    if (!view) return;
    setDraft(view.filter);
    setApplied(countConditions(view.filter) ? view.filter : null);
    setSorts(view.sorts);
    const keys = view.visible.filter((key) => grid.some((column) => column.key === key));
    setVisible(keys.length ? keys : defaultVisible(version.columns));
    setLayout(view.layout, view.groupBy);
    setViewId(view.id);
    setProblems({});
  };
  const saveView = async (name: string): Promise<string | null> => {
    try {
      const shown = configFromGrid(applied, sorts, visible, fields, timeZone);
      const config = board ? { ...shown, layout, group_by: groupBy } : shown;
      const record = await saved.save.mutateAsync({ name, config });
      setViewId(String(record.id));
      return null;
    } catch (error) {
      const messages = error instanceof ApiError ? error.fieldErrors.name : undefined;
      return messages?.length ? messages.join(" ") : describeError(error, t);
    }
  };
  const removeView = async (id: string): Promise<string | null> => {
    try {
      await saved.remove.mutateAsync(id);
      setViewId(null);
      return null;
    } catch (error) {
      return describeError(error, t);
    }
  };

  let body;
  if (board)
    body = (
      <LazyBoardView
        tenant={tenant}
        blueprint={blueprint}
        columns={version.columns}
        groupBy={groupBy}
        onGroupBy={(key) => {
          setLayout("board", key);
          setViewId(null);
        }}
      />
    );
  else if (query.isPending) body = <PageLoader />;
  else if (query.isError && !invalid) body = <GridError error={query.error} onRetry={() => void query.refetch()} retrying={query.isRefetching} />;
  else if (query.isError) body = otherMessages.length ? <ProblemAlert message={otherMessages.join(" ")} /> : null;
  else if (!entities.length && !indexing)
    body =
      q || active ? (
        <EmptyState title={t("records.noMatch")}>{t("records.noMatchBody")}</EmptyState>
      ) : (
        <EmptyState title={t("records.empty")}>{t("records.emptyBody")}</EmptyState>
      );
  else
    body = (
      <Stack gap="sm">
        {indexing && <IndexingNotice />}
        {entities.length > 0 && small && (
          <RecordCards label={t("records.gridLabel", { name: blueprint.name })} columns={shown} entities={entities} timeZone={timeZone} slug={slug} />
        )}
        {entities.length > 0 && !small && (
          <RecordsTable
            label={t("records.gridLabel", { name: blueprint.name })}
            columns={shown}
            entities={entities}
            sorts={sorts}
            onSort={(column, additive) => {
              setSorts((current) => cycleSort(current, column, additive));
              setViewId(null);
            }}
            onSave={actions.saveCell}
            onDelete={actions.askDelete}
            timeZone={timeZone}
            slug={slug}
            readOnly={!edits}
            selection={edits ? selection : undefined}
          />
        )}
        <LoadMore query={query} label={t("records.loadMore")} />
      </Stack>
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Heading
          title={blueprint.name}
          size="h1"
          intro={
            <>
              {t("records.versionNote", { number: version.number })}{" "}
              {canManage(tenant) && (
                <Anchor component={Link} to={paths.design(slug, blueprint.key)} size="sm">
                  {t("records.design")}
                </Anchor>
              )}
            </>
          }
        />
        {edits && (
          <Button leftSection={<IconPlus />} onClick={() => void navigate(paths.newRecord(slug, blueprint.key))}>
            {t("records.newRecord")}
          </Button>
        )}
      </Group>
      <Group gap="xs" wrap="wrap" align="flex-end">
        <SegmentedControl
          aria-label={t("board.layout")}
          data={[
            { value: "grid", label: t("board.grid") },
            { value: "board", label: t("board.board") },
          ]}
          value={layout}
          onChange={(next) => {
            setLayout(next === "board" ? "board" : "grid");
            setViewId(null);
          }}
        />
        {!board && (
          <>
            <TextInput
              label={t("records.search")}
              placeholder={t("records.searchPlaceholder")}
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              w={260}
            />
            <Button
              variant={filterOpen ? "light" : "default"}
              leftSection={<IconFilter size={16} />}
              aria-expanded={filterOpen}
              aria-controls="records-filter"
              onClick={() => setFilterOpen((open) => !open)}
            >
              {t("records.filter")}
            </Button>
            {active > 0 && <Badge variant="light">{t("records.activeFilters", { count: active })}</Badge>}
            <ColumnsMenu
              columns={grid}
              visible={visible}
              onChange={(keys) => {
                setVisible(keys);
                setViewId(null);
              }}
            />
          </>
        )}
        <ViewsControl views={views} current={viewId} onSelect={selectView} onSave={saveView} onRemove={removeView} loading={saved.query.isPending} />
        <ExportButton slug={slug} query={{ blueprint: blueprint.key, filter: filterParam, sort: sortParam, q: q || null }} />
        {edits && <ImportButton slug={slug} blueprintKey={blueprint.key} columns={version.columns} />}
        {count && !board && (
          <Text size="sm" c="dimmed" ml="auto" aria-live="polite">
            {countText(t, count.exact ? "records.count" : "records.countAbout", count.value)}
          </Text>
        )}
      </Group>
      {filterOpen && !board && (
        <FilterBuilder
          id="records-filter"
          value={draft}
          onChange={setDraft}
          fields={fields}
          known={meta.column_types}
          onApply={apply}
          onClear={clear}
          conditionErrors={{ ...(serverErrors?.conditions ?? {}), ...problems }}
          generalErrors={serverErrors?.general ?? []}
        />
      )}
      {actions.conflict && (
        <ConflictAlert
          onReload={() => {
            actions.clearConflict();
            void query.refetch();
          }}
        />
      )}
      {blueprint.versions && <OlderVersionsNotice slug={slug} blueprintKey={blueprint.key} versions={blueprint.versions} timeZone={timeZone} />}
      {!board && (
        <Text size="xs" c="dimmed">
          {t("records.help")}
        </Text>
      )}
      {edits && !board && (
        <BulkMoveBar
          slug={slug}
          blueprintKey={blueprint.key}
          blueprintName={blueprint.name}
          selection={selection}
          recordHref={(id) => paths.record(slug, id)}
        />
      )}
      {body}
      <DeleteRecordDialog
        opened={!!actions.deleting}
        onClose={actions.cancelDelete}
        onConfirm={actions.confirmDelete}
        loading={actions.deletePending}
        problem={actions.deleteProblem}
      />
    </Stack>
  );
}
