import { vaultAwsAuthRoleBound } from "../../policies/vault/vault-aws-auth-role-bound";
import { huge } from "../helpers";
import { secretWire, testPolicy, UNKNOWN } from "../lib/policy-tester";

const ROLE = "vault:aws/authBackendRole:AuthBackendRole";
const BIND_FIX = "Fix: bind boundIamPrincipalArns to specific IAM role or user ARNs (arn:aws:iam::<account-id>:role/<name>).";
const GOOD = { role: "ai-service-role", backend: "aws", authType: "iam", boundIamPrincipalArns: ["arn:aws:iam::123456789012:role/ai-service"], tokenPolicies: ["default"], tokenMaxTtl: 3600 };
const NOT_IAM = (arn: string) => `res: boundIamPrincipalArns has an entry that is not an IAM role or user ARN (${JSON.stringify(arn)}). ${BIND_FIX}`;
const NO_PRINCIPAL = (shown: string) => `res: authType iam binds no IAM principal, so the role does not restrict which AWS identities can log in (${shown}). Fix: set boundIamPrincipalArns to the IAM role or user ARNs that may log in.`;
const TTL_UNSET = (shown: string, name = "res") => `${name}: tokenMaxTtl is not set, so tokens live up to the system maximum (32 days by default) (${shown}). Fix: set tokenMaxTtl to at most 86400 seconds.`;
const TTL_OVER = (ttl: number, cap: number) => `res: tokenMaxTtl is longer than the allowed ${cap} seconds (${ttl}). Fix: set tokenMaxTtl to at most ${cap} seconds.`;
const ANY = `res: boundIamPrincipalArns lets any AWS principal in any account log in ("*"). ${BIND_FIX}`;
/** A 5 MB string as a message shows it: its first characters, quoted and cut at 160. */
const HUGE = huge();
const HUGE_SHOWN = `"${"x".repeat(158)}…`;
const SESSION = "arn:aws:sts::123456789012:assumed-role/ai-service/i-0abc";
const OIDC = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";

testPolicy(vaultAwsAuthRoleBound, {
    type: ROLE,
    valid: [
        { title: "an iam role bound to an IAM role ARN, with a bounded token", props: GOOD },
        { title: "authType left to Vault's default (iam), bound to a user and a name prefix", props: { ...GOOD, authType: undefined, boundIamPrincipalArns: ["arn:aws:iam::123456789012:user/ci", "arn:aws:iam::123456789012:role/ai-*"] } },
        { title: "no principal ARNs, but inferred-entity bounds restrict logins", props: { ...GOOD, boundIamPrincipalArns: [], inferredEntityType: "ec2_instance", inferredAwsRegion: "us-east-1", boundAccountIds: ["123456789012"] } },
        { title: "an ec2 role: principal bounds are not judged", props: { ...GOOD, authType: "ec2", boundIamPrincipalArns: undefined, boundAmiIds: ["ami-1"] } },
        { title: "tokenMaxTtl at the 86400-second default cap", props: { ...GOOD, tokenMaxTtl: 86400 } },
        { title: "a bounded tokenExplicitMaxTtl in place of tokenMaxTtl", props: { ...GOOD, tokenMaxTtl: undefined, tokenExplicitMaxTtl: 3600 } },
        { title: "a periodic token that tokenExplicitMaxTtl ends", props: { ...GOOD, tokenPeriod: 3600, tokenExplicitMaxTtl: 86400 } },
        { title: "tokenPeriod 0 (not periodic)", props: { ...GOOD, tokenPeriod: 0 } },
        { title: "tokenMaxTtl within a configured cap", props: { ...GOOD, tokenMaxTtl: 3600 }, config: { maxTokenTtlSeconds: 3600 } },
        { title: "secret-wrapped values read like plain ones", props: { ...GOOD, boundIamPrincipalArns: [secretWire("arn:aws:iam::123456789012:role/ai-service")], tokenMaxTtl: secretWire(3600) } },
        { title: "odd token policies are not a root grant", props: { ...GOOD, tokenPolicies: "root" } },
    ],
    invalid: [
        {
            title: "seed 004: a provider's URN instead of an IAM principal ARN, and no tokenMaxTtl",
            name: "ai-model-auth-backend-role",
            props: { role: "ai-service-role", backend: "aws", authType: "iam", boundIamPrincipalArns: ["urn:pulumi:dev::ai::pulumi:providers:aws::aws-provider"], tokenPolicies: ["default"] },
            messages: [NOT_IAM("urn:pulumi:dev::ai::pulumi:providers:aws::aws-provider").replace(/^res:/, "ai-model-auth-backend-role:"), TTL_UNSET("not set", "ai-model-auth-backend-role")],
            codes: ["bound-principal-not-iam", "token-ttl-unset"],
        },
        { title: "`*`: any principal", props: { ...GOOD, boundIamPrincipalArns: ["*"] }, messages: [ANY], codes: ["bound-principal-any"] },
        {
            title: "a wildcard account",
            props: { ...GOOD, boundIamPrincipalArns: ["arn:aws:iam::*:role/ai-service"] },
            messages: [`res: boundIamPrincipalArns uses a wildcard account, so principals in any account can log in ("arn:aws:iam::*:role/ai-service"). ${BIND_FIX}`],
            codes: ["bound-principal-any-account"],
        },
        {
            title: "a wildcard for the whole role name",
            props: { ...GOOD, boundIamPrincipalArns: ["arn:aws:iam::123456789012:role/*"] },
            messages: [`res: boundIamPrincipalArns binds every IAM role in account 123456789012 ("arn:aws:iam::123456789012:role/*"). ${BIND_FIX}`],
            codes: ["bound-principal-whole-account"],
        },
        {
            title: "ARNs that are not IAM roles or users: another service, a group, an identity provider, an STS session, a bare name",
            props: { ...GOOD, boundIamPrincipalArns: ["arn:aws:s3:::ai-model-data", "arn:aws:iam::123456789012:group/devs", OIDC, SESSION, "ai-service"] },
            messages: [
                NOT_IAM("arn:aws:s3:::ai-model-data"),
                NOT_IAM("arn:aws:iam::123456789012:group/devs"),
                NOT_IAM(OIDC),
                `res: boundIamPrincipalArns names an STS session, not the IAM role it belongs to ("${SESSION}"). ${BIND_FIX}`,
                NOT_IAM("ai-service"),
            ],
            codes: ["bound-principal-not-iam", "bound-principal-not-iam", "bound-principal-not-iam", "bound-principal-session", "bound-principal-not-iam"],
        },
        { title: "no boundIamPrincipalArns", props: { ...GOOD, boundIamPrincipalArns: undefined }, messages: [NO_PRINCIPAL("not set")], codes: ["no-bound-principal"] },
        { title: "an empty boundIamPrincipalArns", props: { ...GOOD, boundIamPrincipalArns: [] }, messages: [NO_PRINCIPAL("[]")], codes: ["no-bound-principal"] },
        { title: "no principal ARNs and inferred bounds without inferredEntityType", props: { ...GOOD, authType: undefined, boundIamPrincipalArns: [], boundAccountIds: ["123456789012"] }, messages: [NO_PRINCIPAL("[]")], codes: ["no-bound-principal"] },
        {
            title: "the root policy",
            props: { ...GOOD, tokenPolicies: ["default", "root"] },
            messages: ['res: tokenPolicies grants the root policy, which is unrestricted access to Vault (["default","root"]). Fix: remove root from tokenPolicies and grant a least-privilege policy.'],
            codes: ["root-policy"],
        },
        { title: "tokenMaxTtl 0: the system maximum", props: { ...GOOD, tokenMaxTtl: 0 }, messages: [TTL_UNSET("0")], codes: ["token-ttl-unset"] },
        { title: "tokenMaxTtl over the configured cap", props: { ...GOOD, tokenMaxTtl: 7200 }, config: { maxTokenTtlSeconds: 3600 }, messages: [TTL_OVER(7200, 3600)], codes: ["token-ttl-over-cap"] },
        { title: "tokenMaxTtl over the 86400-second default cap", props: { ...GOOD, tokenMaxTtl: 90000 }, messages: [TTL_OVER(90000, 86400)], codes: ["token-ttl-over-cap"] },
        { title: "a tokenExplicitMaxTtl over the cap does not stand in for tokenMaxTtl", props: { ...GOOD, tokenMaxTtl: undefined, tokenExplicitMaxTtl: 90000 }, messages: [TTL_UNSET("not set")], codes: ["token-ttl-unset"] },
        {
            title: "periodic tokens that no tokenExplicitMaxTtl ends",
            props: { ...GOOD, tokenPeriod: 3600 },
            messages: ["res: tokenPeriod makes periodic tokens that never expire while renewed, whatever tokenMaxTtl says (3600). Fix: remove tokenPeriod, or set tokenExplicitMaxTtl to at most 86400 seconds."],
            codes: ["periodic-token"],
        },
        { title: "a secret-wrapped `*` reads like a plain one", props: { ...GOOD, boundIamPrincipalArns: [secretWire("*")] }, messages: [ANY], codes: ["bound-principal-any"] },
        {
            title: "boundIamPrincipalArns a string, not a list",
            props: { ...GOOD, boundIamPrincipalArns: "arn:aws:iam::123456789012:role/r" },
            messages: ['res: boundIamPrincipalArns is not a list of ARNs ("arn:aws:iam::123456789012:role/r"). Fix: set boundIamPrincipalArns to a list of IAM role or user ARNs.'],
            codes: ["bound-principals-not-list"],
        },
        {
            title: "odd entries (null skipped, a number, an object) and an object tokenMaxTtl",
            props: { ...GOOD, boundIamPrincipalArns: [null, 7, { x: [] }], tokenMaxTtl: { a: 1 } },
            messages: [`res: boundIamPrincipalArns has an entry that is not an ARN (7). ${BIND_FIX}`, `res: boundIamPrincipalArns has an entry that is not an ARN ({"x":[]}). ${BIND_FIX}`, 'res: tokenMaxTtl is not a whole number of seconds ({"a":1}). Fix: set tokenMaxTtl to at most 86400 seconds.'],
            codes: ["bound-principal-not-arn", "bound-principal-not-arn", "token-ttl-not-seconds"],
        },
        {
            title: "5 MB strings: shown cut short",
            props: { ...GOOD, boundIamPrincipalArns: HUGE, tokenPolicies: HUGE, tokenMaxTtl: HUGE },
            messages: [`res: boundIamPrincipalArns is not a list of ARNs (${HUGE_SHOWN}). Fix: set boundIamPrincipalArns to a list of IAM role or user ARNs.`, `res: tokenMaxTtl is not a whole number of seconds (${HUGE_SHOWN}). Fix: set tokenMaxTtl to at most 86400 seconds.`],
            codes: ["bound-principals-not-list", "token-ttl-not-seconds"],
        },
        { title: "a 5 MB entry", props: { ...GOOD, boundIamPrincipalArns: [HUGE] }, messages: [`res: boundIamPrincipalArns has an entry that is not an IAM role or user ARN (${HUGE_SHOWN}). ${BIND_FIX}`], codes: ["bound-principal-not-iam"] },
        { title: "a number for the principals, null policies and TTL", props: { ...GOOD, boundIamPrincipalArns: 42, tokenPolicies: null, tokenMaxTtl: null }, messages: ["res: boundIamPrincipalArns is not a list of ARNs (42). Fix: set boundIamPrincipalArns to a list of IAM role or user ARNs.", TTL_UNSET("not set")], codes: ["bound-principals-not-list", "token-ttl-unset"] },
    ],
    preview: [
        { title: "every value computed", props: { ...GOOD, authType: UNKNOWN, boundIamPrincipalArns: UNKNOWN, tokenPolicies: UNKNOWN, tokenMaxTtl: UNKNOWN, tokenPeriod: UNKNOWN } },
        { title: "a periodic token whose tokenExplicitMaxTtl is computed", props: { ...GOOD, tokenPeriod: 3600, tokenExplicitMaxTtl: UNKNOWN } },
        { title: "a computed tokenExplicitMaxTtl in place of tokenMaxTtl", props: { ...GOOD, tokenMaxTtl: undefined, tokenExplicitMaxTtl: UNKNOWN } },
        { title: "computed entries among the ARNs and policies", props: { ...GOOD, boundIamPrincipalArns: [UNKNOWN, "arn:aws:iam::123456789012:role/r"], tokenPolicies: [UNKNOWN, "default"] } },
        { title: "a computed inferred bound", props: { ...GOOD, boundIamPrincipalArns: [], inferredEntityType: "ec2_instance", boundVpcIds: UNKNOWN } },
        { title: "a computed inferredEntityType", props: { ...GOOD, boundIamPrincipalArns: undefined, inferredEntityType: UNKNOWN } },
    ],
    config: [
        {
            config: { maxTokenTtlSeconds: 0 },
            errors: ["vault-aws-auth-role-bound: config maxTokenTtlSeconds must be ≥ 1 (got 0); using the default 86400. Fix: correct it in the policy pack config."],
        },
    ],
});
