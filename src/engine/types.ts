// Public shapes of the engine: findings, fixes and rule metadata (DESIGN.md "Contracts").

export type Severity = 'error' | 'warning' | 'info';
export type Language = 'python' | 'notebook' | 'typescript' | 'javascript';

/**
 * A range in a script, or in one notebook cell: 1-based lines and columns, columns in UTF-16
 * code units (what editors use).
 */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Notebooks: 0-based index into the notebook's `cells`; lines then count within that cell. */
  cell?: number;
}

export interface TextEdit extends SourceRange {
  text: string;
}

export interface Fix {
  title: string;
  safety: 'safe' | 'unsafe';
  edits: TextEdit[];
}

export interface Finding extends SourceRange {
  path: string;
  code: string;
  rule: string;
  severity: Severity;
  message: string;
  fix?: Fix;
  /** Other places that explain the finding (e.g. where `model.eval()` is called). */
  related?: RelatedLocation[];
  /**
   * `low` when the code shows the pattern but not that the run it slows down is large (no
   * dataset, model or loop size visible that makes the cost matter). Reported only with
   * `confidence = "low"`; absent means high.
   */
  confidence?: 'low';
}

export interface RelatedLocation extends SourceRange {
  message: string;
}

/** A problem with the file itself (unreadable, broken notebook, bad configuration). */
export interface FileError {
  path: string;
  message: string;
  kind: 'error' | 'warning';
}

export type Category = 'training' | 'search' | 'data' | 'inference' | 'infrastructure';

export interface RuleDocs {
  whatItDoes: string;
  whyBad: string;
  /** A measured figure and its source. */
  evidence: string;
  /** The example and its better form in the rule's first language (Python, or TypeScript for TS/JS-only rules). */
  example: string;
  useInstead: string;
  /** The same in TypeScript/JavaScript, for rules with detectors in both languages. */
  exampleTs?: string;
  useInsteadTs?: string;
  /** What the TypeScript/JavaScript detector checks, for rules with detectors in both languages. */
  whatItDoesTs?: string;
  fixSafety: string;
  fixSafetyTs?: string;
}

export interface RuleMeta {
  code: string;
  name: string;
  category: Category;
  severity: Severity;
  /** One line for `frugal rules` and the README table. */
  summary: string;
  /** Messages by id; `{name}` placeholders are filled from report data. */
  messages: Record<string, string>;
  /** Quick-fix title, when the rule can offer a fix. */
  fixTitle?: string;
  languages: Language[];
  docs: RuleDocs;
}

export interface RuleInfo {
  code: string;
  name: string;
  category: Category;
  severity: Severity;
  summary: string;
  fixable: boolean;
  languages: Language[];
  docs: string;
  /** The saving this project measured for the rule (`npm run evidence`), when it has a pair. */
  measured?: string;
}
