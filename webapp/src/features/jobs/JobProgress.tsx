// Shared by every feature that starts background work: it lives in app/components.
export { JobProgress } from "../../app/components/JobProgress";
