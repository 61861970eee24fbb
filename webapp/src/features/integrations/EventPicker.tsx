import { Checkbox, Fieldset, Input, SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { HookEventType } from "../../api/hooks";
import { eventLabel, groupEvents } from "./events";

interface EventPickerProps {
  events: HookEventType[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | null;
}

/** The events a hook calls for, grouped (records, flows, inbox...), in plain words. */
export function EventPicker({ events, value, onChange, error }: EventPickerProps) {
  const { t } = useTranslation();
  const chosen = new Set(value);
  const toggle = (types: string[], on: boolean) => {
    const next = new Set(value);
    for (const type of types) {
      if (on) next.add(type);
      else next.delete(type);
    }
    onChange(events.map((event) => event.type).filter((type) => next.has(type)));
  };

  return (
    <Input.Wrapper label={t("integrations.hooks.eventsLabel")} description={t("integrations.hooks.eventsHelp")} error={error} withAsterisk>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
        {groupEvents(events).map((group) => {
          const types = group.events.map((event) => event.type);
          const count = types.filter((type) => chosen.has(type)).length;
          return (
            <Fieldset key={group.key} legend={t(`integrations.events.groups.${group.key}`)} variant="filled" p="sm">
              <Stack gap={6}>
                {types.length > 1 && (
                  <Checkbox
                    label={<Text size="sm" fw={500}>{t("integrations.hooks.all")}</Text>}
                    aria-label={`${t("integrations.hooks.all")}: ${t(`integrations.events.groups.${group.key}`)}`}
                    checked={count === types.length}
                    indeterminate={count > 0 && count < types.length}
                    onChange={(event) => toggle(types, event.currentTarget.checked)}
                  />
                )}
                {group.events.map((event) => (
                  <Checkbox
                    key={event.type}
                    label={eventLabel(t, event.type, event.description)}
                    checked={chosen.has(event.type)}
                    onChange={(change) => toggle([event.type], change.currentTarget.checked)}
                  />
                ))}
              </Stack>
            </Fieldset>
          );
        })}
      </SimpleGrid>
    </Input.Wrapper>
  );
}
