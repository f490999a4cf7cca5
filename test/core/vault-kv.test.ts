import { expect } from "chai";
import { KvMount, KvSecretKind, KvVersion, kvMountFindings, mountCandidates, mountPathsNamedBy, mountPropertyOf } from "../../policies/core/vault-kv";
import { UNKNOWN } from "../../policies/core/wire";

const HUGE = "x".repeat(5 * 1024 * 1024);
function deep(depth: number): unknown {
    let v: unknown = "kv-v2";
    for (let i = 0; i < depth; i++) v = { d: v };
    return v;
}
const HOSTILE: unknown[] = [null, 42, NaN, true, "", HUGE, [], ["kv"], { a: 1 }, deep(10_000), Symbol("s"), 10n, () => 1];

const mount = (type: unknown, version?: unknown): KvMount => ({ name: "m", kind: "mount", type, version });
/** The cases name a kv secret by the version it needs. */
const SECRET_OF_VERSION: Record<KvVersion, KvSecretKind> = { 1: "kv.Secret", 2: "kv.SecretV2" };
const judge = (secretVersion: KvVersion, m: KvMount) => kvMountFindings([{ subject: "secret", secretKind: SECRET_OF_VERSION[secretVersion], mount: m }]);
const codes = (secretVersion: KvVersion, m: KvMount) => judge(secretVersion, m).map((f) => f.code);

describe("core/vault-kv", () => {
    describe("mountCandidates", () => {
        it("lists the mounts a kv v1 path could live under, longest first", () => {
            expect(mountCandidates("team/kv/app")).to.deep.equal(["team/kv", "team"]);
            expect(mountCandidates("/team//kv/app/")).to.deep.equal(["team/kv", "team"]);
            expect(mountCandidates("app")).to.deep.equal([]);
            expect(mountCandidates("")).to.deep.equal([]);
        });

        it("is bounded on a hostile path", () => {
            const t0 = Date.now();
            expect(mountCandidates("a/".repeat(2_500_000))).to.have.length(16);
            expect(mountCandidates("/".repeat(5_000_000))).to.deep.equal([]);
            expect(Date.now() - t0).to.be.lessThan(2000);
        });
    });

    describe("how each kv secret names its mount", () => {
        it("kv.SecretV2 names it in mount, one path, edge slashes trimmed", () => {
            expect(mountPropertyOf("kv.SecretV2")).to.equal("mount");
            expect(mountPathsNamedBy("kv.SecretV2", "/team/kv/")).to.deep.equal(["team/kv"]);
            expect(mountPathsNamedBy("kv.SecretV2", "kv")).to.deep.equal(["kv"]);
        });

        it("kv.Secret has no mount input: its path lies under one of the path's heads, longest first", () => {
            expect(mountPropertyOf("kv.Secret")).to.equal("path");
            expect(mountPathsNamedBy("kv.Secret", "/team/kv/app")).to.deep.equal(["team/kv", "team"]);
            expect(mountPathsNamedBy("kv.Secret", "kv")).to.deep.equal([]);
        });

        it("is bounded on a hostile value, either way", () => {
            const t0 = Date.now();
            expect(mountPathsNamedBy("kv.SecretV2", `${"/".repeat(5_000_000)}x`)).to.deep.equal(["x"]);
            expect(mountPathsNamedBy("kv.Secret", "a/".repeat(2_500_000))).to.have.length(16);
            expect(Date.now() - t0).to.be.lessThan(2000);
        });
    });

    describe("kvMountFindings", () => {
        it("passes a secret on the kv engine of its version", () => {
            expect(codes(2, mount("kv-v2"))).to.deep.equal([]);
            expect(codes(2, mount("kv", "2"))).to.deep.equal([]);
            expect(codes(2, mount("kv", 2))).to.deep.equal([]);
            expect(codes(1, mount("kv"))).to.deep.equal([]);
            expect(codes(1, mount("kv", "1"))).to.deep.equal([]);
            expect(codes(1, mount("kv", null))).to.deep.equal([]);
        });

        it("flags a vault.Mount that is not a kv engine, with the fix for the secret's version", () => {
            expect(judge(2, mount("transit"))).to.deep.equal([
                { code: "not-kv-engine", problem: "kv secret is written to mount m, which is not a kv secrets engine", value: "transit", fix: 'set mount to the path of a vault.Mount with type "kv-v2"', subject: "secret" },
            ]);
            expect(judge(1, mount("transit"))[0].fix).to.equal('write the secret under the path of a vault.Mount with type "kv"');
            expect(codes(2, mount("kv", "3"))).to.deep.equal(["not-kv-engine"]);
        });

        it("flags a kv engine of the other version", () => {
            expect(judge(2, mount("kv"))).to.deep.equal([
                { code: "kv-version-mismatch", problem: "kv.SecretV2 (KV version 2) is written to mount m, a KV version 1 engine", value: undefined, fix: 'set type "kv-v2" (or options.version "2") on the mount, or use kv.Secret', subject: "secret" },
            ]);
            expect(judge(1, mount("kv-v2"))).to.deep.equal([
                { code: "kv-version-mismatch", problem: "kv.Secret (KV version 1) is written to mount m, a KV version 2 engine", value: "kv-v2", fix: "use kv.SecretV2 for a KV version 2 mount", subject: "secret" },
            ]);
            expect(judge(1, mount("kv", "2"))[0].value).to.equal("2");
        });

        it("flags another engine's resource, showing its path or else its type token", () => {
            const engine = (path: unknown): KvMount => ({ name: "backend", kind: "engine", typeToken: "vault:aws/secretBackend:SecretBackend", path });
            expect(judge(2, engine("aws"))).to.deep.equal([
                { code: "other-engine", problem: "kv secret is written to mount backend, which is the aws secrets engine, not kv", value: "aws", fix: 'set mount to the path of a vault.Mount with type "kv-v2"', subject: "secret" },
            ]);
            expect(judge(1, engine(UNKNOWN))[0].value).to.equal("vault:aws/secretBackend:SecretBackend");
            expect(judge(1, engine(42))[0].value).to.equal("vault:aws/secretBackend:SecretBackend");
            const index = judge(2, { name: "x", kind: "engine", typeToken: "vault:index/mystery:Mystery", path: undefined })[0];
            expect(index.problem).to.equal("kv secret is written to mount x, which is the Mystery secrets engine, not kv");
            expect(judge(2, { name: "x", kind: "engine", typeToken: "odd", path: undefined })[0].problem).to.equal("kv secret is written to mount x, which is the odd secrets engine, not kv");
        });

        it("gives no verdict while the mount's type or version is computed", () => {
            expect(codes(2, mount(UNKNOWN))).to.deep.equal([]);
            expect(codes(2, mount("kv", UNKNOWN))).to.deep.equal([]);
            expect(codes(2, mount(undefined))).to.deep.equal([]);
        });

        it("judges every placement, in order, each on its subject", () => {
            const found = kvMountFindings([
                { subject: 1, secretKind: "kv.SecretV2", mount: mount("kv-v2") },
                { subject: 2, secretKind: "kv.SecretV2", mount: mount("transit") },
                { subject: 3, secretKind: "kv.Secret", mount: mount("kv-v2") },
            ]);
            expect(found.map((f) => [f.subject, f.code])).to.deep.equal([
                [2, "not-kv-engine"],
                [3, "kv-version-mismatch"],
            ]);
            expect(kvMountFindings([])).to.deep.equal([]);
        });

        it("never throws on hostile types and versions, and never passes them", () => {
            for (const v of HOSTILE) {
                expect(codes(2, mount(v)), String(typeof v)).to.deep.equal(["not-kv-engine"]);
                // A null version is kv's default, version 1.
                expect(codes(2, mount("kv", v)), `version ${typeof v}`).to.deep.equal([v === null ? "kv-version-mismatch" : "not-kv-engine"]);
                expect(() => judge(1, { name: "n", kind: "engine", typeToken: HUGE, path: v })).to.not.throw();
            }
        });
    });
});
