import type { ComponentType } from "react";
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

/** The back office's pages by their address under `/admin` (routePatterns.test.ts reads it too). */
export const PAGES: [string, ComponentType][] = [
  ["users", UsersPage],
  ["users/:id", UserPage],
  ["tenants", TenantsPage],
  ["tenants/:slug", TenantPage],
  ["tenants/:slug/b/:key", RecordsPage],
  ["tenants/:slug/e/:id", RecordPage],
  ["jobs", JobsPage],
  ["hooks", HooksPage],
  ["hooks/deliveries", DeliveriesPage],
  ["mail", MailPage],
  ["audit", AuditPage],
];

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
          {PAGES.map(([path, Page]) => (
            <Route key={path} path={path} element={<Page />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
