import { Alert, Button, Group, Text } from "@mantine/core";

export type ConflictAlertProps = {
  /** Says that someone else saved first. */
  message: string;
  /** The button's text: reload, or load the latest version. */
  action: string;
  onReload: () => void;
  color?: string;
  disabled?: boolean;
};

/** Shown when a save met a newer version of what was being edited (409): says so and offers to load it. */
export function ConflictAlert({ message, action, onReload, color = "dark", disabled }: ConflictAlertProps) {
  return (
    <Alert color="orange" variant="light" role="alert">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm">{message}</Text>
        <Button size="xs" variant="white" color={color} onClick={onReload} disabled={disabled}>
          {action}
        </Button>
      </Group>
    </Alert>
  );
}
