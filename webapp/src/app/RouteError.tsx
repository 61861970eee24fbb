import { useEffect } from "react";
import { useRouteError } from "react-router-dom";
import { CrashPage } from "./components/CrashPage";
import { reportError } from "./sentry";

/** Errors thrown while rendering a route: reported, then the friendly page. */
export function RouteError() {
  const error = useRouteError();
  useEffect(() => reportError(error), [error]);
  return <CrashPage />;
}
