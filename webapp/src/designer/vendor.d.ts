/**
 * Types for the bpmn.io packages that ship none. Only what Loom uses is
 * declared, loosely: these libraries are plain JavaScript.
 */

declare module "bpmn-js-properties-panel" {
  export const BpmnPropertiesPanelModule: Record<string, any>;
  export const BpmnPropertiesProviderModule: Record<string, any>;
  export function useService<T = any>(name: string, strict?: boolean): T;
}

declare module "@bpmn-io/properties-panel" {
  type Entry = (props: any) => any;
  export const TextFieldEntry: Entry;
  export const TextAreaEntry: Entry;
  export const SelectEntry: Entry;
  export const Group: Entry;
  export const ListGroup: Entry;
  export function isTextFieldEntryEdited(node: HTMLElement | null): boolean;
  export function isTextAreaEntryEdited(node: HTMLElement | null): boolean;
  export function isSelectEntryEdited(node: HTMLElement | null): boolean;
}

declare module "bpmn-js-bpmnlint" {
  const LintModule: Record<string, any>;
  export default LintModule;
}

declare module "bpmnlint/lib/resolver/static-resolver" {
  import type { Config, Resolver, RuleFactory } from "bpmnlint/lib/types";
  class StaticResolver implements Resolver {
    constructor(cache: Record<string, RuleFactory | Config>);
    resolveRule(pkg: string, ruleName: string): RuleFactory;
    resolveConfig(pkg: string, configName: string): Config;
  }
  export default StaticResolver;
}

declare module "bpmnlint/lib/linter" {
  import type { Config, Resolver, Report } from "bpmnlint/lib/types";
  class Linter {
    constructor(options: { config: Config; resolver: Resolver });
    lint(definitions: unknown): Promise<Record<string, (Report & { category: string })[]>>;
  }
  export default Linter;
}

declare module "bpmnlint/rules/*" {
  import type { RuleFactory } from "bpmnlint/lib/types";
  const rule: RuleFactory;
  export default rule;
}

declare module "bpmn-moddle" {
  interface ModdleElementLike {
    $type: string;
    get(name: string): any;
    set(name: string, value: unknown): void;
    [key: string]: any;
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    create(type: string, attrs?: Record<string, unknown>): ModdleElementLike;
    fromXML(xml: string, type?: string): Promise<{ rootElement: ModdleElementLike; warnings: unknown[] }>;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}
