import { expect } from "chai";
import type { WireResource } from "../../harness/in-process";
import { vaultKvMountType } from "../../policies/vault/vault-kv-mount-type";
import { judgeStack } from "../helpers";
import { secretWire, stackResource as res, testPolicy, UNKNOWN } from "../lib/policy-tester";

const MOUNT = "vault:index/mount:Mount";
const SECRET_V2 = "vault:kv/secretV2:SecretV2";
const SECRET_V1 = "vault:kv/secret:Secret";
const AWS_BACKEND = "vault:aws/secretBackend:SecretBackend";
const DB_MOUNT = "vault:database/secretsMount:SecretsMount";

const urn = (r: WireResource) => r.urn as string;
const data = secretWire('{"password": "x"}');
/** kv.SecretV2 whose mount comes from `mount` (a dependency) or is a literal path. */
const secretV2 = (mount: WireResource | string, name = "ai-model-secret") =>
    typeof mount === "string"
        ? res(SECRET_V2, name, { path: "database/credentials", mount, dataJson: data })
        : res(SECRET_V2, name, { path: "database/credentials", mount: mount.props.path ?? UNKNOWN, dataJson: data }, { mount: [urn(mount)] });

const V2_FIX = 'Fix: set mount to the path of a vault.Mount with type "kv-v2".';
const V1_FIX = 'Fix: write the secret under the path of a vault.Mount with type "kv".';
const NOT_KV = (secret: string, mount: string, shown: string, fix = V2_FIX) => `${secret}: kv secret is written to mount ${mount}, which is not a kv secrets engine (${shown}). ${fix}`;
const V2_ON_V1 = (shown: string) => `ai-model-secret: kv.SecretV2 (KV version 2) is written to mount kv1, a KV version 1 engine (${shown}). Fix: set type "kv-v2" (or options.version "2") on the mount, or use kv.Secret.`;

const seed004Backend = res(AWS_BACKEND, "ai-model-secret-backend", { path: "aws", description: "AWS secret backend for AI model", defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: 86400 });
const dbEngine = res(DB_MOUNT, "db", { path: UNKNOWN });
const transit = res(MOUNT, "transit", { path: "transit/", type: "transit" });
const kvv2 = res(MOUNT, "kvv2", { path: "kvv2", type: "kv-v2" });
const kvWithVersion2 = res(MOUNT, "kv", { path: "kv", type: "kv", options: { version: "2" } });
const kv1 = res(MOUNT, "kv1", { path: "kv1", type: "kv" });
const kv1Explicit = res(MOUNT, "kv1", { path: "kv1", type: "kv", options: { version: "1" } });
const teamKv1 = res(MOUNT, "kvv1", { path: "team/kvv1", type: "kv" });
const multiA = res(MOUNT, "a", { path: UNKNOWN, type: "transit" });
const multiB = res(MOUNT, "b", { path: UNKNOWN, type: "kv-v2" });
const unknownType = res(MOUNT, "m", { path: "m", type: UNKNOWN });
/** A 5 MB path of 2.5 million segments, and a mount of 5 million slashes. */
const HOSTILE_PATHS = [res(MOUNT, "m", { path: "a", type: "transit" }), res(SECRET_V1, "deep", { path: "a/".repeat(2_500_000) }), res(SECRET_V2, "slashes", { mount: `${"/".repeat(5_000_000)}x` })];
const unknownVersion = res(MOUNT, "m", { path: "m", type: "kv", options: { version: UNKNOWN } });

testPolicy(vaultKvMountType, {
    valid: [
        { title: "kv.SecretV2 on a kv-v2 mount", resources: [kvv2, secretV2(kvv2)] },
        { title: "kv.SecretV2 on a kv mount with options.version 2", resources: [kvWithVersion2, secretV2(kvWithVersion2)] },
        { title: "the engine's id is not its path: only `path` places a secret", resources: [res(MOUNT, "transit", { id: "elsewhere", path: "transit", type: "transit" }), secretV2("elsewhere")] },
        { title: "kv.Secret (version 1) under its kv mount's path", resources: [teamKv1, res(SECRET_V1, "v1", { path: "team/kvv1/app/db", dataJson: data })] },
        { title: "kv.Secret linked to its kv mount by dependency", resources: [teamKv1, res(SECRET_V1, "v1", { path: UNKNOWN, dataJson: data }, { path: [urn(teamKv1)] })] },
        { title: "the longest mount path wins", resources: [res(MOUNT, "outer", { path: "team", type: "transit" }), res(MOUNT, "inner", { path: "team/kv", type: "kv" }), res(SECRET_V1, "v1", { path: "team/kv/app" })] },
        { title: "the mount is outside the stack", resources: [secretV2("secret")] },
        { title: "several linked mounts and no way to choose: no verdict", resources: [multiA, multiB, res(SECRET_V2, "s", { mount: UNKNOWN }, { mount: [urn(multiA), urn(multiB)] })] },
        {
            title: "malformed values give no verdict and no throw",
            resources: [
                res(MOUNT, "m1", { path: 42, type: ["kv"] }),
                res(MOUNT, "m2", { path: "m2", type: null, options: "v2" }),
                res(SECRET_V2, "s1", { mount: 42 }),
                res(SECRET_V2, "s2", { mount: "m2" }),
                res(SECRET_V1, "s3", { path: { nested: true } }),
                res(SECRET_V1, "s4", { path: "////" }),
            ],
        },
        { title: "an empty stack", resources: [] },
    ],
    invalid: [
        {
            title: "seed 004: a kv secret written into the AWS secrets engine's mount, reported on the secret",
            resources: [seed004Backend, secretV2(seed004Backend)],
            messages: [`ai-model-secret: kv secret is written to mount ai-model-secret-backend, which is the aws secrets engine, not kv ("aws"). ${V2_FIX}`],
            codes: ["other-engine"],
        },
        {
            title: "the engine through the dependency while its path is unknown (preview)",
            resources: [dbEngine, secretV2(dbEngine)],
            messages: [`ai-model-secret: kv secret is written to mount db, which is the database secrets engine, not kv ("vault:database/secretsMount:SecretsMount"). ${V2_FIX}`],
            codes: ["other-engine"],
        },
        { title: "a vault.Mount of another type, by dependency", resources: [transit, secretV2(transit)], messages: [NOT_KV("ai-model-secret", "transit", '"transit"')], codes: ["not-kv-engine"] },
        { title: "a vault.Mount of another type, by known path", resources: [transit, secretV2("transit")], messages: [NOT_KV("ai-model-secret", "transit", '"transit"')], codes: ["not-kv-engine"] },
        { title: "a vault.Mount of another type, by a path with slashes", resources: [transit, secretV2("/transit/")], messages: [NOT_KV("ai-model-secret", "transit", '"transit"')], codes: ["not-kv-engine"] },
        { title: "kv.SecretV2 on a KV version 1 mount", resources: [kv1, secretV2(kv1)], messages: [V2_ON_V1("not set")], codes: ["kv-version-mismatch"] },
        { title: "kv.SecretV2 on a mount with options.version 1", resources: [kv1Explicit, secretV2(kv1Explicit)], messages: [V2_ON_V1('"1"')], codes: ["kv-version-mismatch"] },
        {
            title: "kv.Secret (version 1) on a KV version 2 mount",
            resources: [kvv2, res(SECRET_V1, "v1", { path: "kvv2/app", dataJson: data })],
            messages: ['v1: kv.Secret (KV version 1) is written to mount kvv2, a KV version 2 engine ("kv-v2"). Fix: use kv.SecretV2 for a KV version 2 mount.'],
            codes: ["kv-version-mismatch"],
        },
        {
            title: "kv.Secret (version 1) in the AWS secrets engine",
            resources: [res(AWS_BACKEND, "aws", { path: "aws" }), res(SECRET_V1, "v1", { path: "aws/config/root" })],
            messages: [`v1: kv secret is written to mount aws, which is the aws secrets engine, not kv ("aws"). ${V1_FIX}`],
            codes: ["other-engine"],
        },
        {
            title: "hostile 5 MB paths: judged in linear time",
            resources: HOSTILE_PATHS,
            messages: [NOT_KV("deep", "m", '"transit"', V1_FIX)],
            codes: ["not-kv-engine"],
        },
        { title: "a mount type that is not a string", resources: [res(MOUNT, "m", { path: "m", type: 7 }), secretV2("m")], messages: [NOT_KV("ai-model-secret", "m", "7")], codes: ["not-kv-engine"] },
    ],
    preview: [
        { title: "a computed mount type", resources: [unknownType, secretV2(unknownType)] },
        { title: "a computed options.version", resources: [unknownVersion, secretV2(unknownVersion)] },
        { title: "a computed mount path and a computed secret mount", resources: [res(MOUNT, "m", { path: UNKNOWN, type: "kv-v2" }), res(SECRET_V2, "s", { mount: UNKNOWN, path: "p" })] },
    ],
});

describe("vault-kv-mount-type", () => {
    it("judges hostile 5 MB paths in linear time", async () => {
        const t0 = Date.now();
        await judgeStack(vaultKvMountType, HOSTILE_PATHS);
        expect(Date.now() - t0).to.be.lessThan(5000);
    });
});
