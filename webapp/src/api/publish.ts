/**
 * What publishing a draft (a blueprint's or a flow's) would change against the
 * last published version, and what stops it: the answer of
 * GET .../publish-preview, shared by both designers.
 */

/** One thing added, removed or changed, with what changed in plain sentences. */
export interface PublishChange {
  /** column, order, form (blueprints); transition, timer, state or the BPMN element's kind (flows). */
  kind: string;
  key: string;
  name: string;
  details: string[];
}

export interface PublishChanges {
  added: PublishChange[];
  removed: PublishChange[];
  changed: PublishChange[];
}

export interface PublishPreviewBase {
  /** The number the new version would get. */
  number: number;
  /** Nothing is published yet. */
  first: boolean;
  changes: PublishChanges;
  /** Worth knowing; they do not stop publishing. */
  warnings: string[];
}
