import { useQuery } from "@tanstack/react-query";
import { listAdminHookAttempts } from "../../api/adminHooks";
import { AttemptsView } from "../../features/integrations/AttemptsTable";
import { browserZone } from "../format";
import { adminKeys } from "../queries";

/** Each attempt of one delivery, as the back office sees it (the owners' view of attempts, read through the admin API). */
export function AttemptsTable({ deliveryId, live }: { deliveryId: string; live: boolean }) {
  const attempts = useQuery({
    queryKey: adminKeys.list("hookAttempts", deliveryId),
    queryFn: ({ signal }) => listAdminHookAttempts(deliveryId, signal),
    refetchInterval: live ? 5000 : false,
  });
  return <AttemptsView attempts={attempts} timeZone={browserZone()} />;
}
