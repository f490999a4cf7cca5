import { expect } from "chai";
import { boundPrincipalProblem, credentialTypeProblems, includesAssumedRole, leaseTtlProblems, rootPolicyProblem, tokenMaxTtlProblem, tokenPeriodProblem } from "../../policies/core/vault";

const problems = (ps: { problem: string }[]) => ps.map((p) => p.problem);

describe("core/vault", () => {
    it("accepts lease TTLs that are set, ordered and within the cap", () => {
        expect(leaseTtlProblems(3600, 86400, 86400)).to.deep.equal([]);
        expect(leaseTtlProblems(60, 60, 86400)).to.deep.equal([]);
    });

    it("treats unset and 0 lease TTLs as Vault's 32-day default", () => {
        expect(problems(leaseTtlProblems(undefined, 0, 86400))).to.deep.equal([
            "defaultLeaseTtlSeconds is not set, so leases fall back to Vault's 32-day system TTL",
            "maxLeaseTtlSeconds is not set, so leases fall back to Vault's 32-day system TTL",
        ]);
    });

    it("orders default ≤ max ≤ cap", () => {
        expect(leaseTtlProblems(7200, 3600, 86400)).to.deep.equal([{ problem: "defaultLeaseTtlSeconds is longer than maxLeaseTtlSeconds", value: 7200, fix: "set defaultLeaseTtlSeconds to at most maxLeaseTtlSeconds (3600)" }]);
        expect(problems(leaseTtlProblems(3600, 172800, 86400))).to.deep.equal(["maxLeaseTtlSeconds is longer than the allowed 86400 seconds"]);
    });

    it("skips TTLs the caller marks unknown, and reports odd types", () => {
        expect(leaseTtlProblems(undefined, 3600, 86400, { defaultTtl: true })).to.deep.equal([]);
        expect(problems(leaseTtlProblems("3600", -1, 86400))).to.deep.equal(["defaultLeaseTtlSeconds is not a whole number of seconds", "maxLeaseTtlSeconds is not a whole number of seconds"]);
        expect(problems(leaseTtlProblems(1.5, null, 86400))).to.deep.equal(["defaultLeaseTtlSeconds is not a whole number of seconds", "maxLeaseTtlSeconds is not a whole number of seconds"]);
    });

    it("accepts short-lived credential types and flags the others", () => {
        expect(credentialTypeProblems("assumed_role")).to.deep.equal([]);
        expect(credentialTypeProblems("federation_token")).to.deep.equal([]);
        expect(problems(credentialTypeProblems("iam_user"))).to.deep.equal(["credentialType iam_user creates IAM users with long-lived access keys"]);
        expect(problems(credentialTypeProblems("session_token"))).to.deep.equal(["credentialType session_token returns STS credentials with all the permissions of Vault's own IAM identity, unscoped by the role"]);
        expect(problems(credentialTypeProblems("assumed_role, iam_user"))).to.deep.equal(["credentialType iam_user creates IAM users with long-lived access keys"]);
        expect(problems(credentialTypeProblems("iam-user"))).to.deep.equal(["credentialType is not a Vault AWS credential type"]);
        expect(problems(credentialTypeProblems(undefined))).to.deep.equal(["credentialType is not a Vault AWS credential type"]);
        expect(includesAssumedRole("iam_user,assumed_role")).to.equal(true);
        expect(includesAssumedRole(7)).to.equal(false);
    });

    it("accepts IAM role and user ARNs in every partition, and a trailing wildcard on a name", () => {
        for (const arn of ["arn:aws:iam::123456789012:role/ai-service", "arn:aws:iam::123456789012:user/ci", "arn:aws-cn:iam::123456789012:role/path/to/r", "arn:aws-us-gov:iam::123456789012:role/r", "arn:aws:iam::123456789012:role/ai-*"]) {
            expect(boundPrincipalProblem(arn), arn).to.equal(undefined);
        }
    });

    it("flags principals that are not specific IAM roles or users", () => {
        const cases: [unknown, string][] = [
            ["*", "boundIamPrincipalArns lets any AWS principal in any account log in"],
            ["arn:aws:iam::*:role/ai-service", "boundIamPrincipalArns uses a wildcard account, so principals in any account can log in"],
            ["arn:aws:iam::123456789012:role/*", "boundIamPrincipalArns binds every IAM role in account 123456789012"],
            ["arn:aws:iam::123456789012:user/team/*", "boundIamPrincipalArns binds every IAM user in account 123456789012"],
            ["arn:aws:sts::123456789012:assumed-role/r/session", "boundIamPrincipalArns names an STS session, not the IAM role it belongs to"],
            ["urn:pulumi:dev::ai::pulumi:providers:aws::aws-provider", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            ["arn:aws:iam::123456789012:instance-profile/p", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            ["arn:aws:s3:::bucket", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            ["arn:aws:iam::12345:role/r", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            ["arn:aws:iam:us-east-1:123456789012:role/r", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            ["arn:aws:iam::123456789012:role/", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            ["arn:aws:iam::123456789012:role/" + "x".repeat(5 * 1024 * 1024), "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            [42, "boundIamPrincipalArns has an entry that is not an ARN"],
        ];
        for (const [arn, problem] of cases) expect(boundPrincipalProblem(arn)?.problem, String(arn)).to.equal(problem);
    });

    it("flags the root policy in any case and spacing", () => {
        expect(rootPolicyProblem(["default", "dev"])).to.equal(undefined);
        expect(rootPolicyProblem(["default", " Root "])?.problem).to.equal("tokenPolicies grants the root policy, which is unrestricted access to Vault");
        expect(rootPolicyProblem("root")).to.equal(undefined);
    });

    it("bounds tokenMaxTtl", () => {
        expect(tokenMaxTtlProblem(3600, 86400)).to.equal(undefined);
        expect(tokenMaxTtlProblem(undefined, 86400)?.problem).to.equal("tokenMaxTtl is not set, so tokens live up to the system maximum (32 days by default)");
        expect(tokenMaxTtlProblem(0, 86400)?.problem).to.equal("tokenMaxTtl is not set, so tokens live up to the system maximum (32 days by default)");
        expect(tokenMaxTtlProblem(90000, 86400)?.problem).to.equal("tokenMaxTtl is longer than the allowed 86400 seconds");
        expect(tokenMaxTtlProblem("1h", 86400)?.problem).to.equal("tokenMaxTtl is not a whole number of seconds");
    });

    it("flags a token period that no explicit max TTL ends", () => {
        expect(tokenPeriodProblem(3600, false, 86400)?.problem).to.equal("tokenPeriod makes periodic tokens that never expire while renewed, whatever tokenMaxTtl says");
        expect(tokenPeriodProblem(3600, true, 86400)).to.equal(undefined);
        for (const p of [0, undefined, "1h", -1]) expect(tokenPeriodProblem(p, false, 86400)).to.equal(undefined);
    });
});
