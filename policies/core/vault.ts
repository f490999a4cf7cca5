/**
 * Vault facts for the AWS secret engine and the AWS auth method: lease and token TTLs, credential
 * types, and bound principal ARNs. Pure data and functions, no Pulumi.
 * Sources: Vault docs "AWS secrets engine (API)" and "AWS auth method (API)"; Vault's
 * builtin/credential/aws/path_role.go.
 *
 * Values come as read: undefined when absent, the unknown sentinel (core/wire.ts) when computed in
 * preview. A rule never judges what it cannot know yet.
 */
import type { Finding } from "./finding";
import { parseArn, PARTITIONS } from "./iam/arn";
import { isUnknown } from "./wire";

/** Whether a TTL value is a whole, non-negative number of seconds. */
function isWholeSeconds(value: unknown): value is number {
    return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

const LEASE_TTLS = ["defaultLeaseTtlSeconds", "maxLeaseTtlSeconds"] as const;

/**
 * vault-aws-secret-backend-ttl's rule: both lease TTLs set (0 or unset falls back to Vault's
 * 32-day system TTL), default ≤ max ≤ cap. An unknown TTL is not judged.
 */
export function leaseTtlFindings(ttls: { defaultLeaseTtlSeconds: unknown; maxLeaseTtlSeconds: unknown }, cap: number): Finding[] {
    const findings: Finding[] = [];
    const valid: Partial<Record<(typeof LEASE_TTLS)[number], number>> = {};
    for (const name of LEASE_TTLS) {
        const value = ttls[name];
        if (isUnknown(value)) continue;
        const fix = `set ${name} to at most ${cap} seconds`;
        if (value === undefined || value === 0) {
            findings.push({ code: "lease-ttl-unset", problem: `${name} is not set, so leases fall back to Vault's 32-day system TTL`, value, fix });
        } else if (!isWholeSeconds(value)) {
            findings.push({ code: "lease-ttl-not-seconds", problem: `${name} is not a whole number of seconds`, value, fix });
        } else {
            valid[name] = value;
            if (value > cap) findings.push({ code: "lease-ttl-over-cap", problem: `${name} is longer than the allowed ${cap} seconds`, value, fix });
        }
    }
    const { defaultLeaseTtlSeconds: d, maxLeaseTtlSeconds: m } = valid;
    if (d !== undefined && m !== undefined && d > m) {
        findings.push({ code: "default-over-max", problem: "defaultLeaseTtlSeconds is longer than maxLeaseTtlSeconds", value: d, fix: `set defaultLeaseTtlSeconds to at most maxLeaseTtlSeconds (${m})` });
    }
    return findings;
}

/** Credential types that issue short-lived STS credentials scoped by the role. */
const SHORT_LIVED_CREDENTIAL_TYPES: ReadonlySet<string> = new Set(["assumed_role", "federation_token"]);

const CREDENTIAL_TYPE_FIX = "set credentialType: assumed_role (with roleArns) or federation_token";

/** What is wrong with each credential type Vault accepts but this policy does not. */
const LONG_LIVED_CREDENTIAL_TYPES: Readonly<Record<string, { code: string; problem: string }>> = {
    iam_user: { code: "iam-user", problem: "credentialType iam_user creates IAM users with long-lived access keys" },
    session_token: { code: "session-token", problem: "credentialType session_token returns STS credentials with all the permissions of Vault's own IAM identity, unscoped by the role" },
};

function notACredentialType(value: unknown): Finding {
    return { code: "unknown-credential-type", problem: "credentialType is not a Vault AWS credential type", value, fix: CREDENTIAL_TYPE_FIX };
}

/** The types a credentialType value lists (Vault accepts a comma-separated list). */
function credentialTypes(value: string): string[] {
    return value.split(",").map((t) => t.trim());
}

/**
 * vault-aws-role-credential-type's rule: every listed credentialType short-lived, and an
 * assumed_role role with roleArns to assume. Unknown values are not judged.
 */
export function credentialTypeFindings(credentialType: unknown, roleArns: unknown): Finding[] {
    if (isUnknown(credentialType)) return [];
    if (typeof credentialType !== "string" || credentialType.trim() === "") return [notACredentialType(credentialType)];
    const types = credentialTypes(credentialType);
    const findings: Finding[] = [];
    for (const type of types) {
        if (SHORT_LIVED_CREDENTIAL_TYPES.has(type)) continue;
        const known = Object.prototype.hasOwnProperty.call(LONG_LIVED_CREDENTIAL_TYPES, type) ? LONG_LIVED_CREDENTIAL_TYPES[type] : undefined;
        findings.push(known ? { ...known, value: type, fix: CREDENTIAL_TYPE_FIX } : notACredentialType(type));
    }
    if (types.includes("assumed_role") && (roleArns === undefined || (Array.isArray(roleArns) && roleArns.length === 0))) {
        findings.push({ code: "no-role-arns", problem: "credentialType assumed_role lists no roleArns, so Vault has no role to assume", value: roleArns, fix: "set roleArns to the IAM role ARNs this Vault role may assume" });
    }
    return findings;
}

const BIND_FIX = "bind boundIamPrincipalArns to specific IAM role or user ARNs (arn:aws:iam::<account-id>:role/<name>)";

/**
 * Judges one entry of boundIamPrincipalArns; undefined when it is an IAM role or user ARN
 * (`arn:<partition>:iam::<12 digits>:role/<path/name>` or `:user/…`). Vault allows a trailing `*`
 * on the name, but not one that stands for the whole name.
 */
export function boundPrincipalFinding(entry: unknown): Finding | undefined {
    const finding = (code: string, problem: string): Finding => ({ code, problem, value: entry, fix: BIND_FIX });
    if (typeof entry !== "string") return finding("bound-principal-not-arn", "boundIamPrincipalArns has an entry that is not an ARN");
    if (entry.trim() === "*") return finding("bound-principal-any", "boundIamPrincipalArns lets any AWS principal in any account log in");
    const notPrincipal = finding("bound-principal-not-iam", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN");
    const arn = parseArn(entry);
    if (!arn || !PARTITIONS.includes(arn.partition)) return notPrincipal;
    if (arn.service === "sts" && arn.resourceType === "assumed-role") return finding("bound-principal-session", "boundIamPrincipalArns names an STS session, not the IAM role it belongs to");
    if (arn.service !== "iam" || arn.region !== "") return notPrincipal;
    if (/[*?]/.test(arn.account)) return finding("bound-principal-any-account", "boundIamPrincipalArns uses a wildcard account, so principals in any account can log in");
    if (!/^\d{12}$/.test(arn.account) || (arn.resourceType !== "role" && arn.resourceType !== "user") || arn.resourceId === "") return notPrincipal;
    // A wildcard for the whole name (`role/*`, `role/path/*`) binds every role or user in the account.
    if (/(^|\/)\*$/.test(arn.resourceId)) return finding("bound-principal-whole-account", `boundIamPrincipalArns binds every IAM ${arn.resourceType} in account ${arn.account}`);
    return undefined;
}

/** Policies that must never be handed out by an auth role. */
function rootPolicyFinding(policies: unknown): Finding | undefined {
    if (!Array.isArray(policies)) return undefined;
    if (!policies.some((p) => typeof p === "string" && p.trim().toLowerCase() === "root")) return undefined;
    return { code: "root-policy", problem: "tokenPolicies grants the root policy, which is unrestricted access to Vault", value: policies, fix: "remove root from tokenPolicies and grant a least-privilege policy" };
}

/** A token TTL set and within the cap (0 or unset means the mount's or system maximum, 32 days by default). */
function tokenMaxTtlFinding(value: unknown, cap: number): Finding | undefined {
    const fix = `set tokenMaxTtl to at most ${cap} seconds`;
    if (value === undefined || value === 0) return { code: "token-ttl-unset", problem: "tokenMaxTtl is not set, so tokens live up to the system maximum (32 days by default)", value, fix };
    if (!isWholeSeconds(value)) return { code: "token-ttl-not-seconds", problem: "tokenMaxTtl is not a whole number of seconds", value, fix };
    if (value > cap) return { code: "token-ttl-over-cap", problem: `tokenMaxTtl is longer than the allowed ${cap} seconds`, value, fix };
    return undefined;
}

/** Whether a TTL is set and within the cap. */
function isBoundedTtl(value: unknown, cap: number): boolean {
    return isWholeSeconds(value) && value > 0 && value <= cap;
}

/** Bounds that, with inferredEntityType, let an iam role restrict logins without principal ARNs. */
const INFERRED_BOUNDS = ["boundAccountIds", "boundAmiIds", "boundEc2InstanceIds", "boundIamInstanceProfileArns", "boundIamRoleArns", "boundRegions", "boundSubnetIds", "boundVpcIds"] as const;

/** Every property of a vault.aws.AuthBackendRole that vault-aws-auth-role-bound reads. */
export const AUTH_ROLE_PROPERTIES = [
    "authType",
    "boundIamPrincipalArns",
    "inferredEntityType",
    ...INFERRED_BOUNDS,
    "tokenPolicies",
    "tokenMaxTtl",
    "tokenExplicitMaxTtl",
    "tokenPeriod",
] as const;

/** An auth role's properties as read: undefined when absent, the unknown sentinel when computed. */
export type AuthRole = Readonly<Record<(typeof AUTH_ROLE_PROPERTIES)[number], unknown>>;

const isNonEmptyList = (value: unknown): boolean => Array.isArray(value) && value.length > 0;

/** The principal bounds of an iam role: each bound ARN specific, or else inferred-entity bounds that restrict logins. */
function principalFindings(role: AuthRole): Finding[] {
    const principals = role.boundIamPrincipalArns;
    if (isUnknown(principals)) return [];
    if (isNonEmptyList(principals)) {
        // Entries not known yet (or null) are not judged.
        return (principals as unknown[]).flatMap((entry) => (entry === undefined || entry === null || isUnknown(entry) ? [] : (boundPrincipalFinding(entry) ?? [])));
    }
    if (principals !== undefined && !Array.isArray(principals)) {
        return [{ code: "bound-principals-not-list", problem: "boundIamPrincipalArns is not a list of ARNs", value: principals, fix: "set boundIamPrincipalArns to a list of IAM role or user ARNs" }];
    }
    const bounds = INFERRED_BOUNDS.map((b) => role[b]);
    if (isUnknown(role.inferredEntityType) || bounds.some(isUnknown)) return [];
    if (role.inferredEntityType !== undefined && bounds.some(isNonEmptyList)) return [];
    return [{ code: "no-bound-principal", problem: "authType iam binds no IAM principal, so the role does not restrict which AWS identities can log in", value: principals, fix: "set boundIamPrincipalArns to the IAM role or user ARNs that may log in" }];
}

/**
 * vault-aws-auth-role-bound's rule: an iam role (Vault's default auth type) bound to specific IAM
 * principals; no root policy; tokens whose life is bounded by tokenMaxTtl or tokenExplicitMaxTtl,
 * and no periodic tokens that no tokenExplicitMaxTtl ends.
 */
export function authRoleFindings(role: AuthRole, cap: number): Finding[] {
    const findings: Finding[] = [];
    // Vault defaults auth_type to iam.
    if (role.authType === undefined || role.authType === "iam") findings.push(...principalFindings(role));
    const root = rootPolicyFinding(role.tokenPolicies);
    if (root) findings.push(root);
    const explicit = role.tokenExplicitMaxTtl;
    if (isUnknown(explicit)) return findings;
    // tokenExplicitMaxTtl caps a token's whole life (renewals included), so a bounded one is as good as tokenMaxTtl.
    const explicitBounded = isBoundedTtl(explicit, cap);
    if (!explicitBounded && !isUnknown(role.tokenMaxTtl)) {
        const ttl = tokenMaxTtlFinding(role.tokenMaxTtl, cap);
        if (ttl) findings.push(ttl);
    }
    // A periodic token ignores tokenMaxTtl and lives as long as it is renewed; only tokenExplicitMaxTtl ends it.
    const period = role.tokenPeriod;
    if (typeof period === "number" && period > 0 && !explicitBounded) {
        findings.push({ code: "periodic-token", problem: "tokenPeriod makes periodic tokens that never expire while renewed, whatever tokenMaxTtl says", value: period, fix: `remove tokenPeriod, or set tokenExplicitMaxTtl to at most ${cap} seconds` });
    }
    return findings;
}
