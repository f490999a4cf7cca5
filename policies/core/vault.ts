/**
 * Vault facts for the AWS secret engine and the AWS auth method: lease and token TTLs, credential
 * types, and bound principal ARNs. Pure data and functions, no Pulumi.
 * Sources: Vault docs "AWS secrets engine (API)" and "AWS auth method (API)"; Vault's
 * builtin/credential/aws/path_role.go.
 */
import { parseArn, PARTITIONS } from "./iam/arn";
import type { UncodedFinding as Finding } from "./message";

export type Problem = Finding;

/** A TTL value as read from the wire: a number, absent (undefined), or unknown (skipped by callers). */
function ttlShapeProblem(name: string, value: unknown): string | undefined {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) return `${name} is not a whole number of seconds`;
    return undefined;
}

/**
 * The secret engine's lease TTLs: both set (0 or unset falls back to Vault's 32-day default),
 * default ≤ max ≤ cap. `undefined` means unset; callers skip unknown values before calling.
 */
export function leaseTtlProblems(defaultTtl: unknown, maxTtl: unknown, cap: number, skip: { defaultTtl?: boolean; maxTtl?: boolean } = {}): Problem[] {
    const problems: Problem[] = [];
    const valid: Record<string, number | undefined> = {};
    for (const [name, value, skipped] of [
        ["defaultLeaseTtlSeconds", defaultTtl, skip.defaultTtl],
        ["maxLeaseTtlSeconds", maxTtl, skip.maxTtl],
    ] as const) {
        if (skipped) continue;
        const fix = `set ${name} to at most ${cap} seconds`;
        if (value === undefined || value === 0) {
            problems.push({ problem: `${name} is not set, so leases fall back to Vault's 32-day system TTL`, value, fix });
            continue;
        }
        const shape = ttlShapeProblem(name, value);
        if (shape) {
            problems.push({ problem: shape, value, fix });
            continue;
        }
        valid[name] = value as number;
        if ((value as number) > cap) problems.push({ problem: `${name} is longer than the allowed ${cap} seconds`, value, fix });
    }
    const d = valid.defaultLeaseTtlSeconds;
    const m = valid.maxLeaseTtlSeconds;
    if (d !== undefined && m !== undefined && d > m) {
        problems.push({ problem: "defaultLeaseTtlSeconds is longer than maxLeaseTtlSeconds", value: d, fix: `set defaultLeaseTtlSeconds to at most maxLeaseTtlSeconds (${m})` });
    }
    return problems;
}

/** Credential types that issue short-lived STS credentials scoped by the role. */
const SHORT_LIVED_CREDENTIAL_TYPES: ReadonlySet<string> = new Set(["assumed_role", "federation_token"]);
const VAULT_CREDENTIAL_TYPES: ReadonlySet<string> = new Set(["iam_user", "assumed_role", "federation_token", "session_token"]);

const CREDENTIAL_TYPE_FIX = "set credentialType: assumed_role (with roleArns) or federation_token";

/** Judges a secret backend role's credentialType (Vault also accepts a comma-separated list). */
export function credentialTypeProblems(value: unknown): Problem[] {
    if (typeof value !== "string" || value.trim() === "") return [{ problem: "credentialType is not a Vault AWS credential type", value, fix: CREDENTIAL_TYPE_FIX }];
    const problems: Problem[] = [];
    for (const type of value.split(",").map((t) => t.trim())) {
        if (SHORT_LIVED_CREDENTIAL_TYPES.has(type)) continue;
        if (type === "iam_user") problems.push({ problem: "credentialType iam_user creates IAM users with long-lived access keys", value: type, fix: CREDENTIAL_TYPE_FIX });
        else if (type === "session_token") problems.push({ problem: "credentialType session_token returns STS credentials with all the permissions of Vault's own IAM identity, unscoped by the role", value: type, fix: CREDENTIAL_TYPE_FIX });
        else if (!VAULT_CREDENTIAL_TYPES.has(type)) problems.push({ problem: "credentialType is not a Vault AWS credential type", value: type, fix: CREDENTIAL_TYPE_FIX });
    }
    return problems;
}

/** Whether a credentialType value includes assumed_role. */
export function includesAssumedRole(value: unknown): boolean {
    return typeof value === "string" && value.split(",").some((t) => t.trim() === "assumed_role");
}

/**
 * Judges one entry of boundIamPrincipalArns; undefined when it is an IAM role or user ARN
 * (`arn:<partition>:iam::<12 digits>:role/<path/name>` or `:user/…`). Vault allows a trailing `*`
 * on the name, but not one that stands for the whole name.
 */
export function boundPrincipalProblem(entry: unknown): Problem | undefined {
    const fix = "bind boundIamPrincipalArns to specific IAM role or user ARNs (arn:aws:iam::<account-id>:role/<name>)";
    if (typeof entry !== "string") return { problem: "boundIamPrincipalArns has an entry that is not an ARN", value: entry, fix };
    if (entry.trim() === "*") return { problem: "boundIamPrincipalArns lets any AWS principal in any account log in", value: entry, fix };
    const notPrincipal = { problem: "boundIamPrincipalArns has an entry that is not an IAM role or user ARN", value: entry, fix };
    const arn = parseArn(entry);
    if (!arn || !PARTITIONS.includes(arn.partition)) return notPrincipal;
    if (arn.service === "sts" && arn.resourceType === "assumed-role") return { problem: "boundIamPrincipalArns names an STS session, not the IAM role it belongs to", value: entry, fix };
    if (arn.service !== "iam" || arn.region !== "") return notPrincipal;
    if (/[*?]/.test(arn.account)) return { problem: "boundIamPrincipalArns uses a wildcard account, so principals in any account can log in", value: entry, fix };
    if (!/^\d{12}$/.test(arn.account) || (arn.resourceType !== "role" && arn.resourceType !== "user") || arn.resourceId === "") return notPrincipal;
    // A wildcard for the whole name (`role/*`, `role/path/*`) binds every role or user in the account.
    if (/(^|\/)\*$/.test(arn.resourceId)) return { problem: `boundIamPrincipalArns binds every IAM ${arn.resourceType} in account ${arn.account}`, value: entry, fix };
    return undefined;
}

/** Policies that must never be handed out by an auth role. */
export function rootPolicyProblem(policies: unknown): Problem | undefined {
    if (!Array.isArray(policies)) return undefined;
    if (!policies.some((p) => typeof p === "string" && p.trim().toLowerCase() === "root")) return undefined;
    return { problem: "tokenPolicies grants the root policy, which is unrestricted access to Vault", value: policies, fix: "remove root from tokenPolicies and grant a least-privilege policy" };
}

/** The role's token lifetime: tokenMaxTtl set and within the cap (0 or unset means the mount's or system maximum, 32 days by default). */
export function tokenMaxTtlProblem(value: unknown, cap: number): Problem | undefined {
    const fix = `set tokenMaxTtl to at most ${cap} seconds`;
    if (value === undefined || value === 0) return { problem: "tokenMaxTtl is not set, so tokens live up to the system maximum (32 days by default)", value, fix };
    const shape = ttlShapeProblem("tokenMaxTtl", value);
    if (shape) return { problem: shape, value, fix };
    if ((value as number) > cap) return { problem: `tokenMaxTtl is longer than the allowed ${cap} seconds`, value, fix };
    return undefined;
}

/**
 * A periodic token (tokenPeriod > 0) ignores tokenMaxTtl and lives as long as it is renewed; only
 * tokenExplicitMaxTtl still ends it. `explicitBounded` says whether that cap is set within limits.
 */
export function tokenPeriodProblem(period: unknown, explicitBounded: boolean, cap: number): Problem | undefined {
    if (typeof period !== "number" || period <= 0 || explicitBounded) return undefined;
    return { problem: "tokenPeriod makes periodic tokens that never expire while renewed, whatever tokenMaxTtl says", value: period, fix: `remove tokenPeriod, or set tokenExplicitMaxTtl to at most ${cap} seconds` };
}
