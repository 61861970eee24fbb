import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { CrashPage } from "./components/CrashPage";
import { MetaGate } from "./meta";
import { createQueryClient } from "./queryClient";
import { routes } from "./router";
import { ErrorBoundary } from "./sentry";
import { theme } from "./theme";
import { useSessionCache } from "./useSessionCache";

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
    <MantineProvider theme={theme} env={env}>
      <ErrorBoundary fallback={<CrashPage />}>
        <QueryClientProvider client={queryClient}>
          <Notifications position="bottom-right" limit={3} />
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
