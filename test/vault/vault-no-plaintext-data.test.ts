import { expect } from "chai";
import { Secret } from "@pulumi/policy";
import { Output, secret as pulumiSecret } from "@pulumi/pulumi";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as state from "@pulumi/pulumi/runtime/state";
import { vaultNoPlaintextData } from "../../policies/vault/vault-no-plaintext-data";
import { huge } from "../helpers";
import { secretWire, testPolicy, UNKNOWN } from "../lib/policy-tester";

const KV2 = "vault:kv/secretV2:SecretV2";
const KV_AND_GENERIC = [KV2, "vault:kv/secret:Secret", "vault:generic/secret:Secret", "vault:generic/endpoint:Endpoint"];
const PROVIDER = "pulumi:providers:vault";
const AWS_BACKEND = "vault:aws/secretBackend:SecretBackend";
const CONNECTION = "vault:database/secretBackendConnection:SecretBackendConnection";
const SEED_004_DATA = '{"password": "very-secr3t-p@ssw0rd"}';
const PG_URL = "postgres://vault:s3cret@db.internal:5432/ml";
const NOT_VISIBLE = "the engine's secret markers are not visible to this pack (wire tap not installed), so plaintext cannot be told from secrets";

const msg = (res: string, path: string, redacted: string) =>
    `${res}: ${path} is not a Pulumi secret, so it is stored in plaintext in the state (${JSON.stringify(redacted)}). Fix: pass ${path} as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret().`;
const chars = (n: number) => `<${n} characters, redacted>`;
/** Each finding of this policy is the one rule: secret material that reached the engine in plaintext. */
const plaintext = (n: number) => Array.from({ length: n }, () => "value-not-secret");

testPolicy(vaultNoPlaintextData, {
    type: KV2,
    valid: [
        { title: "seed 004: dataJson secret-wrapped (pulumi.secret), judged, not skipped", name: "ai-model-secret", props: { path: "database/credentials", mount: "aws", dataJson: secretWire(SEED_004_DATA) } },
        ...KV_AND_GENERIC.flatMap((type) => [
            { title: `${type}: a secret-wrapped dataJson`, type, props: { path: "database/credentials", dataJson: secretWire(SEED_004_DATA) } },
            { title: `${type}: the write-only dataJsonWo`, type, props: { path: "database/credentials", dataJsonWo: SEED_004_DATA, dataJsonWoVersion: 1 } },
        ]),
        { title: "secret-wrapped accessKey and secretKey on the AWS secret backend", type: AWS_BACKEND, props: { accessKey: secretWire("AKIAEXAMPLE"), secretKey: secretWire("wJalrXUtnFEMI") } },
        { title: "the AWS secret backend's write-only secretKeyWo", type: AWS_BACKEND, props: { secretKeyWo: "wJalrXUtnFEMI", secretKeyWoVersion: 1 } },
        {
            title: "settings about credentials are not credentials (AppRole role)",
            type: "vault:approle/authBackendRole:AuthBackendRole",
            props: { roleName: "ci", tokenPolicies: ["default"], tokenTtl: 3600, tokenMaxTtl: 7200, tokenType: "service", tokenBoundCidrs: ["10.0.0.0/8"], secretIdTtl: 600, secretIdNumUses: 1, bindSecretId: true },
        },
        { title: "the provider's token and login block secret-wrapped", type: PROVIDER, props: { address: "https://vault:8200", token: secretWire("hvs.s"), authLoginUserpass: secretWire('{"username":"ci","password":"hunter2"}') } },
        { title: "a provider login whose JWT comes from the environment", type: PROVIDER, props: { authLoginJwt: '{"role":"ci","mount":"jwt"}' } },
        { title: "a provider login with nothing secret in it", type: PROVIDER, props: { authLogin: '{"path":"auth/approle/login","parameters":{"role_id":"r"}}' } },
        { title: "a provider login block too large to search, and one that is not JSON", type: PROVIDER, props: { authLoginUserpass: `{"password":"${huge(100_000)}"}`, authLoginJwt: "{not json" } },
        { title: "a number is not secret material", props: { dataJson: 42 } },
        ...[true, null, ""].map((dataJson) => ({ title: `dataJson ${JSON.stringify(dataJson)} is not secret material`, props: { dataJson } })),
        { title: "another provider's resource is not judged", type: "aws:ssm/parameter:Parameter", props: { value: "plain", password: "p" } },
        { title: "a connection URL with Vault's {{password}} template", type: CONNECTION, props: { postgresql: { connectionUrl: "postgres://{{username}}:{{password}}@db:5432/ml" } } },
        { title: "a connection URL without a password", type: CONNECTION, props: { postgresql: { connectionUrl: "postgres://vault@db:5432/ml" } } },
        { title: "a URL that is not a connection string", type: CONNECTION, props: { address: "https://vault.internal:8200/v1" } },
        { title: "a secret-wrapped connection URL with a password", type: CONNECTION, props: { postgresql: { connectionUrl: secretWire(PG_URL) } } },
    ],
    invalid: [
        ...KV_AND_GENERIC.map((type) => ({
            title: `${type}: a plaintext dataJson, its value not shown`,
            type,
            name: "ai-model-secret",
            props: { path: "database/credentials", dataJson: SEED_004_DATA },
            messages: [msg("ai-model-secret", "dataJson", chars(36))],
            codes: plaintext(1),
        })),
        {
            title: "plaintext accessKey and secretKey on the AWS secret backend",
            type: AWS_BACKEND,
            name: "backend",
            props: { path: "aws", accessKey: "AKIAEXAMPLE", secretKey: "wJalrXUtnFEMI", defaultLeaseTtlSeconds: 3600 },
            messages: [msg("backend", "accessKey", chars(11)), msg("backend", "secretKey", chars(13))],
            codes: plaintext(2),
        },
        { title: "a write-only secretKeyWo does not excuse a plaintext accessKey", type: AWS_BACKEND, name: "backend", props: { accessKey: "AKIAEXAMPLE", secretKeyWo: "wJalrXUtnFEMI", secretKeyWoVersion: 1 }, messages: [msg("backend", "accessKey", chars(11))], codes: plaintext(1) },
        { title: "a secret accessKey does not excuse a plaintext secretKey", type: AWS_BACKEND, name: "backend", props: { accessKey: secretWire("AKIAEXAMPLE"), secretKey: "wJalrXUtnFEMI" }, messages: [msg("backend", "secretKey", chars(13))], codes: plaintext(1) },
        {
            title: "a credential at any depth, named by its property; look-alike settings left alone",
            type: "vault:database/secretsMount:SecretsMount",
            name: "db",
            props: { path: "db", postgresqls: [{ name: "pg", username: "vault", password: "pg-pass", connectionUrl: "postgres://{{username}}:{{password}}@db" }], passwordPolicy: "strong" },
            messages: [msg("db", "postgresqls[0].password", chars(7))],
            codes: plaintext(1),
        },
        { title: "an AppRole secret id", type: "vault:approle/authBackendRoleSecretId:AuthBackendRoleSecretId", name: "sid", props: { roleName: "ci", secretId: "s-123" }, messages: [msg("sid", "secretId", chars(5))], codes: plaintext(1) },
        {
            title: "the provider's plaintext token and the password inside its login block",
            type: PROVIDER,
            name: "vault-provider",
            props: { address: "https://vault:8200", token: "hvs.plain", authLoginUserpass: '{"mount":"userpass","username":"ci","password":"hunter2"}', skipTlsVerify: "false", maxLeaseTtlSeconds: "1200" },
            messages: [msg("vault-provider", "token", chars(9)), msg("vault-provider", "authLoginUserpass.password", chars(7))],
            codes: plaintext(2),
        },
        { title: "the JWT inside the provider's authLoginJwt block", type: PROVIDER, name: "p", props: { authLoginJwt: '{"role":"ci","jwt":"eyJhbGciOi"}' }, messages: [msg("p", "authLoginJwt.jwt", chars(10))], codes: plaintext(1) },
        { title: "an object dataJson", name: "odd", props: { dataJson: { password: "p" } }, messages: [msg("odd", "dataJson", "<object, redacted>")], codes: plaintext(1) },
        { title: "a nested object dataJson", name: "odd", props: { dataJson: { nested: { a: [1, 2] } } }, messages: [msg("odd", "dataJson", "<object, redacted>")], codes: plaintext(1) },
        { title: "a 5 MB dataJson, shown by its size only", name: "odd", props: { dataJson: huge() }, messages: [msg("odd", "dataJson", chars(5 * 1024 * 1024))], codes: plaintext(1) },
        { title: "a plaintext connection URL with a password in it, whatever the property is called", type: CONNECTION, name: "pg", props: { backend: "db", name: "pg", postgresql: { connectionUrl: PG_URL } }, messages: [msg("pg", "postgresql.connectionUrl", chars(43))], codes: plaintext(1) },
        { title: "a connection URL with a password in a list", type: CONNECTION, name: "cache", props: { redis: { hosts: ["redis://:hunter2@cache:6379"] } }, messages: [msg("cache", "redis.hosts[0]", chars(27))], codes: plaintext(1) },
    ],
    preview: [
        { title: "a computed dataJson", props: { dataJson: UNKNOWN, mount: UNKNOWN } },
        { title: "a computed secret (the Node SDK drops the secret flag of an unknown)", props: { dataJson: secretWire(UNKNOWN) } },
        { title: "the provider's computed token and login block", type: PROVIDER, props: { token: UNKNOWN, authLoginUserpass: UNKNOWN } },
    ],
    remediate: [
        { title: "re-marks a plaintext dataJson as a secret, keeping the rest", props: { path: "database/credentials", mount: "kv", dataJson: SEED_004_DATA }, output: { path: "database/credentials", mount: "kv", dataJson: new Secret(SEED_004_DATA) } },
        { title: "re-marks the provider's whole login block, keeping its token secret", type: PROVIDER, props: { token: secretWire("t"), authLoginUserpass: '{"password":"p"}' }, output: { token: new Secret("t"), authLoginUserpass: new Secret('{"password":"p"}') } },
        { title: "re-marks a nested credential's top-level property", type: "vault:database/secretsMount:SecretsMount", props: { path: "db", postgresqls: [{ password: "pg-pass" }] }, output: { path: "db", postgresqls: new Secret([{ password: "pg-pass" }]) } },
        { title: "leaves a secret dataJson alone", props: { dataJson: secretWire(SEED_004_DATA) }, output: null },
        { title: "leaves a computed dataJson alone", props: { dataJson: UNKNOWN }, output: null },
    ],
});

describe("vault-no-plaintext-data", () => {
    it("is not applicable, never a verdict, when the engine's secret markers are not visible", () => {
        // Props that did not come through the SDK's deserializer (so not through the wire tap).
        const reasons: string[] = [];
        const violations: unknown[] = [];
        const args = {
            type: KV2,
            name: "x",
            urn: "urn:pulumi:dev::p::vault:kv/secretV2:SecretV2::x",
            props: { dataJson: SEED_004_DATA },
            getConfig: () => ({}),
            notApplicable: (reason: string): never => {
                reasons.push(reason);
                throw new Error("not applicable");
            },
        };
        const validate = vaultNoPlaintextData.validateResource as (a: unknown, r: (m: unknown) => void) => void;
        expect(() => validate(args, (m) => violations.push(m))).to.throw("not applicable");
        expect(violations).to.deep.equal([]);
        expect(reasons).to.deep.equal([NOT_VISIBLE]);
    });

    it("has reason to skip unknowns: the Node SDK sends an unknown secret as a bare unknown", async () => {
        // @pulumi/pulumi 3.248 serializeProperty checks isKnown before isSecret, so in preview a
        // pulumi.secret(random.result) looks exactly like a plaintext computed value.
        // Both are internals of the pinned SDK: the store's flag and the Output constructor.
        const store = (state as unknown as { getStore(): { supportsSecrets: boolean } }).getStore();
        const before = store.supportsSecrets;
        store.supportsSecrets = true;
        try {
            const OutputImpl = Output as unknown as new (...args: unknown[]) => unknown;
            const unknownSecret = new OutputImpl(new Set(), Promise.resolve(undefined), Promise.resolve(false), Promise.resolve(true), Promise.resolve([]));
            expect(await rpc.serializeProperty("dataJson", unknownSecret, new Set(), { keepOutputValues: false })).to.equal(UNKNOWN);
            expect(await rpc.serializeProperty("dataJson", pulumiSecret("x"), new Set(), { keepOutputValues: false })).to.deep.equal(secretWire("x"));
        } finally {
            store.supportsSecrets = before;
        }
    });

    it("says in its metadata that remediation encrypts the state but leaves the literal in source", () => {
        expect(vaultNoPlaintextData.remediationSteps).to.contain("the literal stays in your source");
        expect(vaultNoPlaintextData.enforcementLevel).to.equal("mandatory");
    });
});
