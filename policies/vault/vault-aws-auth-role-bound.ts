/**
 * Who may log in to Vault through the AWS auth method, and what they get. An `iam` role must be
 * bound to specific IAM roles or users; the tokens it issues carry no root policy and expire.
 */
import { boundPrincipalProblem, rootPolicyProblem, tokenMaxTtlProblem, tokenPeriodProblem } from "../core/vault";
import { resourcePolicy } from "../lib/define";
import { VAULT_AWS_AUTH_BACKEND_ROLE } from "../lib/types";

interface Config {
    maxTokenTtlSeconds: number;
}

/** Bounds that, with inferredEntityType, let an iam role restrict logins without principal ARNs. */
const INFERRED_BOUNDS = ["boundAccountIds", "boundAmiIds", "boundEc2InstanceIds", "boundIamInstanceProfileArns", "boundIamRoleArns", "boundRegions", "boundSubnetIds", "boundVpcIds"];

export const vaultAwsAuthRoleBound = resourcePolicy<Config>({
    name: "vault-aws-auth-role-bound",
    description: "Vault AWS auth roles bind specific IAM roles or users, never grant the root policy, and issue tokens with a bounded lifetime.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "On the vault.aws.AuthBackendRole: with authType iam (Vault's default), set boundIamPrincipalArns to the exact IAM role or user ARNs that may log in (arn:aws:iam::<account-id>:role/<name>), not `*`, a wildcard account, or another resource's ARN; keep root out of tokenPolicies; set tokenMaxTtl (or tokenExplicitMaxTtl) to at most the configured cap (86400 seconds by default).",
    config: {
        maxTokenTtlSeconds: { type: "integer", description: "Longest allowed tokenMaxTtl, in seconds.", default: 86400, minimum: 1 },
    },
    types: [VAULT_AWS_AUTH_BACKEND_ROLE],
    check({ read, known, report, config }) {
        const authType = read("authType");
        // Vault defaults auth_type to iam.
        const isIam = authType.state === "absent" || (authType.state === "known" && authType.value === "iam");
        if (isIam) {
            const principals = read("boundIamPrincipalArns");
            if (principals.state === "known" && Array.isArray(principals.value) && principals.value.length > 0) {
                principals.value.forEach((_, i) => {
                    const entry = read("boundIamPrincipalArns", i);
                    if (entry.state !== "known") return;
                    const problem = boundPrincipalProblem(entry.value);
                    if (problem) report(problem);
                });
            } else if (principals.state === "known" && !Array.isArray(principals.value)) {
                report({ problem: "boundIamPrincipalArns is not a list of ARNs", value: principals.value, fix: "set boundIamPrincipalArns to a list of IAM role or user ARNs" });
            } else if (principals.state !== "unknown") {
                const inferred = read("inferredEntityType");
                const bounds = INFERRED_BOUNDS.map((b) => read(b));
                const anyUnknown = inferred.state === "unknown" || bounds.some((b) => b.state === "unknown");
                const inferredBound = inferred.state === "known" && bounds.some((b) => b.state === "known" && Array.isArray(b.value) && b.value.length > 0);
                if (!anyUnknown && !inferredBound) {
                    report({ problem: "authType iam binds no IAM principal, so the role does not restrict which AWS identities can log in", value: principals.state === "known" ? principals.value : undefined, fix: "set boundIamPrincipalArns to the IAM role or user ARNs that may log in" });
                }
            }
        }
        const root = rootPolicyProblem(known("tokenPolicies"));
        if (root) report(root);
        const maxTtl = read("tokenMaxTtl");
        // tokenExplicitMaxTtl caps a token's whole life (renewals included), so a bounded one is as good.
        const explicit = read("tokenExplicitMaxTtl");
        const explicitBounded = explicit.state === "known" && tokenMaxTtlProblem(explicit.value, config.maxTokenTtlSeconds) === undefined;
        if (maxTtl.state !== "unknown" && explicit.state !== "unknown" && !explicitBounded) {
            const problem = tokenMaxTtlProblem(maxTtl.state === "known" ? maxTtl.value : undefined, config.maxTokenTtlSeconds);
            if (problem) report(problem);
        }
        const period = read("tokenPeriod");
        if (period.state === "known" && explicit.state !== "unknown") {
            const problem = tokenPeriodProblem(period.value, explicitBounded, config.maxTokenTtlSeconds);
            if (problem) report(problem);
        }
    },
});
