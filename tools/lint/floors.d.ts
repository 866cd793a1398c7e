// Types of floors.js (plain JS, because eslint.config.js loads it without a TypeScript step).
import type { Rule } from 'eslint';

export declare const FLOORS: Readonly<Record<string, readonly string[]>>;
export declare function assertFloorsAcyclic(floors?: Readonly<Record<string, readonly string[]>>): void;
declare const plugin: { rules: { floors: Rule.RuleModule } };
export default plugin;
