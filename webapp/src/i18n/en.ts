// The English texts are i18next JSON files in locales/en/, one per part of the app (main.json: the shell).

import enMain from "./locales/en/main.json";
import enAccount from "./locales/en/account.json";
import enAdmin from "./locales/en/admin.json";
import enBoard from "./locales/en/board.json";
import enBulkMove from "./locales/en/bulkMove.json";
import enData from "./locales/en/data.json";
import enDecisions from "./locales/en/decisions.json";
import enDesign from "./locales/en/design.json";
import enFlowErrors from "./locales/en/flowErrors.json";
import enFlows from "./locales/en/flows.json";
import enFlowstart from "./locales/en/flowstart.json";
import enIntegrations from "./locales/en/integrations.json";
import enMessages from "./locales/en/messages.json";
import enNotify from "./locales/en/notify.json";
import enPools from "./locales/en/pools.json";
import enPublish from "./locales/en/publish.json";
import enRecordState from "./locales/en/recordState.json";
import enRecords from "./locales/en/records.json";
import enSteps from "./locales/en/steps.json";
import enTeam from "./locales/en/team.json";
import enWork from "./locales/en/work.json";
import enRecordsTools from "./locales/en/recordsTools.json";

/** English texts: the reference every other language must match key for key. */
const en = {
  ...enMain,
  ...enAccount,
  ...enAdmin,
  ...enBoard,
  ...enBulkMove,
  ...enData,
  ...enDecisions,
  ...enDesign,
  ...enFlowErrors,
  ...enFlows,
  ...enFlowstart,
  ...enIntegrations,
  ...enMessages,
  ...enNotify,
  ...enPools,
  ...enPublish,
  ...enRecordState,
  ...enRecords,
  ...enSteps,
  ...enTeam,
  ...enWork,
  ...enRecordsTools,
};

export type Translations = typeof en;
export default en;
