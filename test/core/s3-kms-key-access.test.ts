/** policies/core/s3-kms-key-access.ts: binding auto-named buckets, and the missing-grant rule on plain statements. */
import { expect } from "chai";
import { EncryptedStore, IdentityDocument, StackKmsKey, StackPrincipal, bindUnnamedBuckets, keyAccessFindings, literalBucketNames } from "../../policies/core/s3-kms-key-access";
import { Statement } from "../../policies/core/iam/document";

const KEY: StackKmsKey = { name: "data-key", arn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", policy: [] };
const allow = (actions: string[], resources: string[], index = 0): Statement => ({ index, label: `statement ${index + 1}`, effect: "Allow", actions, resources, conditions: [], unknown: [] });
const principal = (label: string, ...documents: IdentityDocument<string>[]): StackPrincipal<string> => ({ label, arns: [], documents });
const document = (holder: string, ...statements: Statement[]): IdentityDocument<string> => ({ holder, property: "policy", statements });
const bucket = (id: string): EncryptedStore => ({ kind: "bucket", name: "data", id, key: KEY });

describe("core/s3-kms-key-access: literal bucket names", () => {
    it("takes the bucket part of S3 ARNs without wildcards or variables", () => {
        const names = literalBucketNames([allow(["s3:GetObject"], ["arn:aws:s3:::data-4f1c/*", "arn:aws:s3:::logs", "arn:aws:s3:::tmp-*", "arn:aws:s3:::${aws:username}/*", "*", "arn:aws:s3:us-east-1:111122223333:accesspoint/x", KEY.arn])]);
        expect([...names]).to.deep.equal(["data-4f1c", "logs"]);
    });
});

describe("core/s3-kms-key-access: binding auto-named buckets", () => {
    const unnamed = [{ handle: "urn:bucket", name: "data", key: KEY }];
    const reads = (holder: string, resource: string) => document(holder, allow(["s3:GetObject"], [resource]));

    it("binds a bucket to the one unknown name a document that depends on it spells", () => {
        const p = principal("role r", reads("r", "arn:aws:s3:::data-4f1c/*"));
        expect(bindUnnamedBuckets(unnamed, [p], new Set(), () => ["urn:bucket"])).to.deep.equal([{ kind: "bucket", name: "data", id: "data-4f1c", key: KEY }]);
        // A name already known belongs to another store.
        expect(bindUnnamedBuckets(unnamed, [p], new Set(["data-4f1c"]), () => ["urn:bucket"])).to.deep.equal([]);
        // A document that depends on nothing, or on two unnamed buckets, binds nothing.
        expect(bindUnnamedBuckets(unnamed, [p], new Set(), () => [])).to.deep.equal([]);
        expect(bindUnnamedBuckets([...unnamed, { handle: "urn:other", name: "other", key: KEY }], [p], new Set(), () => ["urn:bucket", "urn:other"])).to.deep.equal([]);
    });

    it("stays silent when documents bind one bucket to two names: no guess", () => {
        const ps = [principal("role a", reads("a", "arn:aws:s3:::name-one/*")), principal("role b", reads("b", "arn:aws:s3:::name-two/*"))];
        expect(bindUnnamedBuckets(unnamed, ps, new Set(), () => ["urn:bucket"])).to.deep.equal([]);
    });
});

describe("core/s3-kms-key-access: missing key grants", () => {
    it("codes a reader of a bucket without kms:Decrypt, on the document that grants the read", () => {
        const findings = keyAccessFindings([bucket("data-4f1c")], [], [principal("role r", document("reader-policy", allow(["s3:GetObject"], ["arn:aws:s3:::data-4f1c/*"])))], () => []);
        expect(findings.map((f) => [f.subject, f.code, f.value])).to.deep.equal([["reader-policy", "bucket-key-access-missing", "kms:Decrypt"]]);
    });

    it("asks a writer for kms:GenerateDataKey and kms:Decrypt, and is satisfied by a grant on the key's ARN", () => {
        const writes = allow(["s3:PutObject"], ["arn:aws:s3:::data-4f1c/*"]);
        const writer = (...extra: Statement[]) => [principal("role w", document("w", writes, ...extra))];
        expect(keyAccessFindings([bucket("data-4f1c")], [], writer(), () => []).map((f) => f.value)).to.deep.equal(["kms:GenerateDataKey, kms:Decrypt"]);
        expect(keyAccessFindings([bucket("data-4f1c")], [], writer(allow(["kms:GenerateDataKey", "kms:Decrypt"], [KEY.arn], 1)), () => [])).to.deep.equal([]);
        expect(keyAccessFindings([bucket("data-4f1c")], [], writer(allow(["kms:*"], ["*"], 1)), () => [])).to.deep.equal([]);
    });

    it("judges auto-named buckets once bound, and a secret's readers with their own code", () => {
        const reader = principal("role r", document("r", allow(["s3:GetObject"], ["arn:aws:s3:::data-4f1c/*"])));
        expect(keyAccessFindings([], [{ handle: "urn:bucket", name: "data", key: KEY }], [reader], () => ["urn:bucket"]).map((f) => f.code)).to.deep.equal(["bucket-key-access-missing"]);
        const secret: EncryptedStore = { kind: "secret", name: "api-key", id: "arn:aws:secretsmanager:us-east-1:111122223333:secret:api-key-Ab12Cd", names: ["api-key"], key: KEY };
        const secretReader = principal("role s", document("s", allow(["secretsmanager:GetSecretValue"], ["arn:aws:secretsmanager:us-east-1:111122223333:secret:api-key-*"])));
        expect(keyAccessFindings([secret], [], [secretReader], () => []).map((f) => f.code)).to.deep.equal(["secret-key-access-missing"]);
    });
});
