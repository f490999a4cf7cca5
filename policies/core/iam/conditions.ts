/**
 * Whether a Condition entry actually narrows who can use a statement. Only positive matches
 * narrow: `StringNotEquals`, `Null` and friends say what is excluded, not who is let in.
 */
import { baseOperator, Condition } from "./document";

const POSITIVE = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);
const LIKE = new Set(["stringlike", "arnlike"]);

export interface NarrowingRules {
    /**
     * Refuse `…IfExists` and `ForAllValues:`: both are true when the request lacks the key, so they
     * narrow nothing for callers whose requests do not carry it (aws:SourceAccount on a direct call).
     */
    keyMayBeAbsent?: boolean;
    /** A value that must hold for each condition value (e.g. "names an account"). */
    valueNarrows?: (value: string) => boolean;
}

/** True when `*`/`?` alone make the pattern match anything. */
function matchesAnything(value: string): boolean {
    return /^[*?]*$/.test(value);
}

export function narrows(condition: Condition, rules: NarrowingRules = {}): boolean {
    const base = baseOperator(condition.operator).toLowerCase();
    if (!POSITIVE.has(base)) return false;
    if (rules.keyMayBeAbsent && (/ifexists$/i.test(condition.operator) || /^forallvalues:/i.test(condition.operator))) return false;
    if (condition.values.length === 0) return false;
    // Any one value that admits everyone admits everyone: the values are ORed.
    return condition.values.every((v) => !(LIKE.has(base) && matchesAnything(v)) && (!rules.valueNarrows || rules.valueNarrows(v)));
}

/** Whether any condition on `key` (lower-case) narrows the statement. */
export function narrowedBy(conditions: readonly Condition[], key: string, rules: NarrowingRules = {}): boolean {
    return conditions.some((c) => c.key === key && narrows(c, rules));
}

/** Why a condition does not narrow, in a few words for a message: "StringNotEquals admits every other value". */
export function whyNotNarrowing(condition: Condition): string {
    const op = condition.operator;
    const base = baseOperator(op).toLowerCase();
    if (/ifexists$/i.test(op)) return `${op} is true when the request lacks the key`;
    if (/^forallvalues:/i.test(op)) return `${op} is true when the request lacks the key`;
    if (!POSITIVE.has(base)) return `${op} does not name what is let in`;
    if (condition.values.length === 0) return `${op} over an empty list`;
    const any = condition.values.find((v) => LIKE.has(base) && matchesAnything(v));
    if (any !== undefined) return `${op} ${JSON.stringify(any)} matches anything`;
    return `${op} does not narrow`;
}
