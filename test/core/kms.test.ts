/** policies/core/kms.ts: the one KMS key-reference parser, and the rules the kms-* adapters call. */
import { expect } from "chai";
import {
    aliasNameFindings,
    deletionWindowFindings,
    descriptionFindings,
    isAwsManagedKeyRef,
    keyUsageFindings,
    parseKeyReference,
    rotationFindings,
    rotationNotApplicable,
} from "../../policies/core/kms";
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
    const names = (name: unknown, namePrefix?: unknown) => ({ name, namePrefix });
    it("rejects the reserved alias/aws/ prefix in any letter case", () => {
        for (const name of ["alias/aws/x", "alias/AWS/x", "alias/Aws/x", "alias/aWs/x"]) {
            expect(aliasNameFindings(names(name)).map((f) => [f.code, f.problem]), name).to.deep.equal([["reserved-prefix", 'alias name is under "alias/aws/", which AWS reserves for its managed keys']]);
        }
        expect(aliasNameFindings(names("alias/awsome-keys"))).to.deep.equal([]);
    });

    it("judges only the fields that are set and known: absent is the provider's, computed waits", () => {
        expect(aliasNameFindings(names(undefined, undefined))).to.deep.equal([]);
        expect(aliasNameFindings(names(null, null))).to.deep.equal([]);
        expect(aliasNameFindings(names(UNKNOWN, UNKNOWN), "alias/ai-.*")).to.deep.equal([]);
        expect(aliasNameFindings(names("ai", "ai-")).map((f) => [f.code, f.value])).to.deep.equal([
            ["missing-prefix", "ai"],
            ["missing-prefix", "ai-"],
        ]);
    });

    it("ignores an invalid pattern (the config check reports it) rather than blame the name", () => {
        expect(aliasNameFindings(names("alias/ok"), "alias/(")).to.deep.equal([]);
    });

    it("never runs the pattern on a name too long for AWS (a backtracking pattern stays cheap)", () => {
        const t0 = Date.now();
        expect(aliasNameFindings(names(`alias/${"x".repeat(100_000)}`), "(x+x+)+y").map((f) => f.code)).to.deep.equal(["too-long"]);
        expect(Date.now() - t0).to.be.lessThan(1000);
    });
});

describe("core/kms: deletion window", () => {
    it("is silent on an absent or computed window, and on one of at least minDays", () => {
        for (const days of [undefined, null, UNKNOWN, 30, 14]) expect(deletionWindowFindings(days, 14), String(days)).to.deep.equal([]);
    });

    it("codes a window AWS rejects apart from one shorter than minDays, and fixes both to minDays", () => {
        expect(deletionWindowFindings(45, 14).map((f) => [f.code, f.fix])).to.deep.equal([["out-of-range", "set deletionWindowInDays: 14"]]);
        expect(deletionWindowFindings(7.5, 14).map((f) => f.code)).to.deep.equal(["out-of-range"]);
        expect(deletionWindowFindings("7", 14).map((f) => f.code)).to.deep.equal(["out-of-range"]);
        expect(deletionWindowFindings(7, 14).map((f) => [f.code, f.problem, f.value])).to.deep.equal([["too-short", "deletionWindowInDays is shorter than the required 14 days", 7]]);
    });
});

describe("core/kms: description", () => {
    it("waits for a computed description; codes each problem", () => {
        expect(descriptionFindings(UNKNOWN)).to.deep.equal([]);
        const code = (d: unknown) => descriptionFindings(d).map((f) => f.code);
        expect(code(undefined)).to.deep.equal(["missing"]);
        expect(code(null)).to.deep.equal(["missing"]);
        expect(code(42)).to.deep.equal(["not-text"]);
        expect(code("  ai  ")).to.deep.equal(["too-short"]);
        expect(code("y".repeat(8193))).to.deep.equal(["too-long"]);
        expect(code("Default  KEY!")).to.deep.equal(["placeholder"]);
    });

    it("keeps real descriptions that merely contain a placeholder word", () => {
        expect(descriptionFindings("Test data encryption for the ranking model")).to.deep.equal([]);
        expect(descriptionFindings("key for the feature store")).to.deep.equal([]);
    });

    it("stays linear on trailing punctuation (the /[.!]+$/ that took 17.5 s on 100k characters)", () => {
        const t0 = Date.now();
        expect(descriptionFindings(`${"!".repeat(8000)}x`)).to.deep.equal([]);
        expect(descriptionFindings(`changeme${"!.".repeat(4000)}`).map((f) => f.code)).to.deep.equal(["placeholder"]);
        expect(Date.now() - t0).to.be.lessThan(1000);
    });
});

describe("core/kms: key usage", () => {
    const codes = (spec: string, usage: string) => keyUsageFindings({ spec, usage, specField: "keySpec", isEnabled: undefined }, [spec], [usage]).map((f) => f.code);
    it("knows every spec's usages from AWS's table", () => {
        expect(codes("HMAC_512", "GENERATE_VERIFY_MAC")).to.deep.equal([]);
        expect(codes("SM2", "KEY_AGREEMENT")).to.deep.equal([]);
        expect(codes("ECC_SECG_P256K1", "KEY_AGREEMENT")).to.deep.equal(["usage-mismatch"]);
        expect(codes("HMAC_256", "ENCRYPT_DECRYPT")).to.deep.equal(["usage-mismatch"]);
    });

    it("says to allow a value when the allowed list is empty", () => {
        const [f] = keyUsageFindings({ spec: "SYMMETRIC_DEFAULT", usage: "ENCRYPT_DECRYPT", specField: "keySpec", isEnabled: undefined }, [], ["ENCRYPT_DECRYPT"]);
        expect([f.code, f.fix]).to.deep.equal(["disallowed-spec", "allow a value in allowedKeySpecs, or add SYMMETRIC_DEFAULT to allowedKeySpecs"]);
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
