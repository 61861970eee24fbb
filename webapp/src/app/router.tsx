import type { RouteObject } from "react-router-dom";
import { Outlet, ScrollRestoration } from "react-router-dom";
import { AccountPage } from "../features/account/AccountPage";
import { TwoFactorRequiredPage } from "../features/account/TwoFactorRequiredPage";
import { CheckEmailPage } from "../features/auth/CheckEmailPage";
import { ForgotPasswordPage } from "../features/auth/ForgotPasswordPage";
import { ResetPasswordPage } from "../features/auth/ResetPasswordPage";
import { RequireAuth } from "../features/auth/RequireAuth";
import { SignInPage } from "../features/auth/SignInPage";
import { SignUpPage } from "../features/auth/SignUpPage";
import { BlueprintListPage } from "../features/blueprints/BlueprintListPage";
import { DesignerPage } from "../features/blueprints/designer/DesignerPage";
import { NewBlueprintPage } from "../features/blueprints/NewBlueprintPage";
import { MailboxPage } from "../features/devmail/MailboxPage";
import { EditRecordPage, NewRecordPage } from "../features/entities/RecordFormPage";
import { RecordsPage } from "../features/entities/RecordsPage";
import { FlowListPage } from "../features/flows/FlowListPage";
import { LazyFlowDesignerPage } from "../features/flows/LazyFlowDesignerPage";
import { NewFlowPage } from "../features/flows/NewFlowPage";
import { MessagePage } from "../features/devmail/MessagePage";
import { NewTenantPage } from "../features/tenants/NewTenantPage";
import { TenantHomePage } from "../features/tenants/TenantHomePage";
import { ContactPage } from "../features/support/ContactPage";
import { TenantListPage } from "../features/tenants/TenantListPage";
import { SettingsLayout } from "../features/tenants/SettingsLayout";
import { TenantSettingsPage } from "../features/tenants/TenantSettingsPage";
import { ActivityPage } from "../features/audit/ActivityPage";
import { InvitationPage } from "../features/members/InvitationPage";
import { MembersPage } from "../features/members/MembersPage";
import { TrashPage } from "../features/trash/TrashPage";
import { InboxPage } from "../features/work/InboxPage";
import { IntegrationsPage } from "../features/integrations/IntegrationsPage";
import { HookFormPage } from "../features/integrations/HookFormPage";
import { HookPage } from "../features/integrations/HookPage";
import { LazyAdminApp } from "../admin/LazyAdminApp";
import { NotFoundPage } from "./components/NotFoundPage";
import { RouteError } from "./RouteError";
import { AppLayout } from "./shell/AppLayout";
import { PlainLayout } from "./shell/PlainLayout";
import { PublicLayout } from "./shell/PublicLayout";

function Root() {
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

/** Every page of the app. Paths are part of the product: emails and tests link to them. */
export const routes: RouteObject[] = [
  {
    path: "/",
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: "signin", element: <SignInPage /> },
          { path: "signup", element: <SignUpPage /> },
          { path: "signup/check-email", element: <CheckEmailPage /> },
          { path: "forgot-password", element: <ForgotPasswordPage /> },
          { path: "reset-password", element: <ResetPasswordPage /> },
          { path: "contact", element: <ContactPage /> },
          { path: "invitations/:token", element: <InvitationPage /> },
        ],
      },
      // The back office: its own sign-in, frame and pages (src/admin).
      { path: "admin/*", element: <LazyAdminApp /> },
      {
        element: <PlainLayout />,
        children: [
          { path: "dev/mailbox", element: <MailboxPage /> },
          { path: "dev/mailbox/:id", element: <MessagePage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <PublicLayout />,
            children: [{ path: "setup-two-factor", element: <TwoFactorRequiredPage /> }],
          },
          {
            element: <AppLayout />,
            children: [
              { index: true, element: <TenantListPage /> },
              { path: "account", element: <AccountPage /> },
              { path: "tenants/new", element: <NewTenantPage /> },
              { path: "t/:slug", element: <TenantHomePage /> },
              {
                path: "t/:slug/settings",
                element: <SettingsLayout />,
                children: [
                  { index: true, element: <TenantSettingsPage /> },
                  { path: "members", element: <MembersPage /> },
                  { path: "activity", element: <ActivityPage /> },
                  { path: "integrations", element: <IntegrationsPage /> },
                  { path: "integrations/hooks/new", element: <HookFormPage /> },
                  { path: "integrations/hooks/:hookId", element: <HookPage /> },
                  { path: "integrations/hooks/:hookId/edit", element: <HookFormPage /> },
                ],
              },
              { path: "t/:slug/blueprints", element: <BlueprintListPage /> },
              { path: "t/:slug/blueprints/new", element: <NewBlueprintPage /> },
              { path: "t/:slug/blueprints/:key/design", element: <DesignerPage /> },
              { path: "t/:slug/blueprints/:key", element: <DesignerPage /> },
              { path: "t/:slug/b/:key", element: <RecordsPage /> },
              { path: "t/:slug/b/:key/new", element: <NewRecordPage /> },
              { path: "t/:slug/e/:id", element: <EditRecordPage /> },
              { path: "t/:slug/flows", element: <FlowListPage /> },
              { path: "t/:slug/flows/new", element: <NewFlowPage /> },
              { path: "t/:slug/flows/:key", element: <LazyFlowDesignerPage /> },
              { path: "t/:slug/trash", element: <TrashPage /> },
              { path: "t/:slug/inbox", element: <InboxPage /> },
            ],
          },
        ],
      },
    ],
  },
];
