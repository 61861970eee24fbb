// Shared by every feature that starts background work: it lives in app/components.
export { JOB_POLL_MS, jobKeys, useJob, useRememberJob } from "../../app/components/useJob";
