// The engine API (`dist/engine.js`): create an analyzer once, then analyse documents
// synchronously. Also exports the rule metadata and fix application for tools and tests.
export { Analyzer, createAnalyzer, languageOf, ruleInfo, MAX_SOURCE_CHARS } from './analyzer';
export { matchesSelector, unknownSelectors } from './config/selectors';
export type { AnalyzerOptions, AnalyzeOptions, AnalysisResult } from './analyzer';
export { applyNotebookFixes, applyTextFixes } from './fix/apply';
export { RULES } from './rules/registry';
export { DEFAULT_SETTINGS, type Settings } from './config/settings';
export { findConfig, findPyproject, loadConfig, loadPyproject, readSettings } from './config/pyproject';
export type * from './types';
