/** policies/core/kms.ts: the one KMS key-reference parser, and the rules the kms-* adapters call. */
import { expect } from "chai";
import { aliasNameProblems, isAwsManagedKeyRef, parseKeyReference, rotationFindings, rotationNotApplicable } from "../../policies/core/kms";
import { UNKNOWN } from "../../policies/core/wire";

const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

describe("core/kms: key references", () => {
    it("parses the four forms services accept: key id, key ARN, alias, alias ARN (every partition)", () => {
        expect(parseKeyReference(KEY_ID)).to.deep.equal({ kind: "key", id: KEY_ID });
        expect(parseKeyReference("mrk-1234567890abcdef1234567890abcdef")).to.deep.equal({ kind: "key", id: "mrk-1234567890abcdef1234567890abcdef" });
        expect(parseKeyReference(`arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/${KEY_ID}`)).to.deep.equal({ kind: "key", id: KEY_ID });
        expect(parseKeyReference("alias/ai-pipeline")).to.deep.equal({ kind: "alias", alias: "alias/ai-pipeline" });
        expect(parseKeyReference("arn:aws-cn:kms:cn-north-1:111122223333:alias/ai")).to.deep.equal({ kind: "alias", alias: "alias/ai" });
    });

    it("rejects what KMS rejects: ARNs without region or account, fake key ids, bare text, non-strings", () => {
        for (const bad of ["arn:aws:kms:::alias/aws/s3", "arn:aws:kms:us-east-1::alias/x", `arn:aws:kms:us-east-1:111122223333:key/not-a-key`, "mrk-1", "alias/", "my-key", 42, undefined, "x".repeat(3000)]) {
            expect(parseKeyReference(bad), String(bad).slice(0, 40)).to.equal(undefined);
        }
    });

    it("an AWS managed key is named by alias/aws/… or its alias ARN; a malformed ARN names no key at all", () => {
        expect(isAwsManagedKeyRef("alias/aws/s3")).to.equal(true);
        expect(isAwsManagedKeyRef("arn:aws:kms:us-east-1:111122223333:alias/aws/secretsmanager")).to.equal(true);
        // No region, no account: not a reference KMS accepts, so not an AWS managed key (the caller says it is malformed).
        expect(isAwsManagedKeyRef("arn:aws:kms:::alias/aws/s3")).to.equal(false);
        expect(isAwsManagedKeyRef("alias/awsome")).to.equal(false);
        expect(isAwsManagedKeyRef(KEY_ID)).to.equal(false);
    });
});

describe("core/kms: alias names", () => {
    it("rejects the reserved alias/aws/ prefix in any letter case", () => {
        for (const name of ["alias/aws/x", "alias/AWS/x", "alias/Aws/x", "alias/aWs/x"]) {
            expect(aliasNameProblems(name, "name").map((p) => p.problem), name).to.deep.equal(['alias name is under "alias/aws/", which AWS reserves for its managed keys']);
        }
        expect(aliasNameProblems("alias/awsome-keys", "name")).to.deep.equal([]);
    });
});

describe("core/kms: rotation", () => {
    const window = { min: 90, max: 365 };
    it("returns coded findings: rotation off (absent or not true), period outside the window", () => {
        expect(rotationFindings(undefined, undefined, window).map((f) => f.code)).to.deep.equal(["rotation-off"]);
        expect(rotationFindings("yes", 500, window).map((f) => [f.code, f.value])).to.deep.equal([["rotation-off", "yes"], ["rotation-period", 500]]);
        expect(rotationFindings(true, 180, window)).to.deep.equal([]);
    });

    it("skips what is unknown (preview)", () => {
        expect(rotationFindings(UNKNOWN, UNKNOWN, window)).to.deep.equal([]);
    });

    it("applies only to symmetric encryption keys outside custom key stores", () => {
        expect(rotationNotApplicable({ spec: "SYMMETRIC_DEFAULT", usage: "ENCRYPT_DECRYPT", customKeyStore: false })).to.equal(undefined);
        expect(rotationNotApplicable({ spec: "RSA_2048", usage: "SIGN_VERIFY", customKeyStore: false })).to.match(/only to SYMMETRIC_DEFAULT/);
        expect(rotationNotApplicable({ spec: "SYMMETRIC_DEFAULT", usage: "ENCRYPT_DECRYPT", customKeyStore: true })).to.match(/custom key store/);
    });
});
