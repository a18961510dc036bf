// The rule object: metadata (with its documentation) plus `create`, which returns visitors
// that the engine calls while it walks the module model once for all rules.
import type { CallSite, FunctionInfo, LoopInfo, ModuleModel } from '../model/model';
import type { JsModel } from '../model/js-model';
import type { SNode, SourceFile } from '../parse/syntax';
import type { Settings } from '../config/settings';
import type { RuleMeta, Severity } from '../types';

/** An edit in UTF-16 offsets of the analysed source. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

export interface FixSpec {
  edits: OffsetEdit[];
  safety: 'safe' | 'unsafe';
  /** Defaults to the rule's `fixTitle`. */
  title?: string;
}

export interface Report {
  node: SNode;
  /** Key into `meta.messages`; defaults to `default`. */
  messageId?: string;
  data?: Record<string, string | number>;
  fix?: FixSpec;
  /** Other locations that explain the finding, shown with it in editors. */
  related?: { node: SNode; message: string }[];
  /** Lower (or raise) this finding's default severity when the code shows the rule's cost is smaller (a CPU-only script). */
  severity?: Severity;
  /**
   * `low` when the code shows the pattern but no evidence that the work it wastes is large
   * (see `workload.ts`): such findings are kept back unless `confidence = "low"`.
   */
  confidence?: 'low';
  /** Why the finding is low confidence, said at the end of its message (a general reason when absent). */
  why?: string;
}

export interface RuleContext {
  readonly model: ModuleModel;
  readonly file: SourceFile;
  readonly settings: Settings;
  /** Absolute path of the analysed file ('' when unknown). */
  readonly path: string;
  readonly cwd: string;
  report(r: Report): void;
}

/** The same, for a TypeScript or JavaScript file. */
export interface JsRuleContext extends Omit<RuleContext, 'model'> {
  readonly model: JsModel;
}

export interface Visitor {
  call?(call: CallSite): void;
  loop?(loop: LoopInfo): void;
  function?(fn: FunctionInfo): void;
  /** After every call, loop and function was visited. */
  end?(): void;
}

export interface Rule {
  meta: RuleMeta;
  /** The Python detector (scripts and notebooks). */
  create(ctx: RuleContext): Visitor;
  /** The TypeScript/JavaScript detector, for rules whose concept exists there. */
  createJs?(ctx: JsRuleContext): Visitor;
}
