// The German texts are i18next JSON files in locales/de/, named as the English ones.

import deMain from "./locales/de/main.json";
import deAccount from "./locales/de/account.json";
import deAdmin from "./locales/de/admin.json";
import deBoard from "./locales/de/board.json";
import deBulkMove from "./locales/de/bulkMove.json";
import deData from "./locales/de/data.json";
import deDecisions from "./locales/de/decisions.json";
import deDesign from "./locales/de/design.json";
import deFlowErrors from "./locales/de/flowErrors.json";
import deFlows from "./locales/de/flows.json";
import deFlowstart from "./locales/de/flowstart.json";
import deIntegrations from "./locales/de/integrations.json";
import deMessages from "./locales/de/messages.json";
import deNotify from "./locales/de/notify.json";
import dePools from "./locales/de/pools.json";
import dePublish from "./locales/de/publish.json";
import deRecordState from "./locales/de/recordState.json";
import deRecords from "./locales/de/records.json";
import deSteps from "./locales/de/steps.json";
import deTeam from "./locales/de/team.json";
import deWork from "./locales/de/work.json";
import deRecordsTools from "./locales/de/recordsTools.json";
import type { Translations } from "./en";
import type { SameKeys } from "./sameKeys";

/** German texts (formal "Sie"). The type makes a missing key a compile error; i18n.test.ts also refuses extra ones. */
const de: SameKeys<Translations> = {
  ...deMain,
  ...deAccount,
  ...deAdmin,
  ...deBoard,
  ...deBulkMove,
  ...deData,
  ...deDecisions,
  ...deDesign,
  ...deFlowErrors,
  ...deFlows,
  ...deFlowstart,
  ...deIntegrations,
  ...deMessages,
  ...deNotify,
  ...dePools,
  ...dePublish,
  ...deRecordState,
  ...deRecords,
  ...deSteps,
  ...deTeam,
  ...deWork,
  ...deRecordsTools,
};

export default de;
