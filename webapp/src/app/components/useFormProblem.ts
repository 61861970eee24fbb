import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formProblem, type FormProblem } from "./errors";

/** The one thing the hook needs of a Mantine form. */
interface FormWithErrors {
  setErrors: (errors: Record<string, string>) => void;
}

/**
 * What went wrong with a form's last submission: `show` puts the server's messages under the
 * form's own fields and keeps the rest as `problem`, for the alert above the form; `clear` forgets
 * it when the form is sent again.
 */
export function useFormProblem(form: FormWithErrors, fields: readonly string[]) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  return {
    problem,
    clear: () => setProblem(null),
    show: (error: unknown): FormProblem => {
      const result = formProblem(error, fields, t);
      form.setErrors(result.fieldErrors);
      setProblem(result.message);
      return result;
    },
  };
}
