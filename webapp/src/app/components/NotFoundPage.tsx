import { NotFoundState } from "./NotFoundState";

/** Any address the app has no page for. */
export function NotFoundPage() {
  return <NotFoundState what="page" backTo="/" />;
}
