import { NotFoundState } from "./NotFoundState";
import { paths } from "../paths";

/** A blueprint that does not exist, is in the Trash, or is not visible (404). */
export function BlueprintNotFound({ slug }: { slug: string }) {
  return <NotFoundState what="blueprint" backTo={paths.blueprints(slug)} />;
}
