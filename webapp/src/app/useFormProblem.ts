import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formProblem } from "./components/errors";

/**
 * What the server refused of a Mantine form: ``show`` puts each problem of a known field under
 * that field and the rest in ``problem``, the message above the form; ``clear`` empties it again.
 */
export function useFormProblem(form: { setErrors: (errors: Record<string, string>) => void }, fields: readonly string[]) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const show = (error: unknown) => {
    const result = formProblem(error, fields, t);
    form.setErrors(result.fieldErrors);
    setProblem(result.message);
  };
  return { problem, show, clear: () => setProblem(null) };
}
