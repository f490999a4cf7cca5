/**
 * IAM policy documents (identity, trust and key policies), parsed and normalised into plain data.
 *
 * Reading rules (AWS IAM JSON policy reference):
 * - a document is a JSON string or an object; `Statement` is one statement or a list of them;
 * - Action/NotAction/Resource/NotResource are a string or a list of strings;
 * - Principal/NotPrincipal is "*" or {AWS|Service|Federated|CanonicalUser: string | string[]};
 * - Condition is {operator: {key: value | values}}; values may be strings, numbers or booleans.
 *
 * The parser never throws and does bounded work whatever it is given: documents larger than any
 * customer document AWS accepts, or nested deeper than any real one, are refused with a problem instead of walked.
 * Unknown values (preview) are dropped from the lists they appear in and the field is named in
 * `Statement.unknown`, so a policy skips exactly the checks that depend on them.
 */
import type { Finding, FindingLocation } from "../finding";
import { isUnknown } from "../wire";
import { BoundedCache } from "../memo";

export type DocumentKind = "identity" | "trust" | "key";

/** `*`, or an AWS principal with a wildcard in it (`arn:aws:iam::*:root`): a wildcard principal. */
export function isWildcardPrincipal(aws: string): boolean {
    return aws.includes("*") || aws.includes("?");
}

/** The AWS principal to show for a wildcard statement: `{AWS: "arn:aws:iam::*:root"}`, `{AWS: "*"}`, or `"*"`. */
export function wildcardShown(principal: Principal): unknown {
    const entry = principal.aws.find(isWildcardPrincipal);
    return entry === undefined ? "*" : { AWS: entry };
}

export interface Principal {
    /** True for `Principal: "*"`, `{AWS: "*"}` and partial wildcards (`{AWS: "arn:aws:iam::*:root"}`): all mean everyone. `aws` still lists them. */
    wildcard: boolean;
    aws: string[];
    service: string[];
    federated: string[];
    canonicalUser: string[];
}

export interface Condition {
    /** As written, with any `ForAllValues:`/`ForAnyValue:` prefix and `IfExists` suffix. */
    operator: string;
    /** Lower-cased: AWS matches condition keys case-insensitively (`aws:SourceArn` = `aws:sourcearn`). */
    key: string;
    /** The key as written, for messages. */
    keyAsWritten: string;
    /** Values as strings (`true`, `123` become "true", "123"); unknown values are left out. */
    values: string[];
}

/** The statement fields that can hold unknown values. */
export type StatementField = "Effect" | "Action" | "NotAction" | "Resource" | "NotResource" | "Principal" | "NotPrincipal" | "Condition";

export interface Statement {
    /** Position in the Statement list, from 0. */
    index: number;
    sid?: string;
    /** For messages: `statement 2` (counted from 1) or `statement "KeyAdmin"` when it has a Sid. */
    label: string;
    effect: "Allow" | "Deny";
    /** Undefined when the statement does not have the field. Strings as written (actions are matched case-insensitively). */
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principal?: Principal;
    notPrincipal?: Principal;
    conditions: Condition[];
    /** Fields that hold at least one unknown value (preview): checks that need them must be skipped. */
    unknown: StatementField[];
}

/**
 * Where a statement's findings sit: `{statement: "statement 2"}`. The problem text does not repeat
 * the label, and the report step (located.ts) adds the document's property as `where.path`.
 */
export const inStatement = (label: string): { where: FindingLocation } => ({ where: { statement: label } });

export type Parsed =
    /** Statements with an invalid Effect (or that are not objects) are left out and listed in `problems`. */
    | { ok: true; version: unknown; statements: Statement[]; problems: Finding[]; unknownStatements: number }
    /** Not JSON, not an object, no Statement, too large or too deep. */
    | { ok: false; problems: Finding[] }
    /** The document, or its whole Statement list, is unknown (preview). */
    | { ok: "unknown" };

/** The largest customer document AWS accepts is a 32 KB key policy; four times that cannot be a real one. */
export const MAX_DOCUMENT_CHARS = 128 * 1024;
/** A real document nests 7 levels deep (Statement → Condition → operator → key → values). */
const MAX_DEPTH = 32;
/** Strings and containers walked in an object document before it is refused as too large. */
const MAX_NODES = 20_000;

const PRINCIPAL_KEYS = { AWS: "aws", Service: "service", Federated: "federated", CanonicalUser: "canonicalUser" } as const;
const STATEMENT_KEYS = new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"]);

/** A short stand-in for a value in a message, so nothing huge or deeply nested is serialised. */
export function preview(value: unknown): unknown {
    if (typeof value === "string") return value.length > 200 ? `${value.slice(0, 200)}…` : value;
    if (Array.isArray(value)) return `a list of ${value.length}`;
    if (typeof value === "object" && value !== null) return "an object";
    return value;
}

/** "a, b, c, d and 3 more": lists in messages stay short. */
export function shortList(items: readonly string[], shown = 4): string {
    return items.length <= shown ? items.join(", ") : `${items.slice(0, shown).join(", ")} and ${items.length - shown} more`;
}

function kindOf(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "an object";
    return `a ${typeof value}`;
}

/**
 * Counts nodes and depth, stopping as soon as a bound is crossed; iterative so nesting cannot
 * overflow the stack. Values and their depths go on two stacks, and children are visited in place
 * (no `[value, depth]` pair or `Object.values` list per node): every document of every request passes here.
 */
function withinBounds(root: unknown): "ok" | "deep" | "large" {
    const values: unknown[] = [root];
    const depths: number[] = [0];
    let nodes = 0;
    let chars = 0;
    while (values.length > 0) {
        const value = values.pop();
        const depth = depths.pop()!;
        if (++nodes > MAX_NODES) return "large";
        if (typeof value === "string") {
            chars += value.length;
            if (chars > MAX_DOCUMENT_CHARS) return "large";
            continue;
        }
        if (typeof value !== "object" || value === null) continue;
        if (depth >= MAX_DEPTH) return "deep";
        if (Array.isArray(value)) {
            for (const child of value as unknown[]) {
                values.push(child);
                depths.push(depth + 1);
            }
        } else {
            for (const key in value) {
                if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
                values.push((value as Record<string, unknown>)[key]);
                depths.push(depth + 1);
            }
        }
    }
    return "ok";
}

const SIZE_FIX = "write a policy document of at most 32 KB (IAM allows 6,144 characters for a managed policy, KMS 32 KB for a key policy)";

function refuse(code: string, problem: string, value: unknown, fix: string): Parsed {
    return { ok: false, problems: [{ code, problem, value: preview(value), fix }] };
}

function decode(input: unknown): { doc: unknown } | { parsed: Parsed } {
    if (isUnknown(input)) return { parsed: { ok: "unknown" } };
    if (typeof input === "string") {
        if (input.length > MAX_DOCUMENT_CHARS) {
            return { parsed: refuse("document-too-large", "policy document is larger than AWS accepts for a customer policy", `${input.length} characters`, SIZE_FIX) };
        }
        if (input.trim() === "") return { parsed: refuse("document-empty", "policy document is empty", input, "write a JSON policy document with Version and Statement") };
        try {
            return { doc: JSON.parse(input) };
        } catch (e) {
            // A RangeError here means nesting deep enough to exhaust the parser's stack.
            const detail = e instanceof RangeError ? "nested too deeply" : (e as Error).message;
            return { parsed: refuse("document-not-json", "policy document is not valid JSON", detail.slice(0, 120), "write the policy document as valid JSON (build it with JSON.stringify or aws.iam.getPolicyDocument)") };
        }
    }
    return { doc: input };
}

/**
 * A parse depends only on its input, and it is asked for again: a stack gives many roles the same
 * trust policy, a preview re-judges the same documents, and an attached AWS managed policy is the
 * same object every time (within one request, lib/documents.ts shares each resource's parse among
 * the policies that read it). So it is kept: a string document by
 * content (bounded; a document longer than a key policy may be is parsed afresh), an object one by
 * identity. A Parsed is never changed once made; every reader copies what it reports (located.ts).
 */
const parsedStrings = new BoundedCache<Parsed>(32, 32 * 1024);
const parsedObjects = new WeakMap<object, Parsed>();

/** Parses a policy document. Never throws. */
export function parseDocument(input: unknown): Parsed {
    if (typeof input === "string") return parsedStrings.get(input, () => parseGuarded(input));
    if (typeof input !== "object" || input === null) return parseGuarded(input);
    let parsed = parsedObjects.get(input);
    if (!parsed) parsedObjects.set(input, (parsed = parseGuarded(input)));
    return parsed;
}

function parseGuarded(input: unknown): Parsed {
    try {
        return parseUnsafe(input);
    } catch (e) {
        // Defence in depth: anything this parser missed is a bad document, not a crash.
        return refuse("document-unreadable", "policy document could not be read", (e as Error)?.message ?? String(e), "write the policy document as a JSON object with Version and Statement");
    }
}

function parseUnsafe(input: unknown): Parsed {
    const decoded = decode(input);
    if ("parsed" in decoded) return decoded.parsed;
    const doc = decoded.doc;
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
        return refuse("document-not-object", `policy document is ${kindOf(doc)}, not a JSON object`, doc, "write the policy document as a JSON object with Version and Statement");
    }
    const bounds = withinBounds(doc);
    if (bounds === "deep") return refuse("document-too-deep", "policy document is nested deeper than any IAM document", `more than ${MAX_DEPTH} levels`, "write a policy document with Version and a list of Statement objects");
    if (bounds === "large") return refuse("document-too-large", "policy document is larger than AWS accepts for a customer policy", `more than ${MAX_NODES} values or ${MAX_DOCUMENT_CHARS} characters`, SIZE_FIX);

    const record = doc as Record<string, unknown>;
    const rawStatements = record.Statement;
    if (isUnknown(rawStatements)) return { ok: "unknown" };
    if (rawStatements === undefined || rawStatements === null) {
        return refuse("statement-missing", "policy document has no Statement", preview(Object.keys(record).join(", ") || "{}"), "add a Statement list with at least one statement");
    }
    if (typeof rawStatements !== "object") {
        return refuse("statement-wrong-type", `Statement is ${kindOf(rawStatements)}, not a statement or a list of statements`, rawStatements, "set Statement to a list of statement objects");
    }

    const problems: Finding[] = [];
    const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
    if (list.length === 0) problems.push({ code: "statement-list-empty", problem: "policy document has an empty Statement list", value: preview(list), fix: "add at least one statement" });
    const statements: Statement[] = [];
    let unknownStatements = 0;
    list.forEach((raw, index) => {
        if (isUnknown(raw)) {
            unknownStatements++;
            return;
        }
        const statement = parseStatement(raw, index, problems);
        if (statement === "unknown") unknownStatements++;
        else if (statement) statements.push(statement);
    });
    return { ok: true, version: record.Version, statements, problems, unknownStatements };
}

function labelOf(index: number, sid: unknown): string {
    return typeof sid === "string" && sid !== "" && !isUnknown(sid) ? `statement ${JSON.stringify(preview(sid))}` : `statement ${index + 1}`;
}

function parseStatement(raw: unknown, index: number, problems: Finding[]): Statement | "unknown" | undefined {
    const label = `statement ${index + 1}`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        problems.push({ code: "statement-not-object", ...inStatement(label), problem: `the statement is ${kindOf(raw)}, not an object`, value: preview(raw), fix: "write each statement as an object with Effect, Action and Resource" });
        return undefined;
    }
    const s = raw as Record<string, unknown>;
    const named = labelOf(index, s.Sid);
    const problem = (code: string, text: string, value: unknown, fix: string) => problems.push({ code, ...inStatement(named), problem: text, value: preview(value), fix });

    if (s.Sid !== undefined && typeof s.Sid !== "string") problem("sid-not-string", "Sid is not a string", s.Sid, "set Sid to a string of letters and digits");
    for (const key of Object.keys(s)) {
        if (!STATEMENT_KEYS.has(key)) problem("unknown-element", "has an element IAM does not know", key, `remove it or use one of ${[...STATEMENT_KEYS].join(", ")} (names are case-sensitive)`);
    }
    if (isUnknown(s.Effect)) return "unknown";
    if (s.Effect !== "Allow" && s.Effect !== "Deny") {
        problem("effect-invalid", s.Effect === undefined ? "has no Effect" : "Effect is neither Allow nor Deny", s.Effect, 'set Effect to "Allow" or "Deny" (case-sensitive)');
        return undefined;
    }

    const unknown: StatementField[] = [];
    const strings = (field: "Action" | "NotAction" | "Resource" | "NotResource"): string[] | undefined => {
        const value = s[field];
        if (value === undefined) return undefined;
        if (isUnknown(value)) {
            unknown.push(field);
            return [];
        }
        const items = Array.isArray(value) ? value : [value];
        const out: string[] = [];
        let bad: unknown;
        for (const item of items) {
            if (isUnknown(item)) {
                if (!unknown.includes(field)) unknown.push(field);
            } else if (typeof item === "string") out.push(item);
            else if (bad === undefined) bad = item;
        }
        if (bad !== undefined) problem("element-not-string", `${field} holds ${kindOf(bad)}, not a string`, bad, `write ${field} as a string or a list of strings`);
        else if (items.length === 0) problem("element-empty-list", `${field} is an empty list`, value, `list at least one value in ${field}`);
        else if (out.includes("")) problem("element-empty-string", `${field} holds an empty string`, "", `remove the empty ${field} entry`);
        return out;
    };

    const statement: Statement = {
        index,
        label: named,
        effect: s.Effect,
        conditions: [],
        unknown,
        ...(typeof s.Sid === "string" && !isUnknown(s.Sid) ? { sid: s.Sid } : {}),
    };
    const actions = strings("Action");
    const notActions = strings("NotAction");
    const resources = strings("Resource");
    const notResources = strings("NotResource");
    if (actions) statement.actions = actions;
    if (notActions) statement.notActions = notActions;
    if (resources) statement.resources = resources;
    if (notResources) statement.notResources = notResources;
    if (actions && notActions) problem("action-and-not-action", "has both Action and NotAction", "Action, NotAction", "keep only one of Action and NotAction");
    if (!actions && !notActions) problem("action-missing", "has no Action", undefined, "list the actions the statement grants in Action");
    if (resources && notResources) problem("resource-and-not-resource", "has both Resource and NotResource", "Resource, NotResource", "keep only one of Resource and NotResource");

    for (const field of ["Principal", "NotPrincipal"] as const) {
        if (s[field] === undefined) continue;
        const parsed = parsePrincipal(s[field], field, problem, () => unknown.push(field));
        if (parsed) statement[field === "Principal" ? "principal" : "notPrincipal"] = parsed;
    }
    if (s.Principal !== undefined && s.NotPrincipal !== undefined) problem("principal-and-not-principal", "has both Principal and NotPrincipal", "Principal, NotPrincipal", "keep only one of Principal and NotPrincipal");

    if (s.Condition !== undefined) statement.conditions = parseConditions(s.Condition, problem, () => unknown.includes("Condition") || unknown.push("Condition"));
    return statement;
}

type ProblemSink = (code: string, text: string, value: unknown, fix: string) => void;

function parsePrincipal(value: unknown, field: "Principal" | "NotPrincipal", problem: ProblemSink, markUnknown: () => void): Principal | undefined {
    const principal: Principal = { wildcard: false, aws: [], service: [], federated: [], canonicalUser: [] };
    if (isUnknown(value)) {
        markUnknown();
        return principal;
    }
    if (value === "*") return { ...principal, wildcard: true };
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        problem("principal-wrong-type", `${field} is ${kindOf(value)}, not "*" or an object`, value, `write ${field} as "*" or as {"AWS" | "Service" | "Federated" | "CanonicalUser": string or list}`);
        return undefined;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) problem("principal-empty", `${field} is an empty object`, value, `name at least one principal in ${field}`);
    let marked = false;
    for (const [key, raw] of entries) {
        const target = PRINCIPAL_KEYS[key as keyof typeof PRINCIPAL_KEYS];
        if (!target) {
            problem("principal-unknown-type", `${field} has a principal type IAM does not know`, key, `use AWS, Service, Federated or CanonicalUser (case-sensitive)`);
            continue;
        }
        for (const item of Array.isArray(raw) ? raw : [raw]) {
            if (isUnknown(item)) {
                if (!marked) markUnknown();
                marked = true;
            } else if (typeof item === "string" && item !== "") principal[target].push(item);
            else problem("principal-not-string", `${field}.${key} holds ${item === "" ? "an empty string" : kindOf(item)}, not a principal`, item, `write ${field}.${key} as a string or a list of strings`);
        }
    }
    // IAM does not match part of a principal ARN: `arn:aws:iam::*:root` is read as everyone (POLICIES.md, reading rules).
    if (principal.aws.some(isWildcardPrincipal)) principal.wildcard = true;
    return principal;
}

function parseConditions(value: unknown, problem: ProblemSink, markUnknown: () => void): Condition[] {
    const conditions: Condition[] = [];
    if (isUnknown(value)) {
        markUnknown();
        return conditions;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        problem("condition-wrong-type", `Condition is ${kindOf(value)}, not an object`, value, 'write Condition as {"<operator>": {"<key>": value or list}}');
        return conditions;
    }
    for (const [operator, block] of Object.entries(value as Record<string, unknown>)) {
        if (isUnknown(block)) {
            markUnknown();
            continue;
        }
        if (typeof block !== "object" || block === null || Array.isArray(block)) {
            problem("condition-operator-wrong-type", `Condition operator ${JSON.stringify(preview(operator))} holds ${kindOf(block)}, not an object of keys`, block, `write it as {"${String(preview(operator))}": {"<key>": value or list}}`);
            continue;
        }
        for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
            const values: string[] = [];
            for (const item of Array.isArray(raw) ? raw : [raw]) {
                if (isUnknown(item)) markUnknown();
                else if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") values.push(String(item));
                else problem("condition-value-wrong-type", `Condition key ${JSON.stringify(preview(key))} holds ${kindOf(item)}, not a value`, item, "write condition values as strings, numbers or booleans");
            }
            conditions.push({ operator, key: key.toLowerCase(), keyAsWritten: key, values });
        }
    }
    return conditions;
}

/** The operator without set prefixes and the IfExists suffix: `ForAnyValue:StringLikeIfExists` → `StringLike`. */
export function baseOperator(operator: string): string {
    return operator.replace(/^(ForAllValues|ForAnyValue):/i, "").replace(/IfExists$/i, "");
}
