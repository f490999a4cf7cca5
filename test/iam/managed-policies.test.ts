/** Attached AWS managed policies, judged by their real documents (POLICIES.md, IAM reading rules). */
import { expect } from "chai";
import { execFileSync } from "child_process";
import { join } from "path";
import { managedPolicyDocument, managedPolicyName } from "../../policies/core/iam/managed-policies";
import { iamKmsLeastPrivilege } from "../../policies/iam/iam-kms-least-privilege";
import { iamLeastPrivilegeActions } from "../../policies/iam/iam-least-privilege-actions";
import { iamPolicyDocumentValid } from "../../policies/iam/iam-policy-document-valid";
import { expectClean, judge, UNKNOWN } from "../helpers";
import { ROLE, VAULT_ROLE } from "./documents";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const LAMBDA_BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
const REPLACE = "replace the AWS managed policy AdministratorAccess with a customer-managed policy of your own, and in it";
const ATTACHMENTS: Array<[string, string, Record<string, unknown>, string]> = [
    ["Role.managedPolicyArns", ROLE, { managedPolicyArns: [LAMBDA_BASIC, ADMIN] }, "managedPolicyArns[1] (AdministratorAccess)"],
    ["RolePolicyAttachment", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "ai-worker", policyArn: ADMIN }, "policyArn (AdministratorAccess)"],
    ["UserPolicyAttachment", "aws:iam/userPolicyAttachment:UserPolicyAttachment", { user: "ci", policyArn: ADMIN }, "policyArn (AdministratorAccess)"],
    ["GroupPolicyAttachment", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", { group: "ml", policyArn: ADMIN }, "policyArn (AdministratorAccess)"],
    ["PolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment", { roles: ["ai-worker"], policyArn: ADMIN }, "policyArn (AdministratorAccess)"],
    ["Vault SecretBackendRole.policyArns", VAULT_ROLE, { backend: "aws", credentialType: "assumed_role", policyArns: [ADMIN] }, "policyArns[0] (AdministratorAccess)"],
];

describe("attached AWS managed policies", () => {
    describe("invalid: attaching AdministratorAccess is judged like an inline * grant", () => {
        for (const [what, type, props, where] of ATTACHMENTS) {
            it(`${what}: iam-least-privilege-actions and iam-kms-least-privilege`, async () => {
                const actions = await judge(iamLeastPrivilegeActions, type, props, {}, "attach");
                expect(actions.messages).to.deep.equal([`attach: ${where} statement 1: grants every action on every service ("*"). Fix: ${REPLACE} list the actions the workload needs.`]);
                expect(actions.diagnostics[0].level).to.equal("mandatory");
                const kms = await judge(iamKmsLeastPrivilege, type, props, {}, "attach");
                expect(kms.messages).to.deep.equal([
                    `attach: ${where} statement 1: grants every action, every KMS action included ("*"). Fix: ${REPLACE} list only the KMS actions the workload needs, within allowedKmsActions (kms:Encrypt, kms:Decrypt, kms:ReEncryptFrom and 6 more).`,
                    `attach: ${where} statement 1: grants KMS actions on every key in the account ("*"). Fix: ${REPLACE} set Resource to the key ARNs the workload uses, or scope the keys with an aws:ResourceTag/… or kms:ResourceAliases condition.`,
                ]);
            });
        }

        it("flags a service-wide grant of an AWS managed policy (AmazonS3FullAccess)", async () => {
            const v = await judge(iamLeastPrivilegeActions, ROLE, { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] }, {}, "r");
            expect(v.messages[0]).to.equal(
                'r: managedPolicyArns[0] (AmazonS3FullAccess) statement 1: grants every action of the s3 service ("s3:*"). Fix: replace the AWS managed policy AmazonS3FullAccess with a customer-managed policy of your own, and in it list the s3 actions the workload needs instead.',
            );
        });
    });

    describe("valid", () => {
        it("passes a narrow AWS managed policy, customer-managed ARNs, and ARNs the data does not know", async () => {
            for (const policy of [iamLeastPrivilegeActions, iamKmsLeastPrivilege]) {
                expectClean(await judge(policy, ROLE, { managedPolicyArns: [LAMBDA_BASIC] }));
                expectClean(await judge(policy, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: "arn:aws:iam::111122223333:policy/admin" }));
                expectClean(await judge(policy, ROLE, { managedPolicyArns: ["arn:aws:iam::aws:policy/NotAPolicyAwsHas", 42, null] }));
            }
        });

        it("leaves AWS's own documents to AWS in iam-policy-document-valid (the program cannot change them)", async () => {
            // AmazonEC2RoleforAWSCodeDeployLimited grants s3:ListBucket on `arn:aws:s3:::*/CodeDeploy/*` only: a dead grant, but AWS's.
            expectClean(await judge(iamPolicyDocumentValid, ROLE, { managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforAWSCodeDeployLimited"] }));
        });
    });

    describe("preview", () => {
        it("stays silent on unknown ARNs", async () => {
            for (const [, type] of ATTACHMENTS) {
                expectClean(await judge(iamLeastPrivilegeActions, type, { managedPolicyArns: UNKNOWN, policyArns: [UNKNOWN], policyArn: UNKNOWN }));
            }
        });
    });

    describe("data", () => {
        it("reads ARNs of any partition and path, and nothing else", () => {
            expect(managedPolicyName("arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")).to.equal("service-role/AWSLambdaBasicExecutionRole");
            expect(managedPolicyName("arn:aws:iam::111122223333:policy/AdministratorAccess")).to.equal(undefined);
            expect(managedPolicyDocument(ADMIN)).to.deep.equal({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
            expect(managedPolicyDocument("arn:aws:iam::aws:policy/__proto__")).to.equal(undefined);
        });

        it("is read only when an attachment is judged, never at start-up", () => {
            const dist = join(__dirname, "../..");
            const script = `
                require(${JSON.stringify(join(dist, "policies/index.js"))});
                const data = require(${JSON.stringify(join(dist, "policies/core/iam/managed-policies.js"))});
                const { analyzeResource } = require(${JSON.stringify(join(dist, "harness/in-process.js"))});
                const { iamLeastPrivilegeActions } = require(${JSON.stringify(join(dist, "policies/iam/iam-least-privilege-actions.js"))});
                (async () => {
                    const atStart = data.managedPoliciesLoaded();
                    await analyzeResource([iamLeastPrivilegeActions], { type: "aws:iam/role:Role", name: "r", props: { inlinePolicies: [] } });
                    const noAttachment = data.managedPoliciesLoaded();
                    await analyzeResource([iamLeastPrivilegeActions], { type: "aws:iam/role:Role", name: "r", props: { managedPolicyArns: [${JSON.stringify(ADMIN)}] } });
                    console.log(JSON.stringify({ atStart, noAttachment, attached: data.managedPoliciesLoaded() }));
                })();
            `;
            expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))).to.deep.equal({ atStart: false, noAttachment: false, attached: true });
        });
    });
});
