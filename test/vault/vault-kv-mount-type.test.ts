import { expect } from "chai";
import { urnOf, WireResource } from "../../harness/in-process";
import { vaultKvMountType } from "../../policies/vault/vault-kv-mount-type";
import { expectClean, judgeStack, secretWire, UNKNOWN } from "../helpers";

const MOUNT = "vault:index/mount:Mount";
const SECRET_V2 = "vault:kv/secretV2:SecretV2";
const SECRET_V1 = "vault:kv/secret:Secret";
const AWS_BACKEND = "vault:aws/secretBackend:SecretBackend";
const DB_MOUNT = "vault:database/secretsMount:SecretsMount";

function res(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): WireResource {
    return { type, name, urn: urnOf(type, name), props, propertyDependencies, dependencies: [...new Set(Object.values(propertyDependencies).flat())] };
}
const urn = (r: WireResource) => r.urn as string;

const data = secretWire('{"password": "x"}');
/** kv.SecretV2 whose mount comes from `mount` (a dependency) or is a literal path. */
const secretV2 = (mount: WireResource | string, name = "ai-model-secret") =>
    typeof mount === "string"
        ? res(SECRET_V2, name, { path: "database/credentials", mount, dataJson: data })
        : res(SECRET_V2, name, { path: "database/credentials", mount: mount.props.path ?? UNKNOWN, dataJson: data }, { mount: [urn(mount)] });

const V2_FIX = 'Fix: set mount to the path of a vault.Mount with type "kv-v2".';

describe("vault-kv-mount-type", () => {
    it("passes kv.SecretV2 on a kv-v2 mount and on a kv mount with options.version 2", async () => {
        const kvv2 = res(MOUNT, "kvv2", { path: "kvv2", type: "kv-v2" });
        expectClean(await judgeStack(vaultKvMountType, [kvv2, secretV2(kvv2)]));
        const kv = res(MOUNT, "kv", { path: "kv", type: "kv", options: { version: "2" } });
        expectClean(await judgeStack(vaultKvMountType, [kv, secretV2(kv)]));
    });

    it("flags seed 004: a kv secret written into the AWS secrets engine's mount, against the secret's URN", async () => {
        const backend = res(AWS_BACKEND, "ai-model-secret-backend", { path: "aws", description: "AWS secret backend for AI model", defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: 86400 });
        const secret = secretV2(backend);
        const v = await judgeStack(vaultKvMountType, [backend, secret]);
        expect(v.messages).to.deep.equal([`ai-model-secret: kv secret is written to mount ai-model-secret-backend, which is the aws secrets engine, not kv ("aws"). ${V2_FIX}`]);
        expect(v.diagnostics.map((d) => [d.urn, d.level])).to.deep.equal([[urn(secret), "mandatory"]]);
    });

    it("flags the engine through the dependency while its path is unknown (preview)", async () => {
        const backend = res(DB_MOUNT, "db", { path: UNKNOWN });
        const v = await judgeStack(vaultKvMountType, [backend, secretV2(backend)]);
        expect(v.messages).to.deep.equal([`ai-model-secret: kv secret is written to mount db, which is the database secrets engine, not kv ("vault:database/secretsMount:SecretsMount"). ${V2_FIX}`]);
    });

    it("flags a vault.Mount of another type, matched by dependency or by known path", async () => {
        const transit = res(MOUNT, "transit", { path: "transit/", type: "transit" });
        const expected = [`ai-model-secret: kv secret is written to mount transit, which is not a kv secrets engine ("transit"). ${V2_FIX}`];
        expect((await judgeStack(vaultKvMountType, [transit, secretV2(transit)])).messages).to.deep.equal(expected);
        expect((await judgeStack(vaultKvMountType, [transit, secretV2("transit")])).messages).to.deep.equal(expected);
        expect((await judgeStack(vaultKvMountType, [transit, secretV2("/transit/")])).messages).to.deep.equal(expected);
        // The engine's id is not its path: only `path` places a secret.
        expectClean(await judgeStack(vaultKvMountType, [res(MOUNT, "transit", { id: "elsewhere", path: "transit", type: "transit" }), secretV2("elsewhere")]));
    });

    it("flags kv.SecretV2 on a KV version 1 mount", async () => {
        const kv1 = res(MOUNT, "kv1", { path: "kv1", type: "kv" });
        const v = await judgeStack(vaultKvMountType, [kv1, secretV2(kv1)]);
        expect(v.messages).to.deep.equal(['ai-model-secret: kv.SecretV2 (KV version 2) is written to mount kv1, a KV version 1 engine (not set). Fix: set type "kv-v2" (or options.version "2") on the mount, or use kv.Secret.']);
        const explicit = res(MOUNT, "kv1", { path: "kv1", type: "kv", options: { version: "1" } });
        expect((await judgeStack(vaultKvMountType, [explicit, secretV2(explicit)])).messages).to.deep.equal([
            'ai-model-secret: kv.SecretV2 (KV version 2) is written to mount kv1, a KV version 1 engine ("1"). Fix: set type "kv-v2" (or options.version "2") on the mount, or use kv.Secret.',
        ]);
    });

    it("judges kv.Secret (version 1) by its path's mount prefix", async () => {
        const kv1 = res(MOUNT, "kvv1", { path: "team/kvv1", type: "kv" });
        const ok = res(SECRET_V1, "v1", { path: "team/kvv1/app/db", dataJson: data });
        expectClean(await judgeStack(vaultKvMountType, [kv1, ok]));
        const linked = res(SECRET_V1, "v1", { path: UNKNOWN, dataJson: data }, { path: [urn(kv1)] });
        expectClean(await judgeStack(vaultKvMountType, [kv1, linked]));
        const kvv2 = res(MOUNT, "kvv2", { path: "kvv2", type: "kv-v2" });
        const wrong = res(SECRET_V1, "v1", { path: "kvv2/app", dataJson: data });
        expect((await judgeStack(vaultKvMountType, [kvv2, wrong])).messages).to.deep.equal(['v1: kv.Secret (KV version 1) is written to mount kvv2, a KV version 2 engine ("kv-v2"). Fix: use kv.SecretV2 for a KV version 2 mount.']);
        const aws = res(AWS_BACKEND, "aws", { path: "aws" });
        expect((await judgeStack(vaultKvMountType, [aws, res(SECRET_V1, "v1", { path: "aws/config/root" })])).messages).to.deep.equal([
            'v1: kv secret is written to mount aws, which is the aws secrets engine, not kv ("aws"). Fix: write the secret under the path of a vault.Mount with type "kv".',
        ]);
    });

    it("prefers the longest mount path, and stays quiet when the mount is outside the stack", async () => {
        const outer = res(MOUNT, "outer", { path: "team", type: "transit" });
        const inner = res(MOUNT, "inner", { path: "team/kv", type: "kv" });
        expectClean(await judgeStack(vaultKvMountType, [outer, inner, res(SECRET_V1, "v1", { path: "team/kv/app" })]));
        expectClean(await judgeStack(vaultKvMountType, [secretV2("secret")]));
    });

    it("stays quiet about unknown values in preview", async () => {
        const unknownType = res(MOUNT, "m", { path: "m", type: UNKNOWN });
        expectClean(await judgeStack(vaultKvMountType, [unknownType, secretV2(unknownType)]));
        const unknownVersion = res(MOUNT, "m", { path: "m", type: "kv", options: { version: UNKNOWN } });
        expectClean(await judgeStack(vaultKvMountType, [unknownVersion, secretV2(unknownVersion)]));
        const mount = res(MOUNT, "m", { path: UNKNOWN, type: "kv-v2" });
        expectClean(await judgeStack(vaultKvMountType, [mount, res(SECRET_V2, "s", { mount: UNKNOWN, path: "p" })]));
    });

    it("gives no verdict when the secret depends on several mounts it cannot choose between", async () => {
        const a = res(MOUNT, "a", { path: UNKNOWN, type: "transit" });
        const b = res(MOUNT, "b", { path: UNKNOWN, type: "kv-v2" });
        expectClean(await judgeStack(vaultKvMountType, [a, b, res(SECRET_V2, "s", { mount: UNKNOWN }, { mount: [urn(a), urn(b)] })]));
    });

    it("never throws on malformed input", async () => {
        const odd = [
            res(MOUNT, "m1", { path: 42, type: ["kv"] }),
            res(MOUNT, "m2", { path: "m2", type: null, options: "v2" }),
            res(SECRET_V2, "s1", { mount: 42 }),
            res(SECRET_V2, "s2", { mount: "m2" }),
            res(SECRET_V1, "s3", { path: { nested: true } }),
            res(SECRET_V1, "s4", { path: "////" }),
        ];
        const v = await judgeStack(vaultKvMountType, odd);
        expect(v.messages).to.deep.equal([]);
        const t0 = Date.now();
        const hostile = await judgeStack(vaultKvMountType, [res(MOUNT, "m", { path: "a", type: "transit" }), res(SECRET_V1, "deep", { path: "a/".repeat(2_500_000) }), res(SECRET_V2, "slashes", { mount: `${"/".repeat(5_000_000)}x` })]);
        expect(hostile.messages).to.deep.equal(['deep: kv secret is written to mount m, which is not a kv secrets engine ("transit"). Fix: write the secret under the path of a vault.Mount with type "kv".']);
        expect(Date.now() - t0).to.be.lessThan(5000);
        const badType = await judgeStack(vaultKvMountType, [res(MOUNT, "m", { path: "m", type: 7 }), secretV2("m")]);
        expect(badType.messages).to.deep.equal([`ai-model-secret: kv secret is written to mount m, which is not a kv secrets engine (7). ${V2_FIX}`]);
    });

    it("passes an empty stack", async () => {
        expectClean(await judgeStack(vaultKvMountType, []));
    });
});
