import { expect } from "chai";
import { Secret } from "@pulumi/policy";
import { Output, secret as pulumiSecret } from "@pulumi/pulumi";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as state from "@pulumi/pulumi/runtime/state";
import { vaultNoPlaintextData } from "../../policies/vault/vault-no-plaintext-data";
import { expectClean, huge, judge, remediate, secretWire, UNKNOWN } from "../helpers";

const KV2 = "vault:kv/secretV2:SecretV2";
const PROVIDER = "pulumi:providers:vault";
const SEED_004_DATA = '{"password": "very-secr3t-p@ssw0rd"}';

const msg = (res: string, path: string, redacted: string) =>
    `${res}: ${path} is not a Pulumi secret, so it is stored in plaintext in the state (${JSON.stringify(redacted)}). Fix: pass ${path} as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret().`;

describe("vault-no-plaintext-data", () => {
    it("passes a kv secret whose dataJson arrives secret-wrapped (seed 004's pulumi.secret)", async () => {
        const v = await judge(vaultNoPlaintextData, KV2, { path: "database/credentials", mount: "aws", dataJson: secretWire(SEED_004_DATA) }, {}, "ai-model-secret");
        expectClean(v);
        expect(v.notApplicable).to.deep.equal([]); // judged, not skipped
    });

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
        expect(reasons).to.deep.equal(["the engine's secret markers are not visible to this pack (wire tap not installed), so plaintext cannot be told from secrets"]);
    });

    it("flags a plaintext dataJson on every kv and generic resource, without showing the secret", async () => {
        for (const type of [KV2, "vault:kv/secret:Secret", "vault:generic/secret:Secret", "vault:generic/endpoint:Endpoint"]) {
            const v = await judge(vaultNoPlaintextData, type, { path: "database/credentials", dataJson: SEED_004_DATA }, {}, "ai-model-secret");
            expect(v.messages, type).to.deep.equal([msg("ai-model-secret", "dataJson", "<36 characters, redacted>")]);
            expect(v.diagnostics[0].level).to.equal("mandatory");
            expect(v.diagnostics[0].message).to.not.contain("secr3t");
        }
    });

    it("flags plaintext accessKey and secretKey on the AWS secret backend, and passes secret ones", async () => {
        const SB = "vault:aws/secretBackend:SecretBackend";
        const v = await judge(vaultNoPlaintextData, SB, { path: "aws", accessKey: "AKIAEXAMPLE", secretKey: "wJalrXUtnFEMI", defaultLeaseTtlSeconds: 3600 }, {}, "backend");
        expect(v.messages).to.deep.equal([msg("backend", "accessKey", "<11 characters, redacted>"), msg("backend", "secretKey", "<13 characters, redacted>")]);
        expectClean(await judge(vaultNoPlaintextData, SB, { accessKey: secretWire("AKIAEXAMPLE"), secretKey: secretWire("wJalrXUtnFEMI") }));
    });

    it("accepts the write-only forms", async () => {
        expectClean(await judge(vaultNoPlaintextData, KV2, { dataJsonWo: SEED_004_DATA, dataJsonWoVersion: 1 }));
        expectClean(await judge(vaultNoPlaintextData, "vault:aws/secretBackend:SecretBackend", { secretKeyWo: "wJalrXUtnFEMI", secretKeyWoVersion: 1 }));
    });

    it("flags credentials on any Vault resource by name, at any depth, and leaves look-alike settings alone", async () => {
        const v = await judge(
            vaultNoPlaintextData,
            "vault:database/secretsMount:SecretsMount",
            { path: "db", postgresqls: [{ name: "pg", username: "vault", password: "pg-pass", connectionUrl: "postgres://{{username}}:{{password}}@db" }], passwordPolicy: "strong" },
            {},
            "db",
        );
        expect(v.messages).to.deep.equal([msg("db", "postgresqls[0].password", "<7 characters, redacted>")]);
        expectClean(await judge(vaultNoPlaintextData, "vault:approle/authBackendRole:AuthBackendRole", { roleName: "ci", tokenPolicies: ["default"], tokenTtl: 3600, tokenMaxTtl: 7200, tokenType: "service", tokenBoundCidrs: ["10.0.0.0/8"], secretIdTtl: 600, secretIdNumUses: 1, bindSecretId: true }));
        const approle = await judge(vaultNoPlaintextData, "vault:approle/authBackendRoleSecretId:AuthBackendRoleSecretId", { roleName: "ci", secretId: "s-123" }, {}, "sid");
        expect(approle.messages).to.deep.equal([msg("sid", "secretId", "<5 characters, redacted>")]);
    });

    it("flags the provider's plaintext token and the credentials inside its login blocks", async () => {
        const v = await judge(
            vaultNoPlaintextData,
            PROVIDER,
            { address: "https://vault:8200", token: "hvs.plain", authLoginUserpass: '{"mount":"userpass","username":"ci","password":"hunter2"}', skipTlsVerify: "false", maxLeaseTtlSeconds: "1200" },
            {},
            "vault-provider",
        );
        expect(v.messages).to.deep.equal([msg("vault-provider", "token", "<9 characters, redacted>"), msg("vault-provider", "authLoginUserpass.password", "<7 characters, redacted>")]);
        expectClean(await judge(vaultNoPlaintextData, PROVIDER, { address: "https://vault:8200", token: secretWire("hvs.s"), authLoginUserpass: secretWire('{"username":"ci","password":"hunter2"}') }));
        expect((await judge(vaultNoPlaintextData, PROVIDER, { authLoginJwt: '{"role":"ci","jwt":"eyJhbGciOi"}' }, {}, "p")).messages).to.deep.equal([msg("p", "authLoginJwt.jwt", "<10 characters, redacted>")]);
        // Logins whose secret part comes from the environment carry nothing secret.
        expectClean(await judge(vaultNoPlaintextData, PROVIDER, { authLoginJwt: '{"role":"ci","mount":"jwt"}' }));
        expectClean(await judge(vaultNoPlaintextData, PROVIDER, { authLogin: '{"path":"auth/approle/login","parameters":{"role_id":"r"}}' }));
    });

    it("does not flag unknown values in preview, secret or not (the Node SDK drops the secret flag of an unknown)", async () => {
        expectClean(await judge(vaultNoPlaintextData, KV2, { dataJson: UNKNOWN, mount: UNKNOWN }));
        expectClean(await judge(vaultNoPlaintextData, KV2, { dataJson: secretWire(UNKNOWN) }));
        expectClean(await judge(vaultNoPlaintextData, PROVIDER, { token: UNKNOWN, authLoginUserpass: UNKNOWN }));
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

    it("never throws on odd input; flags, numbers, empty strings and null are not secret material", async () => {
        for (const dataJson of [42, true, null, "", { nested: { a: [1, 2] } }, huge()]) {
            const v = await judge(vaultNoPlaintextData, KV2, { dataJson }, {}, "odd");
            for (const m of v.messages) expect(m).to.match(/^odd: dataJson is not a Pulumi secret.* Fix: .+\.$/);
            expect(v.messages.join("").length).to.be.lessThan(1000);
        }
        expect((await judge(vaultNoPlaintextData, KV2, { dataJson: { password: "p" } }, {}, "odd")).messages).to.deep.equal([msg("odd", "dataJson", "<object, redacted>")]);
        expect((await judge(vaultNoPlaintextData, KV2, { dataJson: huge() }, {}, "odd")).messages).to.deep.equal([msg("odd", "dataJson", `<${5 * 1024 * 1024} characters, redacted>`)]);
        expectClean(await judge(vaultNoPlaintextData, KV2, { dataJson: 42 }));
        expectClean(await judge(vaultNoPlaintextData, PROVIDER, { authLoginUserpass: `{"password":"${huge(100_000)}"}`, authLoginJwt: "{not json" }));
    });

    it("ignores resources of other providers", async () => {
        expectClean(await judge(vaultNoPlaintextData, "aws:ssm/parameter:Parameter", { value: "plain", password: "p" }));
    });

    it("remediates by re-marking the plaintext property as a secret, keeping the rest", async () => {
        const [fix] = await remediate(vaultNoPlaintextData, KV2, { path: "database/credentials", mount: "kv", dataJson: SEED_004_DATA });
        expect(fix.policy).to.equal("vault-no-plaintext-data");
        expect(fix.props.dataJson).to.be.instanceOf(Secret);
        expect((fix.props.dataJson as Secret).value).to.equal(SEED_004_DATA);
        expect(fix.props.path).to.equal("database/credentials");
        const [provider] = await remediate(vaultNoPlaintextData, PROVIDER, { token: secretWire("t"), authLoginUserpass: '{"password":"p"}' });
        expect((provider.props.authLoginUserpass as Secret).value).to.equal('{"password":"p"}');
        expect(provider.props.token).to.be.instanceOf(Secret);
        expect(await remediate(vaultNoPlaintextData, KV2, { dataJson: secretWire(SEED_004_DATA) })).to.deep.equal([]);
        expect(await remediate(vaultNoPlaintextData, KV2, { dataJson: UNKNOWN })).to.deep.equal([]);
    });

    it("says in its metadata that remediation encrypts the state but leaves the literal in source", () => {
        expect(vaultNoPlaintextData.remediationSteps).to.contain("the literal stays in your source");
        expect(vaultNoPlaintextData.enforcementLevel).to.equal("mandatory");
    });

    it("passes secret-wrapped dataJson and the write-only dataJsonWo on every listed kv and generic type", async () => {
        for (const type of [KV2, "vault:kv/secret:Secret", "vault:generic/secret:Secret", "vault:generic/endpoint:Endpoint"]) {
            const judged = await judge(vaultNoPlaintextData, type, { path: "database/credentials", dataJson: secretWire(SEED_004_DATA) });
            expectClean(judged);
            expect(judged.notApplicable, type).to.deep.equal([]);
            expectClean(await judge(vaultNoPlaintextData, type, { path: "database/credentials", dataJsonWo: SEED_004_DATA, dataJsonWoVersion: 1 }));
        }
    });

    it("judges accessKey and secretKey of the AWS secret backend each on its own: a write-only secretKeyWo does not excuse a plaintext accessKey", async () => {
        const v = await judge(vaultNoPlaintextData, "vault:aws/secretBackend:SecretBackend", { accessKey: "AKIAEXAMPLE", secretKeyWo: "wJalrXUtnFEMI", secretKeyWoVersion: 1 }, {}, "backend");
        expect(v.messages).to.deep.equal([msg("backend", "accessKey", "<11 characters, redacted>")]);
        expect((await judge(vaultNoPlaintextData, "vault:aws/secretBackend:SecretBackend", { accessKey: secretWire("AKIAEXAMPLE"), secretKey: "wJalrXUtnFEMI" }, {}, "backend")).messages).to.deep.equal([
            msg("backend", "secretKey", "<13 characters, redacted>"),
        ]);
    });
});
