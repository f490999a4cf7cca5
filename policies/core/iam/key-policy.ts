/**
 * A KMS key policy, judged: who may use and manage the key.
 * - no Allow to everyone (`"*"`, `{AWS: "*"}`, NotPrincipal) unless a condition limits the callers
 *   to known accounts, an organization, or requests made through an AWS service;
 * - every KMS action (`kms:*`, `*`, a wildcard covering them all, or NotAction) only to the account
 *   root, which delegates to IAM: the standard first statement of a key policy. Anyone else holding
 *   kms:* can re-write the policy, schedule deletion, and decrypt;
 * - every Principal.Service is a real service principal;
 * - and, on the key itself, the policy lockout safety check is left on.
 * `Resource: "*"` in a key policy means "this key" and is fine.
 */
import { actionsOf, expandAction } from "./actions";
import { parseArn } from "./arn";
import { narrowedBy, NarrowingRules } from "./conditions";
import type { Finding } from "../finding";
import { inStatement, isWildcardPrincipal, Statement, wildcardShown } from "./document";
import { DocumentFinding, ParsedDocument, statementFindings } from "./located";
import { servicePrincipalFindings } from "./principals";

const ACCOUNT_ID = /^\d{12}$/;

const namesAccount: NarrowingRules["valueNarrows"] = (v) => ACCOUNT_ID.test(v);
const namesOrganization: NarrowingRules["valueNarrows"] = (v) => /^o-[a-z0-9]{10,32}($|\/)/.test(v);
/** An ARN narrows only when its account is fixed: `arn:aws:iam::*:role/x` is any account's role x. */
const arnNamesAccount: NarrowingRules["valueNarrows"] = (v) => {
    const arn = parseArn(v);
    return arn !== undefined && ACCOUNT_ID.test(arn.account);
};
const namesService: NarrowingRules["valueNarrows"] = (v) => /^[a-z0-9-]+\.[a-z0-9*?-]+\.amazonaws\.com(\.cn)?$/.test(v);

/**
 * The condition keys that limit who can use a key shared with `"*"`, and what each value must name.
 * POLICIES.md lists kms:CallerAccount, aws:PrincipalOrgID, aws:SourceAccount and kms:ViaService;
 * aws:PrincipalAccount (the same as kms:CallerAccount for IAM principals), aws:PrincipalOrgPaths,
 * aws:SourceOrgID/SourceOrgPaths, and aws:PrincipalArn / aws:SourceArn with a fixed account count
 * too: each limits the callers to principals or resources of named accounts or organizations.
 */
const LIMITING_KEYS: ReadonlyArray<[string, NarrowingRules["valueNarrows"]]> = [
    ["kms:calleraccount", namesAccount],
    ["aws:principalaccount", namesAccount],
    ["aws:sourceaccount", namesAccount],
    ["aws:principalorgid", namesOrganization],
    ["aws:principalorgpaths", namesOrganization],
    ["aws:sourceorgid", namesOrganization],
    ["aws:sourceorgpaths", namesOrganization],
    ["aws:principalarn", arnNamesAccount],
    ["aws:sourcearn", arnNamesAccount],
    ["kms:viaservice", namesService],
];

const LIMITING_KEY_NAMES = "kms:CallerAccount, aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount, aws:PrincipalArn, aws:SourceArn or kms:ViaService";

function limitsCallers(statement: Statement): boolean {
    return LIMITING_KEYS.some(([key, valueNarrows]) => narrowedBy(statement.conditions, key, { keyMayBeAbsent: true, valueNarrows }));
}

const ROOT = /^arn:aws[a-z-]*:iam::\d{12}:root$/;

function isAccountRoot(principal: string): boolean {
    return ROOT.test(principal) || ACCOUNT_ID.test(principal);
}

/** Whether one Action pattern covers every KMS action (`kms:*`, `*`, `*:*`, `km?:*`, …). */
function coversAllKms(pattern: string): boolean {
    if (!pattern.includes("*") && !pattern.includes("?")) return false;
    const expansion = expandAction(pattern, ["kms"]);
    return expansion.status === "ok" && expansion.actions.length === (actionsOf("kms") ?? []).length;
}

/** The entry that grants every KMS action, as shown in a message; undefined when the statement grants less. */
function allKmsGrant(statement: Statement): string | undefined {
    if (statement.notActions) {
        // "Allow everything but …" counts as a wildcard, unless what it leaves out is KMS itself.
        return statement.notActions.some(coversAllKms) ? undefined : "NotAction";
    }
    return statement.actions?.find(coversAllKms);
}

function principalsOtherThanRoot(statement: Statement): string[] {
    const p = statement.principal;
    if (!p) return statement.notPrincipal ? ["NotPrincipal"] : [];
    const others = [...p.aws.filter((a) => !isAccountRoot(a)), ...p.service, ...p.federated, ...p.canonicalUser];
    return p.wildcard && !others.some(isWildcardPrincipal) ? ["*", ...others] : others;
}

export function keyPolicyFindings(statements: readonly Statement[], options: { extra?: readonly string[] } = {}): DocumentFinding[] {
    const findings: DocumentFinding[] = servicePrincipalFindings(statements, { extra: options.extra });
    for (const statement of statements) {
        if (statement.effect !== "Allow") continue;
        const everyone = statement.principal?.wildcard || statement.notPrincipal !== undefined;
        if (everyone && !statement.unknown.includes("Condition") && !limitsCallers(statement)) {
            findings.push({
                code: "everyone-unconditioned",
                ...inStatement(statement.label),
                problem: "allows every AWS principal, in any account, without a condition that limits the callers",
                value: statement.notPrincipal ? "NotPrincipal" : statement.principal ? wildcardShown(statement.principal) : "*",
                fix: `name the key's users in Principal.AWS, or add a condition on ${LIMITING_KEY_NAMES}`,
            });
        }
        const grant = allKmsGrant(statement);
        const others = grant ? principalsOtherThanRoot(statement) : [];
        if (grant && others.length > 0) {
            findings.push({
                code: "kms-all-to-non-root",
                ...inStatement(statement.label),
                problem: `grants every KMS action (${grant}) to a principal other than the account root`,
                whenSecret: { problem: "grants every KMS action to a principal other than the account root" },
                value: others.length === 1 ? others[0] : others,
                fix: "keep kms:* for arn:aws:iam::<account>:root only; grant this principal just the actions it uses (e.g. kms:Decrypt, kms:GenerateDataKey for users; kms:Describe*, kms:Put*, kms:Enable*, kms:ScheduleKeyDeletion for administrators)",
            });
        }
    }
    return findings;
}

/** `bypassPolicyLockoutSafetyCheck: true`: KMS then accepts a policy that locks every administrator out of the key. */
function lockoutBypassFindings(bypass: unknown): Finding[] {
    if (bypass !== true) return [];
    return [
        {
            code: "lockout-check-bypassed",
            problem: "bypassPolicyLockoutSafetyCheck skips KMS's check that the new policy still lets the caller manage the key",
            value: true,
            fix: "remove bypassPolicyLockoutSafetyCheck or set it to false",
        },
    ];
}

/**
 * kms-key-policy: the key's lockout safety setting (its known value, or undefined), then every
 * key policy document that parsed, located.
 */
export function kmsKeyPolicyFindings(bypassPolicyLockoutSafetyCheck: unknown, documents: readonly ParsedDocument[], options: { extra?: readonly string[] } = {}): Finding[] {
    return [...lockoutBypassFindings(bypassPolicyLockoutSafetyCheck), ...statementFindings(documents, (parsed) => keyPolicyFindings(parsed.statements, options))];
}
