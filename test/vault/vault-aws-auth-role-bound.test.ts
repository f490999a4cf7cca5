import { expect } from "chai";
import { vaultAwsAuthRoleBound } from "../../policies/vault/vault-aws-auth-role-bound";
import { expectClean, huge, judge, secretWire, UNKNOWN } from "../helpers";

const ROLE = "vault:aws/authBackendRole:AuthBackendRole";
const judgeRole = (props: Record<string, unknown>, config = {}) => judge(vaultAwsAuthRoleBound, ROLE, props, config, "ai-model-auth-backend-role");
const R = "ai-model-auth-backend-role";
const BIND_FIX = "Fix: bind boundIamPrincipalArns to specific IAM role or user ARNs (arn:aws:iam::<account-id>:role/<name>).";
const GOOD = { role: "ai-service-role", backend: "aws", authType: "iam", boundIamPrincipalArns: ["arn:aws:iam::123456789012:role/ai-service"], tokenPolicies: ["default"], tokenMaxTtl: 3600 };

describe("vault-aws-auth-role-bound", () => {
    it("passes an iam role bound to an IAM role ARN with a bounded token", async () => {
        expectClean(await judgeRole(GOOD));
        expectClean(await judgeRole({ ...GOOD, authType: undefined, boundIamPrincipalArns: ["arn:aws:iam::123456789012:user/ci", "arn:aws:iam::123456789012:role/ai-*"] }));
    });

    it("flags seed 004: a provider's URN instead of an IAM principal ARN, and no tokenMaxTtl", async () => {
        const v = await judgeRole({ role: "ai-service-role", backend: "aws", authType: "iam", boundIamPrincipalArns: ["urn:pulumi:dev::ai::pulumi:providers:aws::aws-provider"], tokenPolicies: ["default"] });
        expect(v.messages).to.deep.equal([
            `${R}: boundIamPrincipalArns has an entry that is not an IAM role or user ARN ("urn:pulumi:dev::ai::pulumi:providers:aws::aws-provider"). ${BIND_FIX}`,
            `${R}: tokenMaxTtl is not set, so tokens live up to the system maximum (32 days by default) (not set). Fix: set tokenMaxTtl to at most 86400 seconds.`,
        ]);
        expect(v.diagnostics[0].level).to.equal("mandatory");
    });

    it("flags `*`, a wildcard account and a whole-account wildcard", async () => {
        const v = await judgeRole({ ...GOOD, boundIamPrincipalArns: ["*", "arn:aws:iam::*:role/ai-service", "arn:aws:iam::123456789012:role/*"] });
        expect(v.messages).to.deep.equal([
            `${R}: boundIamPrincipalArns lets any AWS principal in any account log in ("*"). ${BIND_FIX}`,
            `${R}: boundIamPrincipalArns uses a wildcard account, so principals in any account can log in ("arn:aws:iam::*:role/ai-service"). ${BIND_FIX}`,
            `${R}: boundIamPrincipalArns binds every IAM role in account 123456789012 ("arn:aws:iam::123456789012:role/*"). ${BIND_FIX}`,
        ]);
    });

    it("flags an iam role that binds no principal, unless inferred-entity bounds restrict it", async () => {
        const none = `${R}: authType iam binds no IAM principal, so the role does not restrict which AWS identities can log in (not set). Fix: set boundIamPrincipalArns to the IAM role or user ARNs that may log in.`;
        expect((await judgeRole({ ...GOOD, boundIamPrincipalArns: undefined })).messages).to.deep.equal([none]);
        expect((await judgeRole({ ...GOOD, boundIamPrincipalArns: [] })).messages).to.deep.equal([none.replace("(not set)", "([])")]);
        expectClean(await judgeRole({ ...GOOD, boundIamPrincipalArns: [], inferredEntityType: "ec2_instance", inferredAwsRegion: "us-east-1", boundAccountIds: ["123456789012"] }));
        expectClean(await judgeRole({ ...GOOD, boundIamPrincipalArns: [], inferredEntityType: "ec2_instance", boundVpcIds: UNKNOWN }));
    });

    it("does not judge principal bounds of ec2 roles", async () => {
        expectClean(await judgeRole({ ...GOOD, authType: "ec2", boundIamPrincipalArns: undefined, boundAmiIds: ["ami-1"] }));
    });

    it("flags the root policy", async () => {
        expect((await judgeRole({ ...GOOD, tokenPolicies: ["default", "root"] })).messages).to.deep.equal([
            `${R}: tokenPolicies grants the root policy, which is unrestricted access to Vault (["default","root"]). Fix: remove root from tokenPolicies and grant a least-privilege policy.`,
        ]);
    });

    it("bounds tokenMaxTtl by the maxTokenTtlSeconds config", async () => {
        expect((await judgeRole({ ...GOOD, tokenMaxTtl: 0 })).messages).to.deep.equal([`${R}: tokenMaxTtl is not set, so tokens live up to the system maximum (32 days by default) (0). Fix: set tokenMaxTtl to at most 86400 seconds.`]);
        expect((await judgeRole({ ...GOOD, tokenMaxTtl: 7200 }, { maxTokenTtlSeconds: 3600 })).messages).to.deep.equal([`${R}: tokenMaxTtl is longer than the allowed 3600 seconds (7200). Fix: set tokenMaxTtl to at most 3600 seconds.`]);
    });

    it("accepts a bounded tokenExplicitMaxTtl in place of tokenMaxTtl", async () => {
        expectClean(await judgeRole({ ...GOOD, tokenMaxTtl: undefined, tokenExplicitMaxTtl: 3600 }));
        expectClean(await judgeRole({ ...GOOD, tokenMaxTtl: undefined, tokenExplicitMaxTtl: UNKNOWN }));
        expect((await judgeRole({ ...GOOD, tokenMaxTtl: undefined, tokenExplicitMaxTtl: 90000 })).messages).to.deep.equal([
            `${R}: tokenMaxTtl is not set, so tokens live up to the system maximum (32 days by default) (not set). Fix: set tokenMaxTtl to at most 86400 seconds.`,
        ]);
    });

    it("flags periodic tokens unless tokenExplicitMaxTtl ends them", async () => {
        expect((await judgeRole({ ...GOOD, tokenPeriod: 3600 })).messages).to.deep.equal([
            `${R}: tokenPeriod makes periodic tokens that never expire while renewed, whatever tokenMaxTtl says (3600). Fix: remove tokenPeriod, or set tokenExplicitMaxTtl to at most 86400 seconds.`,
        ]);
        expectClean(await judgeRole({ ...GOOD, tokenPeriod: 3600, tokenExplicitMaxTtl: 86400 }));
        expectClean(await judgeRole({ ...GOOD, tokenPeriod: 0 }));
    });

    it("stays quiet about unknown values in preview", async () => {
        expectClean(await judgeRole({ ...GOOD, authType: UNKNOWN, boundIamPrincipalArns: UNKNOWN, tokenPolicies: UNKNOWN, tokenMaxTtl: UNKNOWN, tokenPeriod: UNKNOWN }));
        expectClean(await judgeRole({ ...GOOD, tokenPeriod: 3600, tokenExplicitMaxTtl: UNKNOWN }));
        expectClean(await judgeRole({ ...GOOD, boundIamPrincipalArns: [UNKNOWN, "arn:aws:iam::123456789012:role/r"], tokenPolicies: [UNKNOWN, "default"] }));
    });

    it("reads secret-wrapped values like plain ones", async () => {
        expect((await judgeRole({ ...GOOD, boundIamPrincipalArns: [secretWire("*")] })).messages).to.deep.equal([`${R}: boundIamPrincipalArns lets any AWS principal in any account log in ("*"). ${BIND_FIX}`]);
    });

    it("reports odd input, never throws", async () => {
        expect((await judgeRole({ ...GOOD, boundIamPrincipalArns: "arn:aws:iam::123456789012:role/r" })).messages).to.deep.equal([
            `${R}: boundIamPrincipalArns is not a list of ARNs ("arn:aws:iam::123456789012:role/r"). Fix: set boundIamPrincipalArns to a list of IAM role or user ARNs.`,
        ]);
        for (const odd of [42, null, { a: 1 }, [null, 7, { x: [] }], [huge()], huge()]) {
            const v = await judgeRole({ ...GOOD, boundIamPrincipalArns: odd, tokenPolicies: odd, tokenMaxTtl: odd });
            for (const m of v.messages) expect(m).to.match(/^ai-model-auth-backend-role: .* Fix: .+\.$/);
            expect(v.messages.join("").length).to.be.lessThan(2000);
        }
    });

    it("bounds tokenMaxTtl by the 86400-second default cap when no config is given", async () => {
        expect((await judgeRole({ ...GOOD, tokenMaxTtl: 90000 })).messages).to.deep.equal([`${R}: tokenMaxTtl is longer than the allowed 86400 seconds (90000). Fix: set tokenMaxTtl to at most 86400 seconds.`]);
        expectClean(await judgeRole({ ...GOOD, tokenMaxTtl: 86400 }));
    });

    it("flags bound ARNs that are not IAM roles or users: other services, groups, identity providers, STS sessions, bare names", async () => {
        const notPrincipal = (arn: string) => `${R}: boundIamPrincipalArns has an entry that is not an IAM role or user ARN ("${arn}"). ${BIND_FIX}`;
        const oidc = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
        const session = "arn:aws:sts::123456789012:assumed-role/ai-service/i-0abc";
        const v = await judgeRole({ ...GOOD, boundIamPrincipalArns: ["arn:aws:s3:::ai-model-data", "arn:aws:iam::123456789012:group/devs", oidc, session, "ai-service"] });
        expect(v.messages).to.deep.equal([
            notPrincipal("arn:aws:s3:::ai-model-data"),
            notPrincipal("arn:aws:iam::123456789012:group/devs"),
            notPrincipal(oidc),
            `${R}: boundIamPrincipalArns names an STS session, not the IAM role it belongs to ("${session}"). ${BIND_FIX}`,
            notPrincipal("ai-service"),
        ]);
    });
});
