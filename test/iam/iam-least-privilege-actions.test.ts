import { expect } from "chai";
import { iamLeastPrivilegeActions } from "../../policies/iam/iam-least-privilege-actions";
import { expectClean, judge, UNKNOWN } from "../helpers";
import { allow, badDocuments, BUCKET_ARN, doc, IAM_POLICY, KEY_ARN, KMS_KEY, ROLE, VAULT_ROLE } from "./documents";

const judgePolicy = (policy: unknown) => judge(iamLeastPrivilegeActions, IAM_POLICY, { policy }, {}, "s3AccessPolicy");
const at = (statement: string) => `s3AccessPolicy: policy ${statement}:`;

describe("iam-least-privilege-actions", () => {
    it("passes named actions and partial wildcards", async () => {
        expectClean(await judgePolicy(doc(allow(["s3:GetObject", "s3:Get*", "KMS:Decrypt"], `${BUCKET_ARN}/*`))));
    });

    it("flags a service-wide wildcard (seed 002's s3:*)", async () => {
        const v = await judgePolicy(doc(allow("s3:*", [BUCKET_ARN, `${BUCKET_ARN}/*`]), allow("kms:Decrypt", KEY_ARN)));
        expect(v.messages).to.deep.equal([`${at("statement 1")} grants every action of the s3 service ("s3:*"). Fix: list the s3 actions the workload needs instead.`]);
        expect(v.diagnostics[0].level).to.equal("mandatory");
    });

    it("flags the * action", async () => {
        const v = await judgePolicy(doc({ Sid: "Admin", Effect: "Allow", Action: ["*"], Resource: "*" }, allow("*:*", "*")));
        expect(v.messages).to.deep.equal([
            `${at('statement "Admin"')} grants every action on every service ("*"). Fix: list the actions the workload needs.`,
            `${at("statement 2")} grants every action on every service ("*:*"). Fix: list the actions the workload needs.`,
        ]);
    });

    it("flags NotAction under Allow, but not under Deny", async () => {
        const v = await judgePolicy(doc({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }, { Effect: "Deny", NotAction: "kms:Decrypt", Resource: KEY_ARN }));
        expect(v.messages).to.deep.equal([`${at("statement 1")} grants every action except those listed (NotAction under Allow) ("iam:*, organizations:*"). Fix: replace NotAction with an Action list of what the workload needs.`]);
    });

    it("flags misspelt actions with the closest real one", async () => {
        const v = await judgePolicy(doc(allow(["kms:Decrpyt", "kms:Frobnicate"], KEY_ARN)));
        expect(v.messages).to.deep.equal([`${at("statement 1")} names an action IAM does not have, so it grants or denies nothing ("kms:Decrpyt"). Fix: use kms:Decrypt (did you mean it?).`]);
    });

    it("does not flag unknown actions or services with no near miss: retired or newer than the catalog", async () => {
        // Both appear in AWS's own managed policies (AWSDeepRacerDefaultMultiUserAccess, AWSManagedSettingsAdminAccess).
        expectClean(await judgePolicy(doc(allow(["deepracer:Add*", "budgets:UpdateBudget"], "*"))));
    });

    it("flags unknown services and wildcards that match nothing", async () => {
        const v = await judgePolicy(doc(allow(["ksm:Decrypt", "kms:Frob*"], KEY_ARN)));
        expect(v.messages).to.deep.equal([
            `${at("statement 1")} names a service IAM does not have, so it grants or denies nothing ("ksm:Decrypt"). Fix: use kms:Decrypt (did you mean the kms service?).`,
            `${at("statement 1")} is a wildcard that matches no action, so it grants or denies nothing ("kms:Frob*"). Fix: use a pattern that matches real kms actions.`,
        ]);
    });

    it("flags typos in Deny statements too, where they silently deny nothing, but not Deny wildcards", async () => {
        const v = await judgePolicy(doc({ Effect: "Deny", Action: ["s3:*", "kms:ScheduleKeyDeleton"], Resource: "*" }));
        expect(v.messages).to.deep.equal([`${at("statement 1")} names an action IAM does not have, so it grants or denies nothing ("kms:ScheduleKeyDeleton"). Fix: use kms:ScheduleKeyDeletion (did you mean it?).`]);
    });

    it("reads Role inline policies and Vault roles, not trust or key policies", async () => {
        const bad = doc(allow("s3:*", "*"));
        const role = await judge(iamLeastPrivilegeActions, ROLE, { assumeRolePolicy: doc({ Effect: "Allow", Action: "sts:*", Principal: { Service: "ec2.amazonaws.com" } }), inlinePolicies: [{ name: "a", policy: bad }] }, {}, "r");
        expect(role.messages).to.deep.equal(['r: inlinePolicies[0].policy statement 1: grants every action of the s3 service ("s3:*"). Fix: list the s3 actions the workload needs instead.']);
        const vault = await judge(iamLeastPrivilegeActions, VAULT_ROLE, { policyDocument: bad }, {}, "v");
        expect(vault.messages).to.have.length(1);
        expectClean(await judge(iamLeastPrivilegeActions, KMS_KEY, { policy: doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }) }));
    });

    it("stays quiet about unknown values in preview", async () => {
        expectClean(await judgePolicy(UNKNOWN));
        expectClean(await judgePolicy({ Version: "2012-10-17", Statement: [allow(UNKNOWN, "*"), allow(["s3:GetObject", UNKNOWN], UNKNOWN)] }));
        expectClean(await judgePolicy({ Version: "2012-10-17", Statement: [{ Effect: UNKNOWN, Action: "*", Resource: "*" }] }));
    });

    it("leaves documents it cannot read to iam-policy-document-valid, without throwing", async () => {
        for (const [what, input] of badDocuments()) expectClean(await judgePolicy(input).catch((e) => expect.fail(`${what}: ${e}`)));
        expectClean(await judgePolicy(doc({ Action: "*", Resource: "*" })));
    });

    it("reads action names case-insensitively: S3:* is a service-wide wildcard, KMS:DECRYPT a real action", async () => {
        const v = await judgePolicy(doc(allow(["S3:*", "kms:decrypt", "KMS:DECRYPT"], "*")));
        expect(v.messages).to.deep.equal([`${at("statement 1")} grants every action of the s3 service ("S3:*"). Fix: list the s3 actions the workload needs instead.`]);
    });

    it("names the Vault role's policyDocument in its message", async () => {
        const vault = await judge(iamLeastPrivilegeActions, VAULT_ROLE, { policyDocument: doc(allow("s3:*", "*")) }, {}, "v");
        expect(vault.messages).to.deep.equal(['v: policyDocument statement 1: grants every action of the s3 service ("s3:*"). Fix: list the s3 actions the workload needs instead.']);
    });
});
