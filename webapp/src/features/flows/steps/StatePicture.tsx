import { List, Paper, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Column } from "../../../api/blueprints";
import type { Steps } from "../../../api/flowSteps";
import { stateName } from "./describe";
import { movesOf, statesReport } from "./statesReport";

const WIDTH = 440;
const LABEL_CHARS = 22; // longer labels end in … (the full label is the arrow's tooltip)
const NODE_W = 150;
const NODE_H = 44;
const GAP = 40;
const LEFT = (WIDTH - NODE_W) / 2;

/**
 * The states as boxes (in the state column's order) and the buttons as arrows
 * between them: forward moves on the right, moves back on the left, dashed for
 * automatic ones. States nobody can reach and states with no way out are
 * marked in words, and listed under the picture.
 */
function short(label: string): string {
  return label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label;
}

export function StatePicture({ steps, stateColumn }: { steps: Steps; stateColumn: Column }) {
  const { t } = useTranslation();
  const titleId = useId();
  const marker = useId().replace(/:/g, "");
  const options = (stateColumn.options ?? []).map((option) => option.value);
  const report = statesReport(steps, options);
  const moves = movesOf(steps);
  const top = (state: string) => 8 + options.indexOf(state) * (NODE_H + GAP);
  const height = Math.max(1, options.length) * (NODE_H + GAP);
  const seen = new Map<string, number>();
  const name = (state: string) => stateName(stateColumn, state);
  const warningsOf = (state: string) => [
    ...(report.unreachable.includes(state) ? [t("flowSteps.picture.unreachable")] : []),
    ...(report.deadEnds.includes(state) ? [t("flowSteps.picture.deadEnd")] : []),
  ];

  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Title order={2} size="h5" id={titleId}>
          {t("flowSteps.picture.title")}
        </Title>
        <svg width="100%" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={t("flowSteps.picture.label")} style={{ maxWidth: WIDTH }}>
          <defs>
            <marker id={marker} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#495057" />
            </marker>
          </defs>
          {moves.map((move, i) => {
            if (!options.includes(move.from) || !options.includes(move.to)) return null;
            const pair = `${move.from}>${move.to}`;
            const nth = seen.get(pair) ?? 0;
            seen.set(pair, nth + 1);
            const y1 = top(move.from) + NODE_H / 2;
            const y2 = top(move.to) + NODE_H / 2;
            const dash = move.timer ? "4 3" : undefined;
            if (move.from === move.to) {
              const x = LEFT + NODE_W;
              const r = 14 + nth * 6;
              return (
                <g key={i}>
                  <path d={`M ${x} ${y1 - 8} C ${x + r * 2} ${y1 - r * 2}, ${x + r * 2} ${y1 + r * 2}, ${x} ${y1 + 8}`} fill="none" stroke="#495057" strokeDasharray={dash} markerEnd={`url(#${marker})`} />
                  <text x={x + r * 2 - 4} y={y1 + 4} fontSize="10" fill="#212529">
                    <title>{move.label}</title>
                    {short(move.label)}
                  </text>
                </g>
              );
            }
            const forward = y2 > y1;
            const x = forward ? LEFT + NODE_W : LEFT;
            const bend = (forward ? 1 : -1) * (24 + Math.abs(options.indexOf(move.to) - options.indexOf(move.from)) * 10 + nth * 12);
            return (
              <g key={i}>
                <path d={`M ${x} ${y1} C ${x + bend} ${y1}, ${x + bend} ${y2}, ${x} ${y2}`} fill="none" stroke="#495057" strokeDasharray={dash} markerEnd={`url(#${marker})`} />
                <text x={x + bend * 0.75} y={(y1 + y2) / 2} fontSize="10" fill="#212529" textAnchor={forward ? "start" : "end"}>
                  <title>{move.label}</title>
                  {short(move.label)}
                </text>
              </g>
            );
          })}
          {options.map((state) => {
            const warnings = warningsOf(state);
            const start = steps.initial === state;
            return (
              <g key={state}>
                <rect x={LEFT} y={top(state)} width={NODE_W} height={NODE_H} rx={8} fill={warnings.length ? "#fff4e6" : "#f1f3f5"} stroke={warnings.length ? "#e8590c" : start ? "#364fc7" : "#868e96"} strokeWidth={start ? 2.5 : 1.5} strokeDasharray={warnings.length ? "5 3" : undefined} />
                <text x={WIDTH / 2} y={top(state) + (warnings.length ? 18 : 27)} fontSize="13" fontWeight={600} textAnchor="middle" fill="#212529">
                  {start ? `▶ ${name(state)}` : name(state)}
                </text>
                {warnings.length > 0 && (
                  <text x={WIDTH / 2} y={top(state) + 34} fontSize="9.5" textAnchor="middle" fill="#a63c00">
                    {`⚠ ${warnings.join(" · ")}`}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
        <List size="sm" spacing={2} aria-label={t("flowSteps.picture.listLabel")}>
          {options.map((state) => {
            const warnings = warningsOf(state);
            return (
              <List.Item key={state}>
                <Text span size="sm" fw={600}>
                  {name(state)}
                </Text>
                {steps.initial === state && <Text span size="sm">{` · ${t("flowSteps.picture.start")}`}</Text>}
                <Text span size="sm" c={warnings.length ? "orange" : "dimmed"}>
                  {` · ${
                    warnings.length
                      ? warnings.join(" · ")
                      : t(state === options[options.length - 1] ? "flowSteps.picture.end" : "flowSteps.picture.fine")
                  }`}
                </Text>
              </List.Item>
            );
          })}
        </List>
        <Text size="xs" c="dimmed">
          {steps.initial ? t("flowSteps.picture.explainInitial", { state: name(steps.initial) }) : t("flowSteps.picture.explainNoInitial")}{" "}
          {options.length > 0 && t("flowSteps.picture.explainLast", { state: name(options[options.length - 1]) })}
        </Text>
      </Stack>
    </Paper>
  );
}
