/**
 * `aws.iam.getPolicyDocument` as the AWS provider renders it, so a program that builds its IAM
 * documents with the data source is judged on the JSON AWS would receive. Facts about the
 * provider's rendering (the Terraform data source `aws_iam_policy_document` it bridges):
 * - the current statements are merged over `sourcePolicyDocuments` (in order; a statement with a
 *   Sid replaces the earlier one with that Sid, duplicate Sids across sources are an error), then
 *   `overridePolicyDocuments` are merged over the result the same way;
 * - `version` defaults to `2012-10-17`, `effect` to `Allow`; a merged document keeps the highest
 *   version; `policyId` becomes `Id`;
 * - `actions`, `notActions`, `resources`, `notResources` and principal identifiers are sets: one
 *   element is written as a string, more as an array sorted in reverse; `&{` becomes `${` (the
 *   provider's escape for policy variables);
 * - principals of one type merge, `{"*": ["*"]}` alone is written `"*"`; condition values keep
 *   their order, one value is written as a string;
 * - object keys come in Go's order: statement fields as declared (Sid, Effect, Action, NotAction,
 *   Resource, NotResource, Principal, NotPrincipal, Condition), map keys sorted; empty fields are
 *   left out; `json` is indented by two spaces, `minifiedJson` is compact; both escape `<`, `>`
 *   and `&` as Go's encoder does; the id is the CRC-32 of `json`.
 */
import { crc32 } from "zlib";

export const GET_POLICY_DOCUMENT = "aws:iam/getPolicyDocument:getPolicyDocument";

type Strings = string | string[];

interface Principal {
    type: string;
    identifiers: Strings;
}
interface Condition {
    test: string;
    variable: string;
    values: Strings;
}
interface Statement {
    sid?: string;
    effect?: string;
    actions?: unknown;
    notActions?: unknown;
    resources?: unknown;
    notResources?: unknown;
    principals?: Principal[];
    notPrincipals?: Principal[];
    conditions?: Condition[];
}
interface Doc {
    version: string;
    id: string;
    statements: Statement[];
}

export class PolicyDocumentError extends Error {}

function list(value: unknown, what: string): string[] {
    if (value === undefined || value === null) return [];
    if (typeof value === "string") return [value];
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw new PolicyDocumentError(`${what} must be a list of strings`);
    return value as string[];
}

const replaceVars = (s: string) => s.split("&{").join("${");

/** The provider's set encoding: one element as a string, more sorted in reverse. */
function setOf(values: readonly string[]): Strings | undefined {
    const unique = [...new Set(values)];
    if (unique.length === 0) return undefined;
    if (unique.length === 1) return unique[0];
    return unique.sort().reverse();
}

function byteOrder(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function sortedObject<T>(entries: Iterable<[string, T]>): Record<string, T> {
    const out: Record<string, T> = {};
    for (const [k, v] of [...entries].sort((a, b) => byteOrder(a[0], b[0]))) out[k] = v;
    return out;
}

/** Principals → `Principal`: `"*"`, or `{type: id | [ids]}` with types sorted. */
function renderPrincipals(principals: readonly Principal[]): unknown {
    if (principals.length === 0) return undefined;
    if (principals.length === 1 && principals[0].type === "*") {
        const ids = principals[0].identifiers;
        if (ids === "*" || (Array.isArray(ids) && ids.length === 1 && ids[0] === "*")) return "*";
    }
    const merged = new Map<string, Strings>();
    for (const p of principals) {
        const have = merged.get(p.type);
        const ids = typeof p.identifiers === "string" ? p.identifiers : [...p.identifiers].sort().reverse();
        if (have === undefined) merged.set(p.type, ids);
        else merged.set(p.type, [...(typeof have === "string" ? [have] : have), ...(typeof ids === "string" ? [ids] : ids)]);
    }
    return sortedObject(merged);
}

function renderConditions(conditions: readonly Condition[]): unknown {
    if (conditions.length === 0) return undefined;
    const tests = new Map<string, Map<string, string[]>>();
    for (const c of conditions) {
        const vars = tests.get(c.test) ?? new Map<string, string[]>();
        tests.set(c.test, vars);
        vars.set(c.variable, [...(vars.get(c.variable) ?? []), ...(typeof c.values === "string" ? [c.values] : c.values)]);
    }
    return sortedObject([...tests].map(([test, vars]) => [test, sortedObject([...vars].map(([v, values]) => [v, values.length === 1 ? values[0] : values]))]));
}

/** A statement in the document's JSON form, keys in the provider's order, empty ones left out. */
function renderStatement(s: Statement): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const put = (key: string, value: unknown) => {
        if (value !== undefined && value !== "") out[key] = value;
    };
    put("Sid", s.sid);
    put("Effect", s.effect);
    put("Action", s.actions);
    put("NotAction", s.notActions);
    put("Resource", s.resources);
    put("NotResource", s.notResources);
    put("Principal", renderPrincipals(s.principals ?? []));
    put("NotPrincipal", renderPrincipals(s.notPrincipals ?? []));
    put("Condition", renderConditions(s.conditions ?? []));
    return out;
}

function principalsFromInput(value: unknown, what: string): Principal[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new PolicyDocumentError(`${what} must be a list of {type, identifiers}`);
    return value.map((p: { type?: unknown; identifiers?: unknown }, i) => {
        if (typeof p?.type !== "string") throw new PolicyDocumentError(`${what}[${i}].type must be a string`);
        const ids = setOf(list(p.identifiers, `${what}[${i}].identifiers`).map(replaceVars));
        if (ids === undefined) throw new PolicyDocumentError(`${what}[${i}].identifiers must not be empty`);
        return { type: p.type, identifiers: ids };
    });
}

function conditionsFromInput(value: unknown, what: string): Condition[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new PolicyDocumentError(`${what} must be a list of {test, variable, values}`);
    return value.map((c: { test?: unknown; variable?: unknown; values?: unknown }, i) => {
        if (typeof c?.test !== "string" || typeof c.variable !== "string") throw new PolicyDocumentError(`${what}[${i}] needs test and variable strings`);
        const values = list(c.values, `${what}[${i}].values`).map(replaceVars);
        return { test: c.test, variable: c.variable, values: values.length === 1 ? values[0] : values };
    });
}

function statementFromInput(s: Record<string, unknown>, i: number): Statement {
    const what = `statements[${i}]`;
    const sid = s.sid === undefined || s.sid === null ? undefined : typeof s.sid === "string" ? s.sid : JSON.stringify(s.sid);
    return {
        sid,
        effect: typeof s.effect === "string" && s.effect !== "" ? s.effect : "Allow",
        actions: setOf(list(s.actions, `${what}.actions`)),
        notActions: setOf(list(s.notActions, `${what}.notActions`)),
        resources: setOf(list(s.resources, `${what}.resources`).map(replaceVars)),
        notResources: setOf(list(s.notResources, `${what}.notResources`).map(replaceVars)),
        principals: principalsFromInput(s.principals, `${what}.principals`),
        notPrincipals: principalsFromInput(s.notPrincipals, `${what}.notPrincipals`),
        conditions: conditionsFromInput(s.conditions, `${what}.conditions`),
    };
}

/** A JSON principal as the provider reads it back: `"*"`, or per type a string or a sorted list. */
function principalsFromJson(value: unknown): Principal[] {
    if (value === undefined || value === null) return [];
    if (typeof value === "string") return [{ type: "*", identifiers: ["*"] }];
    if (typeof value !== "object" || Array.isArray(value)) throw new PolicyDocumentError("a Principal must be a string or an object");
    return Object.entries(value as Record<string, unknown>).map(([type, ids]) => ({ type, identifiers: typeof ids === "string" ? ids : [...list(ids, `Principal.${type}`)].sort() }));
}

function conditionsFromJson(value: unknown): Condition[] {
    if (value === undefined || value === null) return [];
    if (typeof value !== "object" || Array.isArray(value)) throw new PolicyDocumentError("a Condition must be an object");
    const out: Condition[] = [];
    for (const [test, vars] of Object.entries(value as Record<string, unknown>)) {
        if (typeof vars !== "object" || vars === null) continue;
        for (const [variable, values] of Object.entries(vars as Record<string, unknown>)) {
            const vs = typeof values === "boolean" ? String(values) : typeof values === "string" ? [values] : list(values, `Condition.${test}.${variable}`);
            out.push({ test, variable, values: vs });
        }
    }
    return out;
}

function docFromJson(text: unknown, what: string): Doc {
    if (typeof text !== "string") throw new PolicyDocumentError(`${what} must be a JSON string`);
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (e) {
        throw new PolicyDocumentError(`${what} is not JSON (${(e as Error).message})`);
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new PolicyDocumentError(`${what} is not a JSON object`);
    const r = raw as Record<string, unknown>;
    const statements = r.Statement === undefined ? [] : Array.isArray(r.Statement) ? r.Statement : [r.Statement];
    return {
        version: typeof r.Version === "string" ? r.Version : "",
        id: typeof r.Id === "string" ? r.Id : "",
        statements: statements.map((s: Record<string, unknown>) => ({
            sid: typeof s?.Sid === "string" ? s.Sid : undefined,
            effect: typeof s?.Effect === "string" ? s.Effect : undefined,
            // Kept as written: the provider decodes these into an untyped field.
            actions: s?.Action,
            notActions: s?.NotAction,
            resources: s?.Resource,
            notResources: s?.NotResource,
            principals: principalsFromJson(s?.Principal),
            notPrincipals: principalsFromJson(s?.NotPrincipal),
            conditions: conditionsFromJson(s?.Condition),
        })),
    };
}

/** The provider's merge: adopt the newer Id and a higher Version; a statement with a known Sid replaces it. */
function merge(into: Doc, next: Doc): void {
    if (next.id) into.id = next.id;
    if (next.version > into.version) into.version = next.version;
    for (const s of next.statements) {
        const at = s.sid ? into.statements.findIndex((e) => e.sid === s.sid) : -1;
        if (at >= 0) into.statements[at] = s;
        else into.statements.push(s);
    }
}

/** Go's encoder escapes these for HTML safety; the provider's JSON carries the escapes. */
function goEscape(json: string): string {
    return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export interface RenderedPolicyDocument {
    id: string;
    json: string;
    minifiedJson: string;
}

/** Renders a getPolicyDocument call's inputs as the provider does. Throws PolicyDocumentError on input the provider refuses. */
export function renderPolicyDocument(inputs: Record<string, unknown>): RenderedPolicyDocument {
    const merged: Doc = { version: "", id: "", statements: [] };
    const sources = inputs.sourcePolicyDocuments;
    if (sources !== undefined && sources !== null) {
        if (!Array.isArray(sources)) throw new PolicyDocumentError("sourcePolicyDocuments must be a list of JSON strings");
        const sids = new Set<string>();
        sources.forEach((text, i) => {
            if (text === null || text === undefined || text === "") return;
            const doc = docFromJson(text, `sourcePolicyDocuments[${i}]`);
            for (const s of doc.statements) {
                if (!s.sid) continue;
                if (sids.has(s.sid)) throw new PolicyDocumentError(`duplicate Sid (${s.sid}) in sourcePolicyDocuments[${i}]`);
                sids.add(s.sid);
            }
            merge(merged, doc);
        });
    }
    const current: Doc = {
        version: typeof inputs.version === "string" && inputs.version !== "" ? inputs.version : "2012-10-17",
        id: typeof inputs.policyId === "string" ? inputs.policyId : "",
        statements: [],
    };
    const statements = inputs.statements ?? [];
    if (!Array.isArray(statements)) throw new PolicyDocumentError("statements must be a list");
    const sids = new Set<string>();
    statements.forEach((s: Record<string, unknown>, i) => {
        const statement = statementFromInput(s ?? {}, i);
        if (statement.sid) {
            if (sids.has(statement.sid)) throw new PolicyDocumentError(`duplicate Sid (${statement.sid})`);
            sids.add(statement.sid);
        }
        current.statements.push(statement);
    });
    merge(merged, current);
    const overrides = inputs.overridePolicyDocuments;
    if (overrides !== undefined && overrides !== null) {
        if (!Array.isArray(overrides)) throw new PolicyDocumentError("overridePolicyDocuments must be a list of JSON strings");
        overrides.forEach((text, i) => {
            if (text !== null && text !== undefined && text !== "") merge(merged, docFromJson(text, `overridePolicyDocuments[${i}]`));
        });
    }
    const doc: Record<string, unknown> = {};
    if (merged.version) doc.Version = merged.version;
    if (merged.id) doc.Id = merged.id;
    if (merged.statements.length) doc.Statement = merged.statements.map(renderStatement);
    const json = goEscape(JSON.stringify(doc, null, 2));
    return { id: String(crc32(json)), json, minifiedJson: goEscape(JSON.stringify(doc)) };
}
