/**
 * Whether a policy document is one IAM reads as its author meant: it parses, uses the current
 * policy language, has the elements its kind requires, and names resources its actions can reach.
 * IAM accepts some of these mistakes without an error and then ignores the part in question.
 */
import { Expansion, expandAction, splitAction } from "./actions";
import { arnProblem } from "./arn";
import { Glob, PatternReach, reachOfExpansion, reaches, resourceGlobOf } from "./reach";
import { isUnknown } from "../wire";
import type { Finding } from "../finding";
import { DocumentKind, Parsed, Statement, inStatement, preview, shortList } from "./document";
import { DocumentFinding, documentFindings, ParsedDocument, SECRET_ACTION_FIX, statementFinding } from "./located";

export const CURRENT_VERSION = "2012-10-17";

const KIND_NAMES: Record<DocumentKind, string> = { identity: "an identity policy", trust: "a trust policy", key: "a key policy" };

/** Every problem of a document of the given kind; nothing for an unknown document. */
export function documentProblems(parsed: Parsed, kind: DocumentKind): DocumentFinding[] {
    if (parsed.ok === "unknown") return [];
    if (parsed.ok === false) return parsed.problems;
    const problems: DocumentFinding[] = [];
    const version = parsed.version;
    const versionFix = `set Version: "${CURRENT_VERSION}"`;
    if (version === undefined) problems.push({ code: "version-missing", problem: "Version is not set, so IAM reads the document in the 2008 language, where policy variables are plain text", value: undefined, fix: versionFix });
    else if (version !== CURRENT_VERSION && !isUnknown(version)) problems.push({ code: "version-old", problem: `Version is not ${CURRENT_VERSION}`, value: preview(version), fix: versionFix });
    problems.push(...parsed.problems);
    const sids = new Set<string>();
    for (const statement of parsed.statements) {
        if (statement.sid !== undefined && statement.sid !== "" && sids.has(statement.sid)) {
            problems.push({ code: "sid-repeated", ...inStatement(`statement ${statement.index + 1}`), problem: "repeats the Sid of an earlier statement, which IAM rejects", value: preview(statement.sid), fix: "give each statement its own Sid" });
        }
        if (statement.sid !== undefined) sids.add(statement.sid);
        problems.push(...statementProblems(statement, kind));
    }
    return problems;
}

/**
 * iam-policy-document-valid: every problem of every document, located. An attached AWS managed
 * policy is AWS's document, not the program's: its validity is not the program's to fix.
 */
export function documentValidityFindings(documents: readonly ParsedDocument[]): Finding[] {
    return documentFindings(documents, (d) => (d.managed ? [] : documentProblems(d.parsed, d.kind)));
}

/**
 * One Action or NotAction entry as the checks below read it: as written (for messages), trimmed,
 * split into service and name (undefined for `*` and for a malformed entry) and expanded, once for
 * all three checks of the statement.
 */
interface ActionEntry {
    entry: string;
    text: string;
    parts: { service: string; name: string } | undefined;
    expansion: Expansion | undefined;
}

function actionEntries(entries: readonly string[] | undefined): ActionEntry[] {
    const out: ActionEntry[] = [];
    for (const entry of entries ?? []) {
        const text = entry.trim();
        const parts = text === "*" ? undefined : splitAction(text);
        out.push({ entry, text, parts, expansion: parts ? expandAction(text) : undefined });
    }
    return out;
}

/** Adds a statement's problem; `whenSecret` is its wording for a secret document, when the problem or fix names the document's text. */
type At = (code: string, problem: string, value: unknown, fix: string, whenSecret?: DocumentFinding["whenSecret"]) => void;

function statementProblems(statement: Statement, kind: DocumentKind): DocumentFinding[] {
    const problems: DocumentFinding[] = [];
    const at: At = (code, problem, value, fix, whenSecret) => problems.push(statementFinding(statement.label, code, problem, preview(value), fix, whenSecret));
    const hasResource = statement.resources !== undefined || statement.notResources !== undefined;
    const hasPrincipal = statement.principal !== undefined || statement.notPrincipal !== undefined;

    if (kind === "identity" && hasPrincipal) at("principal-in-identity-policy", `has a Principal, which ${KIND_NAMES.identity} cannot have (the principal is whoever holds the policy)`, "Principal", "remove Principal, or move the statement to a resource or trust policy");
    if (kind !== "identity" && !hasPrincipal) at("principal-missing", `has no Principal, which ${KIND_NAMES[kind]} needs`, undefined, kind === "trust" ? 'name who may assume the role in Principal (e.g. {"Service": "ec2.amazonaws.com"})' : "name who may use the key in Principal");
    if (kind === "trust" && hasResource) at("resource-in-trust-policy", "has a Resource, which a trust policy cannot have (the resource is the role itself)", "Resource", "remove Resource from the trust policy");
    if (kind !== "trust" && !hasResource) at("resource-missing", `has no Resource, which ${KIND_NAMES[kind]} needs`, undefined, kind === "key" ? 'set Resource: "*" (in a key policy it means this key)' : "set Resource to the ARNs the statement applies to");

    const actions = actionEntries(statement.actions);
    const notActions = actionEntries(statement.notActions);
    for (const list of [actions, notActions]) {
        for (const a of list) if (a.text !== "*" && !a.parts) at("action-malformed", "has an action that is not of the form service:action", a.entry, 'write actions as "service:Action", e.g. "kms:Decrypt"');
    }
    const arns: string[] = [];
    for (const [field, values] of [["Resource", statement.resources], ["NotResource", statement.notResources]] as const) {
        for (const resource of values ?? []) {
            if (resource === "*") continue;
            const problem = arnProblem(resource);
            // The reason quotes the part that is wrong (an account id, a partition): the secret's text.
            if (problem) at("resource-not-arn", `${field} ${problem}`, resource, 'use "*" or a full ARN, e.g. arn:aws:kms:us-east-1:111122223333:key/…', { problem: `${field} is not a well-formed ARN` });
            else if (field === "Resource") arns.push(resource);
        }
    }
    for (const list of [actions, notActions]) unknownActionProblems(list, statement, kind, at);
    if (kind !== "trust" && arns.length > 0) {
        const { unreached, dead } = reachProblems(statement, actions, arns);
        // A statement none of whose actions can be reached grants nothing: the dead actions say it all.
        const allDead = dead.length === actions.length;
        for (const resource of allDead ? [] : unreached) {
            at("resource-unreached", `Resource matches none of the statement's actions (${shortList(statement.actions ?? [])}), so IAM ignores it`, resource, "move it to a statement whose actions apply to it, or remove it", {
                problem: "Resource matches none of the statement's actions, so IAM ignores it",
            });
        }
        for (const { entry, reach } of dead) {
            const verdict = statement.effect === "Allow" ? "so the grant is dead" : "so the Deny denies nothing";
            // The resource types are the action's: for a secret document, they tell what it grants.
            at("dead-grant", `names an action that none of the statement's Resources can reach, ${verdict}`, entry, `give it a Resource of a type it applies to: ${shortList(reach.types, 3)}`, { fix: "give it a Resource of a type it applies to" });
        }
    }
    return problems;
}

/**
 * The Resources no action of the statement can reach (seed 003's KMS key ARN under S3 actions),
 * and the Action entries none of its Resources can reach (seed 003's `s3:ListBucket` on
 * `bucket/*` only, `s3:GetObject` on a bucket ARN, `kms:Decrypt` on an alias ARN: dead grants).
 * Matched to resource types for TYPED_SERVICES, by service elsewhere (reach.ts). Judged only when
 * every action is known: a `*`, NotAction, a typo, an unknown value or an untyped action listed
 * without resource types leaves the statement's reach open.
 */
function reachProblems(statement: Statement, actions: readonly ActionEntry[], arns: readonly string[]): ReachProblems {
    if (!statement.actions || statement.unknown.includes("Action")) return NO_REACH_PROBLEMS;
    const reachOf: Array<{ entry: string; reach: PatternReach }> = [];
    for (const { entry, expansion } of actions) {
        if (expansion?.status !== "ok") return NO_REACH_PROBLEMS;
        const reach = reachOfExpansion(expansion);
        if (!reach) return NO_REACH_PROBLEMS;
        reachOf.push({ entry, reach });
    }
    const globs: Glob[] = [];
    const unreached: string[] = [];
    for (const arn of arns) {
        const glob = resourceGlobOf(arn);
        if (glob === undefined) continue;
        globs.push(glob);
        if (!reachOf.some(({ reach }) => reaches(reach, glob))) unreached.push(arn);
    }
    // Dead grants need every Resource known and specific: "*" and NotResource reach everything.
    const open = statement.unknown.includes("Resource") || statement.resources?.includes("*") || globs.length < arns.length;
    const dead = open ? [] : reachOf.filter(({ reach }) => reach.typed && !globs.some((glob) => reaches(reach, glob)));
    return unreached.length === 0 && dead.length === 0 ? NO_REACH_PROBLEMS : { unreached, dead };
}

interface ReachProblems {
    unreached: readonly string[];
    dead: ReadonlyArray<{ entry: string; reach: PatternReach }>;
}

/** Most statements' answer, shared (never changed by a caller). */
const NO_REACH_PROBLEMS: ReachProblems = Object.freeze({ unreached: Object.freeze([]), dead: Object.freeze([]) });

/**
 * Action entries that name nothing in the catalog, in a service it has. Near misses (`kms:Decrpyt`) are
 * iam-least-privilege-actions' finding in identity documents, with a suggestion; every other
 * unknown action (`s3:HeadBucket`, an API call, not an IAM action) is reported here, as are near
 * misses in trust and key policies, which that policy does not read.
 */
function unknownActionProblems(entries: readonly ActionEntry[], statement: Statement, kind: DocumentKind, at: At): void {
    for (const { entry, text, parts, expansion } of entries) {
        if (!parts || !expansion) continue;
        if (expansion.status !== "unknown-action" && expansion.status !== "unknown-service") continue;
        if (expansion.suggestion && kind === "identity") continue;
        const verb = statement.effect === "Allow" ? "grants" : "denies";
        if (expansion.status === "unknown-service") {
            // A service with no near miss is retired (deepracer, mobilehub: AWS's own policies still
            // name them) or newer than the catalog: failing a deployment on it would be noise.
            if (expansion.suggestion) at("unknown-service", `names a service IAM does not have, so it ${verb} nothing`, entry, `use ${expansion.suggestion}:${parts.name} (did you mean the ${expansion.suggestion} service?)`, { fix: SECRET_ACTION_FIX });
            continue;
        }
        const covering = API_CALLS[text.toLowerCase()];
        const fix = expansion.suggestion
            ? `use ${expansion.suggestion} (did you mean it?)`
            : covering
              ? `use ${covering}: ${text} is an API call that IAM authorizes with it`
              : `use an action of ${parts.service} from the AWS Service Authorization Reference (API calls are often authorized by another action); if AWS added it after keyguard's catalog was built, update keyguard or exempt this resource`;
        // Each fix names the entry, a near miss of it or its service: for a secret document, its text.
        at("unknown-action", `names an action IAM does not have, so it ${verb} nothing`, entry, fix, { fix: SECRET_ACTION_FIX });
    }
}

/** API calls written as actions, and the IAM action that authorizes each (Amazon S3 API Reference). */
const API_CALLS: Readonly<Record<string, string>> = {
    "s3:headbucket": "s3:ListBucket",
    "s3:headobject": "s3:GetObject",
    "s3:listobjects": "s3:ListBucket",
    "s3:listobjectsv2": "s3:ListBucket",
    "s3:deleteobjects": "s3:DeleteObject",
    "s3:copyobject": "s3:GetObject and s3:PutObject",
    "s3:createmultipartupload": "s3:PutObject",
    "s3:uploadpart": "s3:PutObject",
    "s3:completemultipartupload": "s3:PutObject",
};
