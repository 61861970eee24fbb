import { Badge, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { HookEndpoint } from "../../api/hooks";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../../app/format";

/** Off, failing, working, or new: the one word for how a hook is doing. */
export function HealthBadge({ hook }: { hook: HookEndpoint }) {
  const { t } = useTranslation();
  const [color, key] = !hook.enabled
    ? ["gray", "disabled"]
    : hook.health.failure_streak > 0
      ? ["red", "failing"]
      : hook.health.last_success_at
        ? ["green", "healthy"]
        : ["blue", "new"];
  return (
    <Badge color={color} variant="light" tt="none">
      {t(`integrations.hooks.health.${key}`)}
    </Badge>
  );
}

/** The last delivery, the failure streak, and why a hook is off. */
export function HealthDetails({ hook, timeZone }: { hook: HookEndpoint; timeZone: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { health } = hook;
  const last = health.last_attempt_at ? formatDateTime(health.last_attempt_at, timeZone, language) : null;
  return (
    <Stack gap={2}>
      {!hook.enabled && (
        <Text size="sm" c="red">
          {hook.disabled_reason
            ? t("integrations.hooks.health.disabledBecause", { reason: hook.disabled_reason })
            : t("integrations.hooks.health.disabledByHand")}
        </Text>
      )}
      {last && (
        <Text size="sm" c="dimmed">
          {health.last_status_code
            ? t("integrations.hooks.health.lastCode", { date: last, code: health.last_status_code })
            : t("integrations.hooks.health.lastDelivery", { date: last })}
        </Text>
      )}
      {health.failure_streak > 0 && (
        <Text size="sm" c="red">
          {t("integrations.hooks.health.streak", { count: health.failure_streak })}
          {health.last_success_at &&
            ` · ${t("integrations.hooks.health.lastSuccess", { date: formatDateTime(health.last_success_at, timeZone, language) })}`}
        </Text>
      )}
    </Stack>
  );
}
