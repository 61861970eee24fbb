import { Anchor, Text } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { logout } from "../../api/auth";
import { AuthCard } from "../../app/components/AuthCard";
import { PageLoader } from "../../app/components/PageLoader";
import { safeNext } from "../../app/validation";
import { useSession } from "../../app/useSession";
import { TwoFactorSetup } from "./TwoFactorSetup";

/** From day 31 without two-step sign-in, this is the only page: set it up, or sign out. */
export function TwoFactorRequiredPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { user } = useSession();
  useDocumentTitle(`${t("account.setup.title")} · Loom`);
  const next = safeNext(params.get("next"));
  // Read once: the set-up turns `required` off before the recovery codes are shown.
  const [required] = useState(() => Boolean(user?.two_factor?.required));
  if (!user) return <PageLoader />;
  // Opened by hand while nothing is required: the account settings do the same, and more.
  if (!required) return <Navigate to="/account" replace />;

  const signOut = async () => {
    await logout().catch(() => undefined);
    void navigate("/signin", { replace: true });
  };

  return (
    <AuthCard
      title={t("account.setup.requiredTitle")}
      footer={
        <Anchor component="button" type="button" onClick={() => void signOut()}>
          {t("account.setup.signOut")}
        </Anchor>
      }
    >
      <Text size="sm">{t("account.setup.requiredBody")}</Text>
      <TwoFactorSetup user={user} onDone={() => void navigate(next, { replace: true })} />
    </AuthCard>
  );
}
