import { expect } from "chai";
import { kmsKeyPolicy } from "../../policies/kms/kms-key-policy";
import { expectClean, huge, judge, secretWire, UNKNOWN } from "../helpers";

const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
const ACCOUNT = "123456789012";
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const APP_ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;

const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const rootAdmin = { Sid: "EnableRootPermissions", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" };
const use = (principal: unknown, extra: object = {}) => ({ Effect: "Allow", Principal: principal, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", ...extra });
const judgeKey = (props: Record<string, unknown>, config = {}, type = KEY) => judge(kmsKeyPolicy, type, props, config, "aiPipelineKey");

const EVERYONE_FIX = "name the key's users in Principal.AWS, or add a condition on kms:CallerAccount, aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount, aws:PrincipalArn, aws:SourceArn or kms:ViaService";
const ADMIN_FIX =
    "keep kms:* for arn:aws:iam::<account>:root only; grant this principal just the actions it uses (e.g. kms:Decrypt, kms:GenerateDataKey for users; kms:Describe*, kms:Put*, kms:Enable*, kms:ScheduleKeyDeletion for administrators)";

describe("kms-key-policy", () => {
    it("passes the standard key policy: root kms:* with Resource *, named users, a real service", async () => {
        expectClean(await judgeKey({ policy: doc(rootAdmin, use({ AWS: APP_ROLE }), use({ Service: "logs.us-east-1.amazonaws.com" })) }));
        expectClean(await judgeKey({ policy: doc({ ...rootAdmin, Principal: { AWS: ACCOUNT } }) }));
        expectClean(await judgeKey({ policy: doc(rootAdmin), bypassPolicyLockoutSafetyCheck: false }));
        expectClean(await judgeKey({}));
    });

    it("judges aws.kms.KeyPolicy too", async () => {
        const v = await judgeKey({ keyId: "k", policy: doc(use("*")), bypassPolicyLockoutSafetyCheck: true }, {}, KEY_POLICY);
        expect(v.messages).to.deep.equal([
            "aiPipelineKey: bypassPolicyLockoutSafetyCheck skips KMS's check that the new policy still lets the caller manage the key (true). Fix: remove bypassPolicyLockoutSafetyCheck or set it to false.",
            `aiPipelineKey: policy statement 1: allows every AWS principal, in any account, without a condition that limits the callers ("*"). Fix: ${EVERYONE_FIX}.`,
        ]);
    });

    it("judges the key policies of imported-material and replica keys", async () => {
        for (const type of ["aws:kms/externalKey:ExternalKey", "aws:kms/replicaKey:ReplicaKey", "aws:kms/replicaExternalKey:ReplicaExternalKey"]) {
            const v = await judgeKey({ policy: doc(rootAdmin, use("*")), bypassPolicyLockoutSafetyCheck: true }, {}, type);
            expect(v.messages, type).to.deep.equal([
                "aiPipelineKey: bypassPolicyLockoutSafetyCheck skips KMS's check that the new policy still lets the caller manage the key (true). Fix: remove bypassPolicyLockoutSafetyCheck or set it to false.",
                `aiPipelineKey: policy statement 2: allows every AWS principal, in any account, without a condition that limits the callers ("*"). Fix: ${EVERYONE_FIX}.`,
            ]);
            expectClean(await judgeKey({ policy: doc(rootAdmin) }, {}, type));
        }
    });

    it('flags Principal "*" and {AWS: "*"} without a limiting condition', async () => {
        const v = await judgeKey({ policy: doc(rootAdmin, use("*"), use({ AWS: ["*"] }, { Sid: "Everyone" })) });
        expect(v.messages).to.deep.equal([
            `aiPipelineKey: policy statement 2: allows every AWS principal, in any account, without a condition that limits the callers ("*"). Fix: ${EVERYONE_FIX}.`,
            `aiPipelineKey: policy statement "Everyone": allows every AWS principal, in any account, without a condition that limits the callers ({"AWS":"*"}). Fix: ${EVERYONE_FIX}.`,
        ]);
    });

    it("reads a partial wildcard principal (arn:aws:iam::*:root) as a wildcard (reading rules)", async () => {
        const v = await judgeKey({ policy: doc(rootAdmin, use({ AWS: "arn:aws:iam::*:root" })) });
        expect(v.messages).to.deep.equal([
            `aiPipelineKey: policy statement 2: allows every AWS principal, in any account, without a condition that limits the callers ({"AWS":"arn:aws:iam::*:root"}). Fix: ${EVERYONE_FIX}.`,
        ]);
        expectClean(await judgeKey({ policy: doc(rootAdmin, use({ AWS: APP_ROLE })) }));
    });

    it('passes Principal "*" limited by kms:CallerAccount, aws:PrincipalOrgID, aws:SourceAccount, kms:ViaService, aws:PrincipalArn or aws:SourceArn', async () => {
        const limited = [
            { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
            { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
            { StringEquals: { "AWS:SourceAccount": ACCOUNT } },
            { StringEquals: { "kms:ViaService": ["secretsmanager.us-east-1.amazonaws.com", "s3.*.amazonaws.com"] } },
            { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/ml-*` } },
            { ArnLike: { "aws:SourceArn": `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*` } },
            { StringEquals: { "aws:PrincipalAccount": ACCOUNT } },
        ];
        for (const Condition of limited) expectClean(await judgeKey({ policy: doc(rootAdmin, use("*", { Condition })) }));
    });

    it("does not count conditions that limit nothing", async () => {
        const weak = [
            { StringNotEquals: { "kms:CallerAccount": "999999999999" } },
            { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } },
            { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
            { StringLike: { "kms:CallerAccount": "*" } },
            { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin" } },
            { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
            { Bool: { "aws:SecureTransport": "true" } },
        ];
        for (const Condition of weak) {
            const v = await judgeKey({ policy: doc(use("*", { Condition })) });
            expect(v.messages, JSON.stringify(Condition)).to.deep.equal([`aiPipelineKey: policy statement 1: allows every AWS principal, in any account, without a condition that limits the callers ("*"). Fix: ${EVERYONE_FIX}.`]);
        }
    });

    it("flags NotPrincipal on Allow as everyone", async () => {
        const v = await judgeKey({ policy: doc({ Effect: "Allow", NotPrincipal: { AWS: APP_ROLE }, Action: "kms:Decrypt", Resource: "*" }) });
        expect(v.messages).to.deep.equal([`aiPipelineKey: policy statement 1: allows every AWS principal, in any account, without a condition that limits the callers ("NotPrincipal"). Fix: ${EVERYONE_FIX}.`]);
    });

    it("ignores Deny statements", async () => {
        expectClean(await judgeKey({ policy: doc(rootAdmin, { Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }) }));
    });

    it("flags bypassPolicyLockoutSafetyCheck: true", async () => {
        const v = await judgeKey({ policy: doc(rootAdmin), bypassPolicyLockoutSafetyCheck: true });
        expect(v.messages).to.deep.equal(["aiPipelineKey: bypassPolicyLockoutSafetyCheck skips KMS's check that the new policy still lets the caller manage the key (true). Fix: remove bypassPolicyLockoutSafetyCheck or set it to false."]);
    });

    it("flags kms:* to a principal other than the account root", async () => {
        const v = await judgeKey({ policy: doc(rootAdmin, { Sid: "App", Effect: "Allow", Principal: { AWS: [ROOT, APP_ROLE] }, Action: "kms:*", Resource: "*" }) });
        expect(v.messages).to.deep.equal([`aiPipelineKey: policy statement "App": grants every KMS action (kms:*) to a principal other than the account root ("${APP_ROLE}"). Fix: ${ADMIN_FIX}.`]);
    });

    it("flags *, KMS:*, a wildcard that covers every KMS action, and NotAction", async () => {
        const grants: Array<[object, string]> = [
            [{ Action: "*" }, "*"],
            [{ Action: ["kms:Decrypt", "KMS:*"] }, "KMS:*"],
            [{ Action: "km?:*" }, "km?:*"],
            [{ NotAction: "iam:*" }, "NotAction"],
        ];
        for (const [action, shown] of grants) {
            const v = await judgeKey({ policy: doc({ Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Resource: "*", ...action }) });
            expect(v.messages).to.deep.equal([`aiPipelineKey: policy statement 1: grants every KMS action (${shown}) to a principal other than the account root ("logs.amazonaws.com"). Fix: ${ADMIN_FIX}.`]);
        }
    });

    it("does not flag wildcards that cover only some KMS actions, or a NotAction that leaves KMS out", async () => {
        expectClean(await judgeKey({ policy: doc(use({ AWS: APP_ROLE }, { Action: ["kms:Describe*", "kms:Get*", "kms:List*", "kms:GenerateDataKey*", "kms:ReEncrypt*"] })) }));
        expectClean(await judgeKey({ policy: doc(use({ AWS: APP_ROLE }, { Action: undefined, NotAction: "kms:*" })) }));
    });

    it("lists every non-root principal of a kms:* statement, everyone included", async () => {
        const v = await judgeKey({ policy: doc({ Effect: "Allow", Principal: { AWS: ["*", APP_ROLE] }, Action: "kms:*", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } } }) });
        expect(v.messages).to.deep.equal([`aiPipelineKey: policy statement 1: grants every KMS action (kms:*) to a principal other than the account root (["*","${APP_ROLE}"]). Fix: ${ADMIN_FIX}.`]);
    });

    it("flags service principals that do not exist, and honours extraServicePrincipals", async () => {
        const policy = doc(rootAdmin, use({ Service: ["aiforecasts.amazonaws.com", "logs.us-west-2.amazonaws.com"] }));
        const v = await judgeKey({ policy });
        expect(v.messages).to.deep.equal([
            'aiPipelineKey: policy statement 2: Principal.Service names a service principal that does not exist ("aiforecasts.amazonaws.com"). Fix: did you mean "forecast.amazonaws.com"? Otherwise name the service\'s principal as AWS documents it, or add it to extraServicePrincipals if AWS launched it after this catalog was built.',
        ]);
        expectClean(await judgeKey({ policy }, { extraServicePrincipals: ["aiforecasts.amazonaws.com"] }));
    });

    it("stays quiet about unknown values in preview", async () => {
        expectClean(await judgeKey({ policy: UNKNOWN, bypassPolicyLockoutSafetyCheck: UNKNOWN }));
        expectClean(await judgeKey({ policy: doc(use("*", { Condition: UNKNOWN })) }));
        expectClean(await judgeKey({ policy: doc(use({ AWS: UNKNOWN }, { Action: "kms:*" })) }));
        expectClean(await judgeKey({ policy: doc(use({ Service: UNKNOWN })) }));
        expectClean(await judgeKey({ policy: doc({ Effect: "Allow", Principal: { AWS: APP_ROLE }, Action: UNKNOWN, Resource: "*" }) }));
    });

    it("reads secret-wrapped values like plain ones", async () => {
        const v = await judgeKey({ policy: secretWire(doc(use("*"))), bypassPolicyLockoutSafetyCheck: secretWire(true) });
        expect(v.messages).to.have.length(2);
    });

    it("leaves malformed documents to iam-policy-document-valid and never throws", async () => {
        const bad = ["{not json", "", 42, [], { Statement: 7 }, { Statement: [{ Effect: "allow", Principal: "*", Action: "kms:*" }] }, huge(), "{".repeat(200000)];
        for (const policy of bad) expectClean(await judgeKey({ policy }));
        // A statement with some malformed fields is still judged on the fields that are well formed.
        const v = await judgeKey({ policy: { Statement: [{ Effect: "Allow", Principal: { Service: ["x", 42] }, Action: 42 }] } });
        expect(v.messages).to.deep.equal([
            "aiPipelineKey: policy statement 1: Principal.Service names a service principal that does not exist (\"x\"). Fix: name the service's principal as AWS documents it (usually <service>.amazonaws.com), or add it to extraServicePrincipals if AWS launched it after this catalog was built.",
        ]);
        expectClean(await judgeKey({ policy: doc(rootAdmin), bypassPolicyLockoutSafetyCheck: "yes" }));
    });

    it("does not echo the values of a secret key policy, like the other document readers", async () => {
        const v = await judgeKey({ policy: secretWire(doc(use("*"))), bypassPolicyLockoutSafetyCheck: secretWire(true) });
        expect(v.messages).to.deep.equal([
            "aiPipelineKey: bypassPolicyLockoutSafetyCheck skips KMS's check that the new policy still lets the caller manage the key (true). Fix: remove bypassPolicyLockoutSafetyCheck or set it to false.",
            `aiPipelineKey: policy statement 1: allows every AWS principal, in any account, without a condition that limits the callers ("[secret]"). Fix: ${EVERYONE_FIX}.`,
        ]);
    });
});
