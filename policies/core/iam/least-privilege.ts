/**
 * Least privilege in identity policies: which actions an Allow statement grants, judged against
 * the real action catalog, and, for KMS, on which keys. Pure: statements in, findings out.
 */
import { ActionInfo, expandAction, isPermissionsManagement, splitAction } from "./actions";
import { KmsResourceKind, classifyKmsResource } from "./arn";
import { narrows, whyNotNarrowing } from "./conditions";
import type { Finding } from "../finding";
import { Condition, Statement, shortList } from "./document";
import { DocumentFinding, ParsedDocument, SECRET_ACTION_FIX, statementFinding, statementFindings } from "./located";

/** KMS actions a workload that only encrypts and decrypts needs (the `allowedKmsActions` default). */
export const DEFAULT_ALLOWED_KMS_ACTIONS: readonly string[] = [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:GenerateDataKeyPair",
    "kms:GenerateDataKeyPairWithoutPlaintext",
    "kms:DescribeKey",
];

/**
 * KMS actions that destroy or lock away key material, or open a key to others. Named here
 * because iam-data classes them all as plain "Write" (grant and policy actions are
 * "Permissions management", which is read from the catalog instead).
 */
export const DESTRUCTIVE_KMS_ACTIONS: ReadonlySet<string> = new Set(
    ["ScheduleKeyDeletion", "DisableKey", "DisableKeyRotation", "DeleteImportedKeyMaterial", "DeleteAlias", "UpdateAlias", "UpdatePrimaryRegion", "DeleteCustomKeyStore", "DisconnectCustomKeyStore"].map((a) => a.toLowerCase()),
);

const namesKeys = (c: Condition) => c.key.startsWith("aws:resourcetag/") || c.key === "kms:resourcealiases";

/**
 * Whether a condition names the keys a statement reaches (attribute-based access control), in
 * fact: `…IfExists` (true for keys without the tag), negated operators, `ForAnyValue` over an
 * empty list and `StringLike` with a bare `*` let every key through (POLICIES.md, reading rules).
 */
function scopesKeys(statement: Statement): boolean {
    return statement.conditions.some((c) => namesKeys(c) && (narrows(c, { keyMayBeAbsent: true }) || requiresTag(c)));
}

/** `"Null": {"aws:ResourceTag/team": "false"}`: only keys that carry the tag, an ABAC scope AWS's own policies use. */
const requiresTag = (c: Condition) => c.operator.toLowerCase() === "null" && c.values.length > 0 && c.values.every((v) => v.toLowerCase() === "false");

/** "; its condition on aws:ResourceTag/team does not limit the keys (…)", for a condition that looks like scoping and is not. */
function notScopingNote(statement: Statement): string {
    const c = statement.conditions.find(namesKeys);
    return c ? `; its condition on ${c.keyAsWritten} does not limit the keys (${whyNotNarrowing(c)})` : "";
}

const listActions = (actions: readonly ActionInfo[]) => shortList(actions.map((a) => a.id));

/** allowedKmsActions lower-cased, and the fix that names them, once per list: the resolved config's list lives as long as the config. */
const allowedLists = new WeakMap<readonly string[], { set: ReadonlySet<string>; listFix: string }>();

function allowedOf(allowedActions: readonly string[]): { set: ReadonlySet<string>; listFix: string } {
    let allowed = allowedLists.get(allowedActions);
    if (!allowed) {
        allowed = {
            set: new Set(allowedActions.map((a) => a.toLowerCase())),
            listFix: `list only the KMS actions the workload needs, within allowedKmsActions (${shortList(allowedActions, 3) || "none"})`,
        };
        allowedLists.set(allowedActions, allowed);
    }
    return allowed;
}

const isAllowed = (allowed: ReadonlySet<string>, action: ActionInfo) => allowed.has(action.id.toLowerCase()) || allowed.has(action.name.toLowerCase());

/** The KMS actions one Action entry grants, or undefined when it names none (or cannot be read). */
function kmsActionsOf(entry: string): ActionInfo[] | undefined {
    const service = entry.trim() === "*" ? "*" : splitAction(entry.trim())?.service;
    if (service === undefined) return undefined;
    const expansion = expandAction(entry, ["kms"]);
    return expansion.status === "ok" && expansion.actions.length > 0 ? expansion.actions : undefined;
}

/**
 * iam-kms-least-privilege, for one Allow statement of an identity policy: wildcards that grant
 * KMS actions outside `allowed`, named permissions-management and destructive actions, and
 * resources IAM never matches for KMS actions (bare key ids, alias names, S3 ARNs) or that reach
 * every key.
 */
export function kmsLeastPrivilege(statement: Statement, allowedActions: readonly string[]): DocumentFinding[] {
    if (statement.effect !== "Allow") return [];
    const { set: allowed, listFix } = allowedOf(allowedActions);
    const findings: DocumentFinding[] = [];
    const at = (code: string, problem: string, value: unknown, fix: string, whenSecret?: DocumentFinding["whenSecret"]) => findings.push(statementFinding(statement.label, code, problem, value, fix, whenSecret));

    const granted = new Map<string, ActionInfo>();
    // Whether every action is a KMS one: only then is a non-KMS Resource certainly useless here.
    let onlyKms = !statement.unknown.includes("Action");
    for (const entry of statement.actions ?? []) {
        const actions = kmsActionsOf(entry);
        if (!actions || actions.length === 0 || splitAction(entry.trim())?.service !== "kms") onlyKms = false;
        if (!actions) continue;
        for (const a of actions) granted.set(a.id, a);
        const wildcard = /[*?]/.test(entry);
        if (entry.trim() === "*") {
            at("kms-every-action", "grants every action, every KMS action included", entry, listFix);
        } else if (/^kms:\*+$/i.test(entry.trim())) {
            at("kms-all-actions", "grants every KMS action", entry, listFix);
        } else if (wildcard) {
            const outside = actions.filter((a) => !isAllowed(allowed, a));
            if (outside.length > 0) at("kms-wildcard-outside-allowed", `wildcard ${entry} grants KMS actions outside allowedKmsActions`, listActions(outside), listFix, { problem: "a wildcard grants KMS actions outside allowedKmsActions" });
        } else {
            const action = actions[0];
            if (isAllowed(allowed, action)) continue;
            if (isPermissionsManagement(action)) at("kms-permissions-management", "grants a KMS permissions-management action, which lets the holder hand out or change access to keys", action.id, `remove it, or add it to allowedKmsActions if the workload truly manages grants or key policies`);
            else if (DESTRUCTIVE_KMS_ACTIONS.has(action.name.toLowerCase())) at("kms-destructive-action", "grants a destructive KMS action, which can make encrypted data unreadable", action.id, "remove it; leave key deletion and disabling to a break-glass administrator role");
            // Other actions named one by one are a deliberate choice; POLICIES.md judges wildcards and these two classes.
        }
    }
    if (statement.notActions && !statement.unknown.includes("NotAction")) {
        // Allow + NotAction grants everything not listed: every KMS action the list does not exclude.
        const excluded = new Set(statement.notActions.flatMap((e) => kmsActionsOf(e) ?? []).map((a) => a.id));
        const expansion = expandAction("kms:*");
        const rest = expansion.status === "ok" ? expansion.actions.filter((a) => !excluded.has(a.id)) : [];
        for (const a of rest) granted.set(a.id, a);
        const outside = rest.filter((a) => !isAllowed(allowed, a));
        if (outside.length > 0) at("kms-not-action", "NotAction grants every KMS action it does not list, including ones outside allowedKmsActions", listActions(outside), `replace NotAction with Action and ${listFix}`);
        onlyKms = false;
    }

    const scoped = [...granted.values()].filter((a) => a.resourceTypes.length > 0);
    if (scoped.length === 0) return findings;
    const conditionsKnown = !statement.unknown.includes("Condition");
    // `*`, a key ARN with a wildcard key id, or NotResource: every key (POLICIES.md, reading rules).
    const everyKeyResource = statement.resources?.find((r) => r === "*" || classifyKmsResource(r) === "every-key");
    const everyKey = everyKeyResource !== undefined || (statement.notResources !== undefined && !statement.unknown.includes("NotResource"));
    if (everyKey && conditionsKnown && !scopesKeys(statement)) {
        const value = everyKeyResource ?? `NotResource ${statement.notResources?.join(", ")}`;
        // The note names the condition's key as written (a tag key is the document's text).
        at("kms-every-key", `grants KMS actions on every key in the account${notScopingNote(statement)}`, value, "set Resource to the key ARNs the workload uses, or scope the keys with an aws:ResourceTag/… or kms:ResourceAliases condition", { problem: "grants KMS actions on every key in the account" });
    }
    const aliasActions = scoped.some((a) => a.resourceTypes.some((t) => t.name.toLowerCase() === "alias"));
    const seen = new Set<string>();
    for (const resource of statement.resources ?? []) {
        if (seen.has(resource)) continue;
        seen.add(resource);
        const kind = classifyKmsResource(resource);
        const problem = resourceProblem(kind, aliasActions, onlyKms);
        if (problem) at(`kms-resource-${kind}`, problem.problem, resource, problem.fix);
    }
    return findings;
}

function resourceProblem(kind: KmsResourceKind, aliasActions: boolean, onlyKms: boolean): { problem: string; fix: string } | undefined {
    const useArn = "use the key's ARN (key.arn), not its id or alias";
    switch (kind) {
        case "key-id":
            return { problem: "names a bare key id as Resource under KMS actions, which IAM never matches, so the grant is silently empty", fix: useArn };
        case "alias-name":
            return { problem: "names an alias name as Resource under KMS actions, which IAM never matches", fix: `${useArn}, or scope by alias with a kms:ResourceAliases condition` };
        case "alias-arn":
            return aliasActions ? undefined : { problem: "names an alias ARN as Resource under KMS key actions, which IAM never matches for them", fix: `${useArn}, or scope by alias with a kms:ResourceAliases condition` };
        case "s3-arn":
            return onlyKms ? { problem: "names an S3 ARN as Resource under KMS actions, which IAM never matches for them", fix: "grant the KMS actions on the key's ARN (key.arn) and the S3 actions on the bucket, in separate statements" } : undefined;
        case "not-key-arn":
            return { problem: "names a KMS ARN that is neither …:key/<key-id> nor …:alias/<name>, which IAM never matches", fix: "use the key's ARN (key.arn): arn:aws:kms:<region>:<account>:key/<key-id>" };
        case "other-arn":
        case "not-an-arn":
            return onlyKms ? { problem: "names something other than a KMS key ARN as Resource under KMS actions", fix: useArn } : undefined;
        default:
            return undefined;
    }
}

/**
 * iam-least-privilege-actions, for one statement of an identity policy: `*`, service-wide
 * wildcards and NotAction in Allow statements; misspelt actions and services (those with a near
 * miss in the catalog) in any statement, since a misspelt Deny silently denies nothing.
 */
export function actionLeastPrivilege(statement: Statement): DocumentFinding[] {
    const findings: DocumentFinding[] = [];
    const at = (code: string, problem: string, value: unknown, fix: string, whenSecret?: DocumentFinding["whenSecret"]) => findings.push(statementFinding(statement.label, code, problem, value, fix, whenSecret));
    const allow = statement.effect === "Allow";
    if (allow && statement.notActions && (statement.notActions.length > 0 || statement.unknown.includes("NotAction"))) {
        at("not-action-allow", "grants every action except those listed (NotAction under Allow)", statement.notActions.join(", ") || "NotAction", "replace NotAction with an Action list of what the workload needs");
    }
    const actions = statement.actions ?? [];
    const entries = statement.notActions ? [...actions, ...statement.notActions] : actions;
    for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        const text = entry.trim();
        // An entry listed under both Action and NotAction is judged as an action, as before.
        const isAction = i < actions.length || actions.includes(entry);
        if (allow && isAction && /^\*+(:\*+)?$/.test(text)) {
            at("every-action", "grants every action on every service", entry, "list the actions the workload needs");
            continue;
        }
        const parts = splitAction(text);
        if (!parts) continue; // malformed: iam-policy-document-valid reports it
        if (allow && isAction && /^\*+$/.test(parts.name)) {
            at("service-wide-wildcard", `grants every action of ${parts.service === "*" ? "every service" : `the ${parts.service} service`}`, entry, `list the ${parts.service} actions the workload needs instead`, {
                problem: "grants every action of a service",
                fix: "list the actions the workload needs instead",
            });
            continue;
        }
        // Only near misses are flagged: an action with no close real one is more often retired
        // (AWS's own managed policies still grant deepracer:* and budgets:UpdateBudget) or newer
        // than the catalog than a typo, and failing a deployment on it would be noise.
        const expansion = expandAction(text);
        if (expansion.status === "unknown-action" && expansion.suggestion) {
            // The suggestion is a near miss of the entry: for a secret document, most of its text.
            at("unknown-action-near-miss", "names an action IAM does not have, so it grants or denies nothing", entry, `use ${expansion.suggestion} (did you mean it?)`, { fix: SECRET_ACTION_FIX });
        } else if (expansion.status === "unknown-service" && expansion.suggestion) {
            at("unknown-service-near-miss", "names a service IAM does not have, so it grants or denies nothing", entry, `use ${expansion.suggestion}:${parts.name} (did you mean the ${expansion.suggestion} service?)`, { fix: SECRET_ACTION_FIX });
        } else if (expansion.status === "matches-nothing") {
            at("wildcard-matches-nothing", "is a wildcard that matches no action, so it grants or denies nothing", entry, `use a pattern that matches real ${parts.service} actions`, { fix: "use a pattern that matches real actions" });
        }
    }
    return findings;
}

/** iam-kms-least-privilege: every statement of every identity document that parsed, located. */
export function kmsLeastPrivilegeFindings(documents: readonly ParsedDocument[], allowedActions: readonly string[]): Finding[] {
    return statementFindings(documents, (parsed) => parsed.statements.flatMap((s) => kmsLeastPrivilege(s, allowedActions)));
}

/** iam-least-privilege-actions: every statement of every identity document that parsed, located. */
export function actionLeastPrivilegeFindings(documents: readonly ParsedDocument[]): Finding[] {
    return statementFindings(documents, (parsed) => parsed.statements.flatMap(actionLeastPrivilege));
}
