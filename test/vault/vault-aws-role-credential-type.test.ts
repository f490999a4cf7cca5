import { expect } from "chai";
import { vaultAwsRoleCredentialType } from "../../policies/vault/vault-aws-role-credential-type";
import { expectClean, huge, judge, secretWire, UNKNOWN } from "../helpers";

const ROLE = "vault:aws/secretBackendRole:SecretBackendRole";
const judgeRole = (props: Record<string, unknown>) => judge(vaultAwsRoleCredentialType, ROLE, props, {}, "ai-app-role");
const FIX = "Fix: set credentialType: assumed_role (with roleArns) or federation_token.";

describe("vault-aws-role-credential-type", () => {
    it("passes assumed_role with roleArns, and federation_token", async () => {
        expectClean(await judgeRole({ backend: "aws", credentialType: "assumed_role", roleArns: ["arn:aws:iam::123456789012:role/ai-app"] }));
        expectClean(await judgeRole({ backend: "aws", credentialType: "federation_token", policyDocument: "{}" }));
    });

    it("flags iam_user (seed 003) at advisory level", async () => {
        const v = await judgeRole({ backend: "aws", credentialType: "iam_user", policyDocument: '{"Version":"2012-10-17","Statement":[]}' });
        expect(v.messages).to.deep.equal([`ai-app-role: credentialType iam_user creates IAM users with long-lived access keys ("iam_user"). ${FIX}`]);
        expect(v.diagnostics[0].level).to.equal("advisory");
    });

    it("flags session_token and values that are not credential types", async () => {
        expect((await judgeRole({ credentialType: "session_token" })).messages).to.deep.equal([
            `ai-app-role: credentialType session_token returns STS credentials with all the permissions of Vault's own IAM identity, unscoped by the role ("session_token"). ${FIX}`,
        ]);
        expect((await judgeRole({ credentialType: "IAM_USER" })).messages).to.deep.equal([`ai-app-role: credentialType is not a Vault AWS credential type ("IAM_USER"). ${FIX}`]);
        expect((await judgeRole({})).messages).to.deep.equal([`ai-app-role: credentialType is not a Vault AWS credential type (not set). ${FIX}`]);
    });

    it("notes an assumed_role role with no roleArns", async () => {
        const note = "ai-app-role: credentialType assumed_role lists no roleArns, so Vault has no role to assume (not set). Fix: set roleArns to the IAM role ARNs this Vault role may assume.";
        expect((await judgeRole({ credentialType: "assumed_role" })).messages).to.deep.equal([note]);
        expect((await judgeRole({ credentialType: "assumed_role", roleArns: [] })).messages).to.deep.equal([note.replace("(not set)", "([])")]);
        expectClean(await judgeRole({ credentialType: "assumed_role", roleArns: UNKNOWN }));
    });

    it("stays quiet about unknown values in preview", async () => {
        expectClean(await judgeRole({ credentialType: UNKNOWN, policyDocument: UNKNOWN }));
    });

    it("reads secret-wrapped values like plain ones", async () => {
        expect((await judgeRole({ credentialType: secretWire("iam_user") })).messages).to.deep.equal([`ai-app-role: credentialType iam_user creates IAM users with long-lived access keys ("iam_user"). ${FIX}`]);
    });

    it("never throws on odd input", async () => {
        for (const credentialType of [42, null, { t: "iam_user" }, ["assumed_role"], huge()]) {
            const v = await judgeRole({ credentialType });
            for (const m of v.messages) expect(m).to.match(/^ai-app-role: credentialType .* Fix: .+\.$/);
            expect(v.messages.join("").length).to.be.lessThan(1000);
        }
        expect((await judgeRole({ credentialType: 42 })).messages).to.deep.equal([`ai-app-role: credentialType is not a Vault AWS credential type (42). ${FIX}`]);
    });
});
