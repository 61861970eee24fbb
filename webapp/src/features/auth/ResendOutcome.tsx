import { Alert } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { describeError } from "../../app/components/errors";
import { ProblemAlert } from "../../app/components/ProblemAlert";
import type { useResendConfirmation } from "./useResendConfirmation";

interface ResendOutcomeProps {
  resend: ReturnType<typeof useResendConfirmation>;
  /** What to say once the email went out again (it names the address). */
  sent: string;
}

/** How sending the confirmation email again went: that it went out, or why not; nothing before. */
export function ResendOutcome({ resend, sent }: ResendOutcomeProps) {
  const { t } = useTranslation();
  if (resend.isError) return <ProblemAlert message={describeError(resend.error, t)} />;
  if (!resend.isSuccess) return null;
  return (
    <Alert color="green" variant="light" role="status">
      {sent}
    </Alert>
  );
}
