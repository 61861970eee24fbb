import { Alert, Button, Group, List, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { FlowProblem } from "../../../api/flows";
import { Heading } from "../../../app/components/Heading";
import { refusalText } from "../../../app/components/refusalText";
import type { LintCounts } from "../../../designer/modelerHandle";

interface ProblemListProps {
  problems: FlowProblem[];
  /** The name an element has in the drawing, when it has one. */
  nameOf: (elementId: string) => string | null;
  onSelect: (elementId: string) => void;
}

/**
 * What stops the draft from being published, as the server said on the last
 * save or publish. A problem on an element is a button that selects it.
 */
export function ProblemList({ problems, nameOf, onSelect }: ProblemListProps) {
  const { t, i18n } = useTranslation();
  if (!problems.length) return null;
  return (
    <Paper withBorder radius="md" p="md" bg="var(--mantine-color-red-light)" component="section" aria-labelledby="flow-problems-title">
      <Stack gap="xs">
        <Heading level={2} size="h5" id="flow-problems-title" title={t("flows.problems.title", { count: problems.length })} intro={t("flows.problems.intro")} />
        <List spacing={4} size="sm" listStyleType="none" p={0} m={0}>
          {problems.map((problem, index) => {
            const where = problem.element ? nameOf(problem.element) || problem.element : null;
            const message = refusalText(problem, t, i18n.language);
            const text = where ? t("flows.problems.on", { element: where, message }) : message;
            return (
              <List.Item key={`${problem.element}-${index}`}>
                {problem.element ? (
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    styles={{ label: { whiteSpace: "normal", textAlign: "left" } }}
                    h="auto"
                    py={4}
                    onClick={() => onSelect(problem.element!)}
                  >
                    {text}
                  </Button>
                ) : (
                  <Text size="sm" px={8}>
                    {problem.line ? t("flows.problems.line", { line: problem.line, message }) : text}
                  </Text>
                )}
              </List.Item>
            );
          })}
        </List>
      </Stack>
    </Paper>
  );
}

/** The drawing checks' count, next to the canvas where their marks are. */
export function LintSummary({ counts }: { counts: LintCounts | null }) {
  const { t } = useTranslation();
  if (!counts) return null;
  const clean = counts.errors === 0 && counts.warnings === 0;
  return (
    <Group gap="xs" role="status" aria-live="polite">
      <Text size="sm" fw={500} c={counts.errors ? "red" : counts.warnings ? "yellow" : "green"}>
        {clean
          ? t("flows.lint.clean")
          : t("flows.lint.summary", {
              errors: t("flows.lint.errors", { count: counts.errors }),
              warnings: t("flows.lint.warnings", { count: counts.warnings }),
            })}
      </Text>
      {!clean && (
        <Text size="sm" c="dimmed">
          {t("flows.lint.where")}
        </Text>
      )}
    </Group>
  );
}

/** "Published version N" after a publish, until the next save. */
export function PublishedNote({ number }: { number: number | null }) {
  const { t } = useTranslation();
  if (!number) return null;
  return (
    <Alert color="green" variant="light" role="status" title={t("flows.designer.published", { number })}>
      {t("flows.designer.publishedBody")}
    </Alert>
  );
}
