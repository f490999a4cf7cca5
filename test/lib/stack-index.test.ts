import { expect } from "chai";
import { urnOf } from "../../harness/in-process";
import type { StackResource } from "../../policies/lib/define";
import { known, read, readPlain } from "../../policies/lib/read";
import { trimSlashes } from "../../policies/core/text";
import { indexStack } from "../../policies/lib/stack-index";
import { UNKNOWN } from "../helpers";

function resource(type: string, name: string, props: Record<string, unknown> = {}, propertyDependencies: Record<string, string[]> = {}): StackResource {
    return {
        type,
        name,
        urn: urnOf(type, name),
        props,
        dependencies: [...new Set(Object.values(propertyDependencies).flat())],
        propertyDependencies,
        read: (...path) => read(props, ...path),
        known: (...path) => known(props, ...path),
        plain: (...path) => readPlain(props, ...path),
    };
}

const BUCKET = "aws:s3/bucket:Bucket";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const KEY = "aws:kms/key:Key";
const MOUNT = "vault:index/mount:Mount";

describe("stack-index", () => {
    const key = resource(KEY, "data-key", { id: "1234abcd-12ab-34cd-56ef-1234567890ab", arn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
    const logs = resource(BUCKET, "logs", { bucket: "logs-7f3a" });
    const data = resource(BUCKET, "data", { bucket: UNKNOWN });
    const sse = resource(SSE, "data-sse", { bucket: UNKNOWN, rules: [] }, { bucket: [data.urn], rules: [key.urn, key.urn] });
    const mount = resource(MOUNT, "kv", { path: "team/kv/", type: "kv-v2" });
    const index = indexStack([key, logs, data, sse, mount]);

    it("finds resources by URN and by type", () => {
        expect(index.get(logs.urn)).to.equal(logs);
        expect(index.get("urn:pulumi:dev::p::aws:s3/bucket:Bucket::nope")).to.equal(undefined);
        expect(index.ofType(BUCKET).map((r) => r.name)).to.deep.equal(["logs", "data"]);
        expect(index.ofType(BUCKET, KEY).map((r) => r.name)).to.deep.equal(["logs", "data", "data-key"]);
        expect(index.ofType("aws:s3/bucketV2:BucketV2")).to.deep.equal([]);
    });

    it("finds resources by logical name and by known physical name, filtered by type", () => {
        expect(index.byLogicalName("logs")).to.deep.equal([logs]);
        expect(index.byLogicalName("logs", [KEY])).to.deep.equal([]);
        expect(index.byKnownName("logs-7f3a")).to.deep.equal([logs]);
        expect(index.byKnownName(key.known("arn") as string, [KEY])).to.deep.equal([key]);
        expect(index.byKnownName("1234abcd-12ab-34cd-56ef-1234567890ab")).to.deep.equal([key]);
        expect(index.byKnownName("logs")).to.deep.equal([]);
    });

    it("never indexes unknown names, and compares paths without edge slashes", () => {
        expect(index.byKnownName(UNKNOWN)).to.deep.equal([]);
        expect(index.byKnownName("team/kv")).to.deep.equal([mount]);
        expect(index.byKnownName("/team/kv/")).to.deep.equal([mount]);
        const t0 = Date.now();
        expect(trimSlashes(`${"/".repeat(5_000_000)}x`)).to.equal("x");
        expect(trimSlashes("/".repeat(5_000_000))).to.equal("");
        expect(Date.now() - t0).to.be.lessThan(1000);
    });

    it("follows property dependencies both ways, once per resource", () => {
        expect(index.dependenciesOf(sse, "bucket")).to.deep.equal([data]);
        expect(index.dependenciesOf(sse, "rules", [KEY])).to.deep.equal([key]);
        expect(index.dependenciesOf(sse, "rules", [BUCKET])).to.deep.equal([]);
        expect(index.dependenciesOf(sse, "expectedBucketOwner")).to.deep.equal([]);
        expect(index.referencesTo(data.urn, "bucket", [SSE]).map((r) => r.resource)).to.deep.equal([sse]);
        expect(index.referencesTo(data.urn, "rules")).to.deep.equal([]);
        expect(index.referencesTo(key.urn)).to.deep.equal([{ resource: sse, property: "rules" }]);
        expect(index.referencesTo(logs.urn)).to.deep.equal([]);
    });

    it("ignores dependencies on URNs outside the stack", () => {
        const orphan = resource(SSE, "orphan", {}, { bucket: ["urn:pulumi:other::p::aws:s3/bucket:Bucket::gone"] });
        expect(indexStack([orphan]).dependenciesOf(orphan, "bucket")).to.deep.equal([]);
    });

    it("indexes an empty stack and odd names without throwing", () => {
        expect(indexStack([]).ofType(BUCKET)).to.deep.equal([]);
        const odd = resource(BUCKET, "odd", { bucket: 42, id: "", arn: { nested: true }, name: null });
        expect(indexStack([odd]).byKnownName("")).to.deep.equal([]);
        expect(indexStack([odd]).byKnownName("42")).to.deep.equal([]);
    });

    it("builds and answers in linear time (10,000 resources well within 1.5 s even on a loaded machine)", () => {
        const many: StackResource[] = [];
        for (let i = 0; i < 5000; i++) {
            const b = resource(BUCKET, `b${i}`, { bucket: `bucket-${i}` });
            many.push(b, resource(SSE, `s${i}`, { bucket: UNKNOWN }, { bucket: [b.urn] }));
        }
        const t0 = Date.now();
        const big = indexStack(many);
        let matched = 0;
        for (const b of big.ofType(BUCKET)) matched += big.referencesTo(b.urn, "bucket").length;
        expect(matched).to.equal(5000);
        expect(Date.now() - t0).to.be.lessThan(1500);
    });
});
