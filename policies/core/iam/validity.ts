/**
 * Whether a policy document is one IAM reads as its author meant: it parses, uses the current
 * policy language, has the elements its kind requires, and names resources its actions can reach.
 * IAM accepts some of these mistakes without an error and then ignores the part in question.
 */
import { ActionInfo, expandAction, splitAction } from "./actions";
import { arnProblem, formatToGlob, globsIntersect, parseArn, replaceVariables } from "./arn";
import { isUnknown } from "../wire";
import { DocumentKind, DocumentProblem, Parsed, Statement, preview, shortList } from "./document";

export const CURRENT_VERSION = "2012-10-17";

const KIND_NAMES: Record<DocumentKind, string> = { identity: "an identity policy", trust: "a trust policy", key: "a key policy" };

/** Every problem of a document of the given kind; nothing for an unknown document. */
export function documentProblems(parsed: Parsed, kind: DocumentKind): DocumentProblem[] {
    if (parsed.ok === "unknown") return [];
    if (parsed.ok === false) return parsed.problems;
    const problems: DocumentProblem[] = [];
    const version = parsed.version;
    const versionFix = `set Version: "${CURRENT_VERSION}"`;
    if (version === undefined) problems.push({ problem: "Version is not set, so IAM reads the document in the 2008 language, where policy variables are plain text", value: undefined, fix: versionFix });
    else if (version !== CURRENT_VERSION && !isUnknown(version)) problems.push({ problem: `Version is not ${CURRENT_VERSION}`, value: preview(version), fix: versionFix });
    problems.push(...parsed.problems);
    const sids = new Set<string>();
    for (const statement of parsed.statements) {
        if (statement.sid !== undefined && statement.sid !== "" && sids.has(statement.sid)) {
            problems.push({ statement: statement.index, label: `statement ${statement.index + 1}`, problem: "repeats the Sid of an earlier statement, which IAM rejects", value: preview(statement.sid), fix: "give each statement its own Sid" });
        }
        if (statement.sid !== undefined) sids.add(statement.sid);
        problems.push(...statementProblems(statement, kind));
    }
    return problems;
}

function statementProblems(statement: Statement, kind: DocumentKind): DocumentProblem[] {
    const problems: DocumentProblem[] = [];
    const at = (problem: string, value: unknown, fix: string) => problems.push({ statement: statement.index, label: statement.label, problem, value: preview(value), fix });
    const hasResource = statement.resources !== undefined || statement.notResources !== undefined;
    const hasPrincipal = statement.principal !== undefined || statement.notPrincipal !== undefined;

    if (kind === "identity" && hasPrincipal) at(`has a Principal, which ${KIND_NAMES.identity} cannot have (the principal is whoever holds the policy)`, "Principal", "remove Principal, or move the statement to a resource or trust policy");
    if (kind !== "identity" && !hasPrincipal) at(`has no Principal, which ${KIND_NAMES[kind]} needs`, undefined, kind === "trust" ? 'name who may assume the role in Principal (e.g. {"Service": "ec2.amazonaws.com"})' : "name who may use the key in Principal");
    if (kind === "trust" && hasResource) at("has a Resource, which a trust policy cannot have (the resource is the role itself)", "Resource", "remove Resource from the trust policy");
    if (kind !== "trust" && !hasResource) at(`has no Resource, which ${KIND_NAMES[kind]} needs`, undefined, kind === "key" ? 'set Resource: "*" (in a key policy it means this key)' : "set Resource to the ARNs the statement applies to");

    for (const entry of [...(statement.actions ?? []), ...(statement.notActions ?? [])]) {
        if (entry.trim() !== "*" && !splitAction(entry.trim())) at("has an action that is not of the form service:action", entry, 'write actions as "service:Action", e.g. "kms:Decrypt"');
    }
    const arns: string[] = [];
    for (const [field, values] of [["Resource", statement.resources], ["NotResource", statement.notResources]] as const) {
        for (const resource of values ?? []) {
            if (resource === "*") continue;
            const problem = arnProblem(resource);
            if (problem) at(`${field} ${problem}`, resource, 'use "*" or a full ARN, e.g. arn:aws:kms:us-east-1:111122223333:key/…');
            else if (field === "Resource") arns.push(resource);
        }
    }
    if (kind !== "trust" && arns.length > 0) {
        for (const resource of unreachedResources(statement, arns)) {
            at(`Resource matches none of the statement's actions (${shortList(statement.actions ?? [])}), so IAM ignores it`, resource, "move it to a statement whose actions apply to it, or remove it");
        }
    }
    return problems;
}

/** Services renamed by AWS whose resources answer to either ARN prefix. */
const SAME_SERVICE: ReadonlyArray<readonly string[]> = [["codestar-connections", "codeconnections"]];

const reaches = new WeakMap<ActionInfo, string[]>();
const patternReaches = new WeakMap<object, string[] | null>();

/** The services an Action entry's actions reach together; null when it cannot be judged (typo, or an action without resource types). */
function reachOfPattern(entry: string): string[] | null {
    const expansion = expandAction(entry);
    if (expansion.status !== "ok") return null;
    let reach = patternReaches.get(expansion);
    if (reach === undefined) {
        const services = new Set<string>();
        reach = [];
        for (const action of expansion.actions) {
            const own = reachOf(action);
            if (own.length === 0) {
                reach = null;
                break;
            }
            own.forEach((s) => services.add(s));
        }
        if (reach) reach = [...services];
        patternReaches.set(expansion, reach);
    }
    return reach;
}

/** The services whose ARNs an action can be scoped to (its own prefix among them); empty for actions listed without resource types. */
function reachOf(action: ActionInfo): string[] {
    let reach = reaches.get(action);
    if (!reach) {
        const services = new Set<string>();
        if (action.resourceTypes.length > 0) services.add(action.service);
        for (const type of action.resourceTypes) {
            // One data entry can hold several formats separated by ", " (API Gateway's v1 and v2 paths).
            for (const format of type.arnFormats.flatMap((f) => f.split(/,\s*/))) {
                const service = parseArn(formatToGlob(format))?.service;
                if (service) services.add(service);
            }
        }
        reach = [...services];
        reaches.set(action, reach);
    }
    return reach;
}

/**
 * The ARNs whose service none of the statement's actions can reach: seed 003's KMS key ARN under
 * S3 actions. Judged by service, not by resource type: iam-data's ARN formats are incomplete for
 * some services (ELB v2 target groups, Marketplace, RAM), and a type-level check flagged real
 * AWS managed policies wrongly. Judged only when every action is known and resource-scoped: a
 * `*`, NotAction, a typo, an unknown value or an action listed without resource types (whose
 * data is the least complete) leaves the statement's reach open.
 */
function unreachedResources(statement: Statement, arns: readonly string[]): string[] {
    if (!statement.actions || statement.unknown.includes("Action")) return [];
    const services = new Set<string>();
    for (const entry of statement.actions) {
        if (entry.trim() === "*") return [];
        const reach = reachOfPattern(entry);
        if (!reach) return [];
        for (const service of reach) services.add(service);
    }
    for (const names of SAME_SERVICE) if (names.some((n) => services.has(n))) names.forEach((n) => services.add(n));
    const patterns = [...services];
    return arns.filter((resource) => {
        const service = parseArn(replaceVariables(resource))?.service;
        return service !== undefined && !patterns.some((p) => globsIntersect(service, p));
    });
}
