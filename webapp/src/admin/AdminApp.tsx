import { Navigate, Route, Routes } from "react-router-dom";
import { NotFoundPage } from "../app/components/NotFoundPage";
import { PublicLayout } from "../app/shell/PublicLayout";
import { AdminGate } from "./AdminGate";
import { AdminLayout } from "./AdminLayout";
import { AdminLoginPage } from "./AdminLoginPage";
import { AuditPage } from "./audit/AuditPage";
import { DeliveriesPage } from "./hooks/DeliveriesPage";
import { HooksPage } from "./hooks/HooksPage";
import { JobsPage } from "./jobs/JobsPage";
import { MailPage } from "./mail/MailPage";
import { RecordPage } from "./records/RecordPage";
import { RecordsPage } from "./records/RecordsPage";
import { TenantPage } from "./tenants/TenantPage";
import { TenantsPage } from "./tenants/TenantsPage";
import { UserPage } from "./users/UserPage";
import { UsersPage } from "./users/UsersPage";

/** Everything under `/admin`: its own sign-in, the hardening steps, then the back office. */
export default function AdminApp() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route path="login" element={<AdminLoginPage />} />
      </Route>
      <Route element={<AdminGate />}>
        <Route element={<AdminLayout />}>
          <Route index element={<Navigate to="users" replace />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="users/:id" element={<UserPage />} />
          <Route path="tenants" element={<TenantsPage />} />
          <Route path="tenants/:slug" element={<TenantPage />} />
          <Route path="tenants/:slug/b/:key" element={<RecordsPage />} />
          <Route path="tenants/:slug/e/:id" element={<RecordPage />} />
          <Route path="jobs" element={<JobsPage />} />
          <Route path="hooks" element={<HooksPage />} />
          <Route path="hooks/deliveries" element={<DeliveriesPage />} />
          <Route path="mail" element={<MailPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
