import type { RouteObject } from "react-router-dom";
import { Outlet, ScrollRestoration } from "react-router-dom";
import { CheckEmailPage } from "../features/auth/CheckEmailPage";
import { ForgotPasswordPage } from "../features/auth/ForgotPasswordPage";
import { ResetPasswordPage } from "../features/auth/ResetPasswordPage";
import { RequireAuth } from "../features/auth/RequireAuth";
import { SignInPage } from "../features/auth/SignInPage";
import { SignUpPage } from "../features/auth/SignUpPage";
import { NotFoundPage } from "./components/NotFoundPage";
import { RouteError } from "./RouteError";
import { RouteFocus } from "./RouteFocus";
import { PlainLayout } from "./shell/PlainLayout";
import { PublicLayout } from "./shell/PublicLayout";
import { lazyPage } from "./lazyPage";

// Each page is downloaded when first shown (lazyPage); the sign-in pages and the layouts around
// them come with the first visit. One element per page, shared by the routes that show it, so
// moving between those routes keeps the page mounted.
const contactPage = lazyPage(() => import("../features/support/ContactPage"), "ContactPage");
const invitationPage = lazyPage(() => import("../features/members/InvitationPage"), "InvitationPage");
const adminApp = lazyPage(() => import("../admin/AdminApp"), "default", { fullHeight: true, preload: false });
const mailboxPage = lazyPage(() => import("../features/devmail/MailboxPage"), "MailboxPage");
const messagePage = lazyPage(() => import("../features/devmail/MessagePage"), "MessagePage");
const twoFactorRequiredPage = lazyPage(() => import("../features/account/TwoFactorRequiredPage"), "TwoFactorRequiredPage");
const appLayout = lazyPage(() => import("./shell/AppLayout"), "AppLayout", { fullHeight: true });
const tenantListPage = lazyPage(() => import("../features/tenants/TenantListPage"), "TenantListPage");
const accountPage = lazyPage(() => import("../features/account/AccountPage"), "AccountPage");
const newTenantPage = lazyPage(() => import("../features/tenants/NewTenantPage"), "NewTenantPage");
const tenantHomePage = lazyPage(() => import("../pages/WorkspaceHomePage"), "TenantHomePage");
const settingsLayout = lazyPage(() => import("./shell/SettingsLayout"), "SettingsLayout");
const tenantSettingsPage = lazyPage(() => import("../features/tenants/TenantSettingsPage"), "TenantSettingsPage");
const membersPage = lazyPage(() => import("../features/members/MembersPage"), "MembersPage");
const activityPage = lazyPage(() => import("../features/audit/ActivityPage"), "ActivityPage");
const integrationsPage = lazyPage(() => import("../pages/IntegrationsPage"), "IntegrationsPage");
const hookFormPage = lazyPage(() => import("../features/integrations/HookFormPage"), "HookFormPage");
const hookPage = lazyPage(() => import("../features/integrations/HookPage"), "HookPage");
const blueprintListPage = lazyPage(() => import("../features/blueprints/BlueprintListPage"), "BlueprintListPage");
const newBlueprintPage = lazyPage(() => import("../features/blueprints/NewBlueprintPage"), "NewBlueprintPage");
const designerPage = lazyPage(() => import("../pages/blueprintDesigner/DesignerPage"), "DesignerPage");
const recordsPage = lazyPage(() => import("../pages/records/RecordsPage"), "RecordsPage");
const newRecordPage = lazyPage(() => import("../pages/records/RecordFormPage"), "NewRecordPage");
const editRecordPage = lazyPage(() => import("../pages/records/RecordFormPage"), "EditRecordPage");
const flowListPage = lazyPage(() => import("../features/flows/FlowListPage"), "FlowListPage");
const newFlowPage = lazyPage(() => import("../features/flows/NewFlowPage"), "NewFlowPage");
const flowDesignerPage = lazyPage(() => import("../pages/FlowDesignerPage"), "default", {
  preload: false,
});
const trashPage = lazyPage(() => import("../features/trash/TrashPage"), "TrashPage");
const inboxPage = lazyPage(() => import("../features/work/InboxPage"), "InboxPage");

function Root() {
  return (
    <>
      <ScrollRestoration />
      <RouteFocus />
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
          { path: "contact", element: contactPage },
          { path: "invitations/:token", element: invitationPage },
        ],
      },
      // The back office: its own sign-in, frame and pages (src/admin).
      { path: "admin/*", element: adminApp },
      {
        element: <PlainLayout />,
        children: [
          { path: "dev/mailbox", element: mailboxPage },
          { path: "dev/mailbox/:id", element: messagePage },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <PublicLayout />,
            children: [{ path: "setup-two-factor", element: twoFactorRequiredPage }],
          },
          {
            element: appLayout,
            children: [
              { index: true, element: tenantListPage },
              { path: "account", element: accountPage },
              { path: "tenants/new", element: newTenantPage },
              { path: "t/:slug", element: tenantHomePage },
              {
                path: "t/:slug/settings",
                element: settingsLayout,
                children: [
                  { index: true, element: tenantSettingsPage },
                  { path: "members", element: membersPage },
                  { path: "activity", element: activityPage },
                  { path: "integrations", element: integrationsPage },
                  { path: "integrations/hooks/new", element: hookFormPage },
                  { path: "integrations/hooks/:hookId", element: hookPage },
                  { path: "integrations/hooks/:hookId/edit", element: hookFormPage },
                ],
              },
              { path: "t/:slug/blueprints", element: blueprintListPage },
              { path: "t/:slug/blueprints/new", element: newBlueprintPage },
              { path: "t/:slug/blueprints/:key/design", element: designerPage },
              { path: "t/:slug/blueprints/:key", element: designerPage },
              { path: "t/:slug/b/:key", element: recordsPage },
              { path: "t/:slug/b/:key/new", element: newRecordPage },
              { path: "t/:slug/e/:id", element: editRecordPage },
              { path: "t/:slug/flows", element: flowListPage },
              { path: "t/:slug/flows/new", element: newFlowPage },
              { path: "t/:slug/flows/:key", element: flowDesignerPage },
              { path: "t/:slug/trash", element: trashPage },
              { path: "t/:slug/inbox", element: inboxPage },
            ],
          },
        ],
      },
    ],
  },
];
