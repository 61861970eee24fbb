import { localStorageColorSchemeManager, MantineProvider } from "@mantine/core";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState, type ReactNode } from "react";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { CrashPage } from "./components/CrashPage";
import { MetaGate } from "./meta";
import { createQueryClient } from "./queryClient";
import { routes } from "./router";
import { ErrorBoundary } from "./sentry";
import { cssVariablesResolver, theme } from "./theme";
import { useSessionCache } from "./useSessionCache";

// The toasts' container (with its transitions) is not needed for the first paint; toasts shown
// before it arrives wait in Mantine's store and appear when it does. They sit at the top in the
// middle, just under the header (styles.css), where pages keep no buttons: page actions are on the
// right of the title row and "Save changes" at the bottom right of a form.
const Notifications = lazy(() => import("@mantine/notifications").then((m) => ({ default: m.Notifications })));

/** Light, dark or the system's choice ("auto", the default), remembered in this browser (ColorSchemeMenu). */
const colorSchemeManager = localStorageColorSchemeManager({ key: "loom-color-scheme" });

function SessionCache({ children }: { children: ReactNode }) {
  useSessionCache();
  return <>{children}</>;
}

/** Everything every page needs: theme, error boundary, data cache, server settings. */
export function Providers({
  children,
  queryClient,
  env = "default",
}: {
  children: ReactNode;
  queryClient: QueryClient;
  /** "test" turns Mantine's transitions off. */
  env?: "default" | "test";
}) {
  return (
    <MantineProvider
      theme={theme}
      env={env}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
      cssVariablesResolver={cssVariablesResolver}
    >
      <ErrorBoundary fallback={<CrashPage />}>
        <QueryClientProvider client={queryClient}>
          <Suspense fallback={null}>
            <Notifications position="top-center" containerWidth={400} limit={3} className="app-notifications" />
          </Suspense>
          <SessionCache>
            <MetaGate>{children}</MetaGate>
          </SessionCache>
        </QueryClientProvider>
      </ErrorBoundary>
    </MantineProvider>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>
  );
}
