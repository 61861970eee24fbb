import { useState } from "react";
import { getFlowPublishPreview, type FlowProblem } from "../../api/flows";
import type { PublishPreviewView } from "../../app/components/PublishDialog";
import { usePublishFlow } from "./queries";

/**
 * Publishing a flow in two steps, as the drawing and the steps editor both do: ask the server what
 * publishing would change (the dialog shows the answer), then publish what the dialog showed.
 */
export function useFlowPublishing(slug: string, flowKey: string) {
  const publishing = usePublishFlow(slug, flowKey);
  const [preview, setPreview] = useState<PublishPreviewView | null>(null);
  const [checking, setChecking] = useState(false);

  /** Fetches the preview for the dialog, each problem written as `line` says; answers the problems. */
  const check = async (line: (problem: FlowProblem) => string): Promise<FlowProblem[]> => {
    setChecking(true);
    try {
      const answer = await getFlowPublishPreview(slug, flowKey);
      setPreview({ ...answer, problems: answer.problems.map(line) });
      return answer.problems;
    } finally {
      setChecking(false);
    }
  };

  /** Publishes with the given lock version; the dialog closes whether it worked or not. */
  const confirm = async (lockVersion: number) => {
    try {
      return await publishing.mutateAsync(lockVersion);
    } finally {
      setPreview(null);
    }
  };

  return { preview, checking, publishing: publishing.isPending, check, confirm, cancel: () => setPreview(null) };
}
