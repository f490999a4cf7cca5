/**
 * A role's trust policy (assumeRolePolicy), judged: who may assume the role.
 * - every Principal.Service is a real AWS service principal (and an allowed one, when configured);
 * - no Allow to everyone (`Principal: "*"`, `{AWS: "*"}`, or NotPrincipal, which means "everyone but");
 * - a web-identity (OIDC) provider is narrowed by its subject claim: every token the provider issues
 *   carries the same audience (`sts.amazonaws.com` for GitHub and EKS), so an `:aud` condition alone
 *   lets any GitHub repository or any pod of the cluster in;
 * - a SAML provider is narrowed by `SAML:aud`, so only assertions meant for AWS sign-in are accepted.
 */
import { globMatch } from "./arn";
import { narrowedBy } from "./conditions";
import { inStatement, Statement, wildcardShown } from "./document";
import { DocumentFinding, ParsedDocument, statementFindings } from "./located";
import type { Finding } from "../finding";
import { servicePrincipalFindings, ServicePrincipalOptions } from "./principals";

/**
 * Web-identity providers built into STS, and the claim that narrows who gets in (AWS IAM User Guide,
 * "Available keys for AWS web identity federation"). Cognito is the exception to "subject, not
 * audience": its `:aud` is the identity pool id, unique to one pool, and is what AWS's own Cognito
 * role trust policies condition on; without it any pool in any account could assume the role.
 */
const BUILT_IN_WEB_IDENTITY: Record<string, string> = {
    "cognito-identity.amazonaws.com": "cognito-identity.amazonaws.com:aud",
    "accounts.google.com": "accounts.google.com:sub",
    "graph.facebook.com": "graph.facebook.com:id",
    "www.amazon.com": "www.amazon.com:user_id",
};

const OIDC_PROVIDER = /^arn:aws[a-z-]*:iam::[0-9]*:oidc-provider\/(.+)$/i;
const SAML_PROVIDER = /^arn:aws[a-z-]*:iam::[0-9]*:saml-provider\/.+$/i;
const GITHUB = "token.actions.githubusercontent.com";

/** `subjectKey` as AWS spells it, for messages; conditions are matched on it lower-cased. */
type Federation = { kind: "oidc"; provider: string; subjectKey: string } | { kind: "saml" };

/** What a `Principal.Federated` value is; undefined for values that are neither (iam-policy-document-valid's business). */
export function federationOf(principal: string): Federation | undefined {
    const builtIn = BUILT_IN_WEB_IDENTITY[principal.toLowerCase()];
    if (builtIn) return { kind: "oidc", provider: principal.toLowerCase(), subjectKey: builtIn };
    const oidc = OIDC_PROVIDER.exec(principal);
    if (oidc) return { kind: "oidc", provider: oidc[1], subjectKey: `${oidc[1]}:sub` };
    if (SAML_PROVIDER.test(principal)) return { kind: "saml" };
    return undefined;
}

/** A Federated principal assumes a role only through its own STS call (POLICIES.md, reading rules). */
const FEDERATED_ACTION: Record<Federation["kind"], string> = { oidc: "sts:AssumeRoleWithWebIdentity", saml: "sts:AssumeRoleWithSAML" };

/** Whether the statement grants the action, given its Action or NotAction (an Allow with NotAction grants nearly everything). */
function grants(statement: Statement, action: string): boolean {
    if (statement.notActions) return !statement.notActions.some((p) => globMatch(p.toLowerCase(), action));
    return (statement.actions ?? []).some((p) => globMatch(p.toLowerCase(), action));
}

/** A GitHub subject pattern that names no owner (`repo:*`) admits every repository on GitHub. */
function admitsAnyGitHubRepository(value: string): boolean {
    return /^repo:[*?]/i.test(value);
}

/**
 * The problem and fix of an unnarrowed web-identity provider, naming the provider and its claim's
 * condition key as given. Both come from the document (an EKS provider's name holds the cluster's
 * OIDC id), so for a secret document they are written as placeholders: `whenSecret`.
 */
function webIdentityWording(provider: string, key: string, claim: string, named: boolean, example: string): { problem: string; fix: string } {
    return {
        problem: named ? `the condition on ${key} admits any ${claim} of web-identity provider ${provider}` : `lets any token from web-identity provider ${provider} assume the role: no condition on ${key}`,
        fix:
            claim === "aud"
                ? `add a StringEquals condition on "${key}" that names your identity pool id ("<region>:<pool-uuid>")`
                : `add a StringEquals or StringLike condition on "${key}" that names who may assume the role${example}; an :aud condition alone admits every token the provider issues`,
    };
}

function webIdentityFinding(statement: Statement, principal: string, federation: Extract<Federation, { kind: "oidc" }>): DocumentFinding | undefined {
    if (!grants(statement, "sts:assumerolewithwebidentity")) return undefined;
    const key = federation.subjectKey;
    const claim = key.slice(key.lastIndexOf(":") + 1);
    const isGitHub = federation.provider.toLowerCase() === GITHUB;
    const valueNarrows = isGitHub && claim === "sub" ? (v: string) => !admitsAnyGitHubRepository(v) : undefined;
    if (narrowedBy(statement.conditions, key.toLowerCase(), { valueNarrows })) return undefined;
    const named = statement.conditions.some((c) => c.key === key.toLowerCase());
    const example = isGitHub ? ` (for GitHub "repo:<owner>/<repository>:ref:refs/heads/main")` : federation.provider.startsWith("oidc.eks.") ? ` (for EKS "system:serviceaccount:<namespace>:<service-account>")` : "";
    return {
        code: "web-identity-unnarrowed",
        ...inStatement(statement.label),
        ...webIdentityWording(federation.provider, key, claim, named, example),
        value: principal,
        whenSecret: webIdentityWording("<provider>", `<provider>:${claim}`, claim, named, example),
    };
}

function samlFinding(statement: Statement, principal: string): Finding | undefined {
    if (!grants(statement, "sts:assumerolewithsaml")) return undefined;
    if (narrowedBy(statement.conditions, "saml:aud")) return undefined;
    return {
        code: "saml-unnarrowed",
        ...inStatement(statement.label),
        problem: "trusts a SAML provider without a condition on SAML:aud",
        value: principal,
        fix: 'add "StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"} so only assertions meant for AWS sign-in are accepted',
    };
}

export function trustPolicyFindings(statements: readonly Statement[], options: ServicePrincipalOptions = {}): DocumentFinding[] {
    const findings: DocumentFinding[] = servicePrincipalFindings(statements, options);
    for (const statement of statements) {
        if (statement.effect !== "Allow") continue;
        if (statement.principal?.wildcard) {
            findings.push({
                code: "everyone-may-assume",
                ...inStatement(statement.label),
                problem: "lets any AWS principal, in any account, assume the role",
                value: wildcardShown(statement.principal),
                fix: "name the accounts or roles that may assume it in Principal.AWS",
            });
        }
        if (statement.notPrincipal) {
            findings.push({
                code: "not-principal",
                ...inStatement(statement.label),
                problem: "lets every principal except those in NotPrincipal assume the role",
                value: "NotPrincipal",
                fix: "replace NotPrincipal with a Principal that names who may assume the role",
            });
        }
        if (statement.unknown.includes("Action") || statement.unknown.includes("NotAction")) continue;
        for (const principal of statement.principal?.federated ?? []) {
            const federation = federationOf(principal);
            const own = federation && FEDERATED_ACTION[federation.kind];
            if (own && !grants(statement, own.toLowerCase())) {
                findings.push({
                    code: "federated-action-missing",
                    ...inStatement(statement.label),
                    problem: federation.kind === "oidc" ? `trusts a web-identity provider without allowing ${own}, the only call that assumes a role with its tokens` : `trusts a SAML provider without allowing ${own}, the only call that assumes a role with its assertions`,
                    value: principal,
                    fix: `set Action to "${own}" in this statement`,
                });
                continue;
            }
            // Without the whole Condition block, a missing claim condition may be the unknown part.
            if (statement.unknown.includes("Condition")) continue;
            const finding = federation?.kind === "oidc" ? webIdentityFinding(statement, principal, federation) : federation?.kind === "saml" ? samlFinding(statement, principal) : undefined;
            if (finding) findings.push(finding);
        }
    }
    return findings;
}

/** iam-trusted-service-principals: every role trust policy that parsed, located. */
export function trustDocumentFindings(documents: readonly ParsedDocument[], options: ServicePrincipalOptions = {}): Finding[] {
    return statementFindings(documents, (parsed) => trustPolicyFindings(parsed.statements, options));
}
