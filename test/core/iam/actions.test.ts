import { expect } from "chai";
import { execFileSync } from "child_process";
import { join } from "path";
import { actionsOf, expandAction, lookupAction, serviceExists } from "../../../policies/core/iam/actions";
import { closest, editDistance } from "../../../policies/core/iam/suggest";

const names = (pattern: string, within?: string[]) => {
    const e = expandAction(pattern, within);
    return e.status === "ok" ? e.actions.map((a) => a.id) : e;
};

describe("core/iam/actions", () => {
    it("expands kms:* to every KMS action in the catalog", () => {
        const all = names("kms:*") as string[];
        expect(all).to.include.members(["kms:Decrypt", "kms:Encrypt", "kms:ScheduleKeyDeletion", "kms:CreateGrant", "kms:PutKeyPolicy", "kms:ListKeys"]);
        expect(all.length).to.equal(actionsOf("kms")?.length);
        expect(all.length).to.be.greaterThan(50);
    });

    it("expands partial wildcards case-insensitively", () => {
        expect(names("kms:ReEncrypt*")).to.deep.equal(["kms:ReEncryptFrom", "kms:ReEncryptTo"]);
        expect(names("kms:GenerateDataKey*")).to.have.members(["kms:GenerateDataKey", "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext", "kms:GenerateDataKeyWithoutPlaintext"]);
        const keyish = names("kms:*Key*") as string[];
        expect(keyish).to.include.members(["kms:CreateKey", "kms:ScheduleKeyDeletion", "kms:GenerateDataKey", "kms:DescribeKey", "kms:PutKeyPolicy"]);
        expect(keyish).to.not.include("kms:Decrypt");
        expect(names("kms:?ecrypt")).to.deep.equal(["kms:Decrypt"]);
    });

    it("matches action names case-insensitively and answers with AWS's spelling", () => {
        expect(names("KMS:decrypt")).to.deep.equal(["kms:Decrypt"]);
        expect(lookupAction("Kms:GenerateDATAKey")?.id).to.equal("kms:GenerateDataKey");
    });

    it("expands * only within the services asked for", () => {
        expect(names("*", ["kms"])).to.deep.equal(names("kms:*"));
        expect(names("k*:Decrypt", ["kms", "s3"])).to.deep.equal(["kms:Decrypt"]);
        expect(names("s3:GetObject", ["kms"])).to.deep.equal([]);
    });

    it("gives each action its access levels and resource types with ARN formats", () => {
        expect(lookupAction("kms:Decrypt")).to.deep.equal({
            service: "kms",
            name: "Decrypt",
            id: "kms:Decrypt",
            accessLevels: ["Write"],
            resourceTypes: [{ name: "key", arnFormats: ["arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"] }],
        });
        expect(lookupAction("kms:CreateGrant")?.accessLevels).to.deep.equal(["Permissions management", "Write"]);
        expect(lookupAction("kms:TagResource")?.accessLevels).to.include("Tagging");
        expect(lookupAction("kms:ListKeys")?.accessLevels).to.deep.equal(["List"]);
        expect(lookupAction("kms:GetKeyPolicy")?.accessLevels).to.deep.equal(["Read"]);
        expect(lookupAction("kms:CreateKey")?.resourceTypes).to.deep.equal([]);
        expect(lookupAction("s3:ListBucket")?.resourceTypes.map((t) => t.arnFormats[0])).to.include("arn:${Partition}:s3:::${BucketName}");
    });

    it("names typos and suggests the closest real action or service", () => {
        expect(expandAction("kms:Decrpyt")).to.deep.equal({ status: "unknown-action", suggestion: "kms:Decrypt" });
        expect(expandAction("kms:GenerateDataKeys")).to.deep.equal({ status: "unknown-action", suggestion: "kms:GenerateDataKey" });
        expect(expandAction("kms:Frobnicate")).to.deep.equal({ status: "unknown-action" });
        expect(expandAction("ksm:Decrypt")).to.deep.equal({ status: "unknown-service", service: "ksm", suggestion: "kms" });
        expect(expandAction("kms:Frob*")).to.deep.equal({ status: "matches-nothing" });
        expect(expandAction("kmsDecrypt")).to.deep.equal({ status: "malformed" });
        expect(expandAction("kms:")).to.deep.equal({ status: "malformed" });
        expect(serviceExists("../../etc/passwd")).to.equal(false);
        expect(expandAction("../../package:x")).to.deep.include({ status: "unknown-service" });
    });

    it("measures edit distance with transpositions, and suggests only near misses", () => {
        expect(editDistance("decrpyt", "decrypt")).to.equal(1);
        expect(editDistance("kitten", "sitting")).to.equal(3);
        expect(closest("s4", ["s3", "sqs"])).to.equal(undefined);
        expect(closest("Decrytp", ["Encrypt", "Decrypt"])).to.equal("Decrypt");
    });

    it("loads no IAM data when the pack's catalog is imported, only when a document is judged", () => {
        const script = `
            const before = Object.keys(require.cache).length;
            require(${JSON.stringify(join(__dirname, "../../../policies/index.js"))});
            const actions = require(${JSON.stringify(join(__dirname, "../../../policies/core/iam/actions.js"))});
            const iamData = () => Object.keys(require.cache).filter((k) => k.includes("iam-data")).length;
            const atStart = [iamData(), actions.iamDataFilesRead()];
            actions.expandAction("kms:*");
            console.log(JSON.stringify({ atStart, afterKms: actions.iamDataFilesRead(), modules: Object.keys(require.cache).length > before }));
        `;
        const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
        // services.json and kms's action and resource-type files: nothing of the other 450 services.
        expect(out).to.deep.equal({ atStart: [0, 0], afterKms: 3, modules: true });
    });
    it("matches wildcards without backtracking (fuzz: `kms:*?*?…!` took seconds per extra pair and hung the preview)", () => {
        const start = Date.now();
        expect(expandAction(`kms:${"*?".repeat(40)}!`)).to.deep.equal({ status: "matches-nothing" });
        expect(expandAction(`${"*?".repeat(40)}!:Decrypt*`)).to.deep.equal({ status: "ok", actions: [] });
        expect(expandAction(`kms:${"*".repeat(100_000)}x`)).to.deep.equal({ status: "matches-nothing" });
        expect(Date.now() - start).to.be.below(500);
        expect(names("kms:*?*?*crypt")).to.deep.equal(["kms:Decrypt", "kms:Encrypt"]);
        expect(names("KMS:?ECRYPT*", ["kms"])).to.deep.equal(["kms:Decrypt"]);
        expect(names("k*?:decrypt", ["kms"])).to.deep.equal(["kms:Decrypt"]);
    });
});
