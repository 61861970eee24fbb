import { Button, Stack } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router-dom";
import { ApiError } from "../../api/client";
import type { InboxItem } from "../../api/inbox";
import type { Tenant } from "../../api/types";
import { EmptyState } from "../../app/components/EmptyState";
import { describeError } from "../../app/components/errors";
import { Heading } from "../../app/components/Heading";
import { PageLoader } from "../../app/components/PageLoader";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import { TenantGate } from "../../app/components/TenantGate";
import { filtersFromParams, filtersToParams, hasFilters, inboxQuery, NO_FILTERS, type InboxFilterState } from "./inboxFilters";
import { InboxFilters } from "./InboxFilters";
import { InboxTable } from "./InboxTable";
import { useClaim, useInbox } from "../../api/queries/work";
import { TransitionDialog } from "./TransitionDialog";
import { transitionProblem } from "../../app/components/transitionErrors";
import { LoadMore } from "../../app/components/LoadMore";
import { pagedItems } from "../../api/queries/shared";

function Inbox({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const { slug, timezone: timeZone } = tenant;
  // The filters live in the address, so a filtered inbox can be bookmarked, shared and gone back to.
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const setFilters = (next: InboxFilterState) => setParams(filtersToParams(next), { replace: true, preventScrollReset: true });
  const [fieldsOpen, setFieldsOpen] = useState(() => !!filters.filter);
  const [completing, setCompleting] = useState<InboxItem | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const query = useInbox(slug, inboxQuery(filters));
  const claim = useClaim(slug);

  const invalid = query.error instanceof ApiError && query.error.isValidation ? query.error : null;
  const filterErrors = invalid ? Object.fromEntries(Object.entries(invalid.fieldErrors).filter(([key]) => key.startsWith("filter"))) : null;
  const otherErrors = invalid ? Object.entries(invalid.fieldErrors).filter(([key]) => !key.startsWith("filter")).flatMap(([, messages]) => messages) : [];
  const items = pagedItems(query.data);

  const onClaim = (item: InboxItem, take: boolean) => {
    setProblem(null);
    claim.mutate(
      { item, claim: take },
      {
        onSuccess: () =>
          notifications.show({ message: t(take ? "work.inbox.claimed" : "work.inbox.unclaimed", { label: item.label }), color: "green" }),
        onError: (error) => setProblem(transitionProblem(error, [], t).message),
      },
    );
  };
  const showAll = () => {
    setFilters(NO_FILTERS);
    setFieldsOpen(false);
  };

  let body;
  if (query.isPending) body = <PageLoader />;
  else if (query.isError && !invalid) body = <ProblemAlert message={describeError(query.error, t)} />;
  else if (query.isError) body = otherErrors.length ? <ProblemAlert message={otherErrors.join(" ")} /> : null;
  else if (!items.length)
    body = hasFilters(filters) ? (
      <EmptyState
        title={t("work.inbox.noMatch")}
        action={
          <Button variant="default" onClick={showAll}>
            {t("work.inbox.clearAll")}
          </Button>
        }
      >
        {t("work.inbox.noMatchBody")}
      </EmptyState>
    ) : (
      <EmptyState title={t("work.inbox.empty")}>{t("work.inbox.emptyBody")}</EmptyState>
    );
  else
    body = (
      <Stack gap="sm">
        <InboxTable
          slug={slug}
          timeZone={timeZone}
          items={items}
          claimingId={claim.isPending ? (claim.variables?.item.id ?? null) : null}
          onClaim={onClaim}
          onComplete={(item) => {
            setProblem(null);
            setCompleting(item);
          }}
        />
        <LoadMore query={query} label={t("work.inbox.loadMore")} />
      </Stack>
    );

  return (
    <Stack gap="md">
      <Heading title={t("work.inbox.title")} intro={t("work.inbox.intro")} introWidth={720} />
      <InboxFilters
        slug={slug}
        timeZone={timeZone}
        value={filters}
        onChange={setFilters}
        fieldsOpen={fieldsOpen}
        onToggleFields={() => setFieldsOpen((open) => !open)}
        filterErrors={filterErrors}
      />
      <ProblemAlert message={problem} />
      {body}
      <TransitionDialog
        slug={slug}
        timeZone={timeZone}
        item={completing}
        onClose={() => setCompleting(null)}
        onConflict={setProblem}
      />
    </Stack>
  );
}

/** `/t/:slug/inbox`: every step that waits for a person, to claim and complete. */
export function InboxPage() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  useDocumentTitle(`${t("work.inbox.title")} · Loom`);
  return <TenantGate slug={slug}>{(tenant) => <Inbox tenant={tenant} />}</TenantGate>;
}
