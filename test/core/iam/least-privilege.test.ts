import { expect } from "chai";
import { parseDocument, Statement } from "../../../policies/core/iam/document";
import { actionLeastPrivilege, DEFAULT_ALLOWED_KMS_ACTIONS, kmsLeastPrivilege } from "../../../policies/core/iam/least-privilege";

const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function statements(...raw: object[]): Statement[] {
    const parsed = parseDocument({ Version: "2012-10-17", Statement: raw });
    if (parsed.ok !== true) throw new Error("test document must parse");
    return parsed.statements;
}

const kms = (...raw: object[]) => statements(...raw).flatMap((s) => kmsLeastPrivilege(s, DEFAULT_ALLOWED_KMS_ACTIONS));
const where = (findings: { code: string; where?: { statement?: string }; problem: string }[]) => findings.map((f) => `${f.code} ${f.where?.statement}: ${f.problem}`);

describe("core/iam/least-privilege", () => {
    it("places every finding at its statement, by index and by Sid", () => {
        const findings = kms({ Effect: "Allow", Action: "kms:Decrypt", Resource: KEY_ARN }, { Sid: "Wide", Effect: "Allow", Action: "kms:*", Resource: KEY_ARN });
        expect(where(findings)).to.deep.equal(['kms-all-actions statement "Wide": grants every KMS action']);
    });

    it("judges each Action entry of a statement on its own", () => {
        const findings = kms({ Effect: "Allow", Action: ["kms:Decrypt", "kms:ReEncrypt*", "kms:Create*", "kms:RevokeGrant"], Resource: KEY_ARN });
        expect(findings.map((f) => [f.problem, f.value])).to.deep.equal([
            ["wildcard kms:Create* grants KMS actions outside allowedKmsActions", "kms:CreateAlias, kms:CreateCustomKeyStore, kms:CreateGrant, kms:CreateKey"],
            ["grants a KMS permissions-management action, which lets the holder hand out or change access to keys", "kms:RevokeGrant"],
        ]);
    });

    it("counts only conditions on resource tags or aliases as scoping the keys", () => {
        const onEveryKey = (condition?: object) => kms({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", ...(condition ? { Condition: condition } : {}) }).length;
        expect(onEveryKey()).to.equal(1);
        expect(onEveryKey({ StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com", "kms:CallerAccount": "111122223333" } })).to.equal(1);
        expect(onEveryKey({ StringEquals: { "AWS:ResourceTag/Project": "ai" } })).to.equal(0);
        expect(onEveryKey({ "ForAnyValue:StringLike": { "kms:ResourceAliases": "alias/ai-*" } })).to.equal(0);
    });

    it("finds misspelt actions in Allow and Deny, wildcards and NotAction only in Allow", () => {
        const [allow, deny] = statements({ Effect: "Allow", Action: ["s3:*", "kms:Decrpyt"], Resource: "*" }, { Effect: "Deny", Action: ["s3:*", "kms:Decrpyt"], Resource: "*" });
        expect(actionLeastPrivilege(allow).map((f) => f.value)).to.deep.equal(["s3:*", "kms:Decrpyt"]);
        expect(actionLeastPrivilege(deny).map((f) => f.value)).to.deep.equal(["kms:Decrpyt"]);
    });
});
