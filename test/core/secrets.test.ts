import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { carriesCredential, credentialPaths, credentialsInJson, isWriteOnlyName, NOT_CREDENTIALS, plaintextCredentials, plaintextValueFinding, PropertyPath, redacted, SecretReading, showPath } from "../../policies/core/secrets";
import { isSecretWire, isUnknown, secretWire, UNKNOWN } from "../../policies/core/wire";

const VAULT_DIR = path.dirname(require.resolve("@pulumi/vault/package.json"));

function dtsFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? dtsFiles(p) : e.name.endsWith(".d.ts") ? [p] : [];
    });
}

/** Every input property name of @pulumi/vault: the `…Args` interfaces and the nested input types. */
function vaultInputNames(): Set<string> {
    const names = new Set<string>();
    for (const file of dtsFiles(VAULT_DIR)) {
        const text = fs.readFileSync(file, "utf8");
        const nested = file.endsWith(path.join("types", "input.d.ts"));
        const blocks = nested ? [text] : [...text.matchAll(/^export interface \w+Args \{\n([\s\S]*?)^\}/gm)].map((m) => m[1]);
        for (const block of blocks) {
            for (const m of block.matchAll(/^ {4,8}(?:readonly )?(\w+)\??: /gm)) names.add(m[1]);
        }
    }
    return names;
}

/** Inputs @pulumi/vault itself wraps in pulumi.secret(): its schema's idea of what is sensitive. */
function vaultSdkSecretInputs(): Set<string> {
    const names = new Set<string>();
    for (const file of dtsFiles(VAULT_DIR)) {
        const js = fs.readFileSync(file.replace(/\.d\.ts$/, ".js"), "utf8");
        for (const m of js.matchAll(/resourceInputs\["(\w+)"\] = args\?\.\w+ \? pulumi\.secret\(/g)) names.add(m[1]);
    }
    return names;
}

describe("core/secrets", () => {
    const inputs = vaultInputNames();

    it("finds the input property names of @pulumi/vault 7.8.0", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(VAULT_DIR, "package.json"), "utf8")) as { version: string };
        expect(pkg.version).to.equal("7.8.0");
        expect(inputs.size).to.be.greaterThan(800);
        for (const n of ["dataJson", "accessKey", "secretKey", "token", "boundIamPrincipalArns", "tokenPolicies"]) expect(inputs.has(n), n).to.equal(true);
    });

    it("flags exactly these @pulumi/vault 7.8.0 input names, each a credential or secret payload", () => {
        const flagged = [...inputs].filter(carriesCredential).sort();
        expect(flagged).to.deep.equal([
            "accessKey",
            "accessToken",
            "apiToken",
            "awsSecretAccessKey",
            "awsSessionToken",
            "azureAccountKey",
            "bindpass",
            "clientKey",
            "clientSecret",
            "clientTlsKey",
            "credentials",
            "dataJson",
            "distributedClaimAccessToken", // an OIDC access token
            "googleServiceAccountKey",
            "integrationKey",
            "jwt", // the JWT inside the provider's authLoginJwt block
            "oidcClientSecret",
            "password",
            "pemBundle",
            "pemJson",
            "privateKey",
            "secretAccessKey",
            "secretId",
            "secretKey",
            "selfManagedPassword",
            "serviceAccountJwt",
            "tlsCertificateKey",
            "token",
            "tokenReviewerJwt",
        ]);
    });

    it("covers every credential @pulumi/vault marks secret; the rest are identifiers or certificates", () => {
        const sdkSecret = [...vaultSdkSecretInputs()].filter((n) => !isWriteOnlyName(n));
        const notFlagged = sdkSecret.filter((n) => !carriesCredential(n)).sort();
        // Identifiers and public certificates: sensitive to some, but not credentials.
        expect(notFlagged).to.deep.equal(["clientCert", "clientId", "clientTlsCert", "envs", "homeTenancyId", "subscriptionId", "tenantId", "username"]);
    });

    it("leaves settings about credentials alone (the look-alikes)", () => {
        const lookalikes = ["tokenPolicies", "tokenTtl", "tokenMaxTtl", "tokenType", "tokenBoundCidrs", "tokenExplicitMaxTtl", "tokenNumUses", "tokenPeriod", "tokenName", "secretIdTtl", "secretIdNumUses", "secretIdBoundCidrs", "passwordPolicy", "rootPasswordTtl", "privateKeyFormat", "privateKeyId", "publicKey", "accessKeyId", "credentialType", "secretName", "identityTokenTtl"];
        for (const n of lookalikes) expect(carriesCredential(n), n).to.equal(false);
        for (const n of NOT_CREDENTIALS) expect(carriesCredential(n), n).to.equal(false);
    });

    it("treats the write-only forms as fine", () => {
        for (const n of ["dataJsonWo", "passwordWo", "passwordWoVersion", "secretKeyWo", "tokenWo"]) {
            expect(isWriteOnlyName(n), n).to.equal(true);
            expect(carriesCredential(n), n).to.equal(false);
        }
        expect(isWriteOnlyName("wordWork")).to.equal(false);
    });

    it("reads snake_case names as well (provider auth_login parameters)", () => {
        expect(carriesCredential("secret_id")).to.equal(true);
        expect(carriesCredential("client_secret")).to.equal(true);
        expect(carriesCredential("role_id")).to.equal(false);
        expect(carriesCredential("x".repeat(300) + "Password")).to.equal(false);
    });

    it("finds credential properties at any depth, outermost first, and stops inside them", () => {
        const props = { dataJson: "{}", postgresql: [{ username: "u", password: "p" }], nested: { deeper: { privateKey: { password: "inner" } } } };
        expect(credentialPaths(props).map(showPath)).to.deep.equal(["dataJson", "postgresql[0].password", "nested.deeper.privateKey"]);
        expect(credentialPaths(null)).to.deep.equal([]);
        expect(credentialPaths("password")).to.deep.equal([]);
    });

    it("is bounded on hostile nesting", () => {
        let deep: Record<string, unknown> = { password: "x" };
        for (let i = 0; i < 10_000; i++) deep = { d: deep };
        expect(credentialPaths(deep)).to.deep.equal([]);
        const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
        expect(credentialPaths({ ...wide, password: "x" })).to.deep.equal([]); // beyond the visit budget: silence, not a hang
    });

    it("finds credentials inside JSON text, and ignores text that is not a small JSON object", () => {
        expect(credentialsInJson('{"mount":"userpass","username":"ci","password":"hunter2"}')).to.deep.equal([{ path: ["password"], value: "hunter2" }]);
        expect(credentialsInJson('{"path":"auth/approle/login","parameters":{"role_id":"r","secret_id":"s"}}')).to.deep.equal([{ path: ["parameters", "secret_id"], value: "s" }]);
        expect(credentialsInJson('{"password":""}')).to.deep.equal([]);
        for (const t of ["not json", "{broken", "null", "42", `{"password":"${"x".repeat(70_000)}"}`]) expect(credentialsInJson(t), t.slice(0, 20)).to.deep.equal([]);
    });

    it("judges one reading: plaintext material is a finding, secrets, unknowns and non-material are not", () => {
        expect(plaintextValueFinding("dataJson", { state: "known", value: '{"password":"p"}', secret: false })).to.deep.equal({
            code: "value-not-secret",
            problem: "dataJson is not a Pulumi secret, so it is stored in plaintext in the state",
            value: "<16 characters, redacted>",
            fix: "pass dataJson as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret()",
        });
        expect(plaintextValueFinding("dataJson", { state: "known", value: "x", secret: true })).to.equal(undefined);
        expect(plaintextValueFinding("dataJson", { state: "unknown", secret: false })).to.equal(undefined);
        expect(plaintextValueFinding("dataJson", { state: "absent", secret: false })).to.equal(undefined);
        for (const value of ["", true, 42, [], {}]) expect(plaintextValueFinding("token", { state: "known", value, secret: false })).to.equal(undefined);
    });

    it("never shows the secret itself", () => {
        expect(redacted("hunter2")).to.equal("<7 characters, redacted>");
        expect(redacted(["a", "b"])).to.equal("<list of 2, redacted>");
        expect(redacted({ password: "p" })).to.equal("<object, redacted>");
    });

    it("gives the plaintext finding the one code of the no-plaintext rules", () => {
        expect(plaintextValueFinding("token", { state: "known", value: "hvs.x", secret: false })).to.deep.equal({
            code: "value-not-secret",
            problem: "token is not a Pulumi secret, so it is stored in plaintext in the state",
            value: "<5 characters, redacted>",
            fix: "pass token as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret()",
        });
        expect(plaintextValueFinding("token", { state: "known", value: "hvs.x", secret: true })).to.equal(undefined);
    });
});

/** Reads a wire-format bag the way lib/read.ts does: the value with secrets unwrapped, and whether a secret marker was passed. */
function wireReader(bag: Record<string, unknown>): (path: PropertyPath) => SecretReading {
    return (path) => {
        let value: unknown = bag;
        let secret = false;
        for (const key of path) {
            value = typeof value === "object" && value !== null ? (value as Record<string | number, unknown>)[key] : undefined;
            while (isSecretWire(value)) {
                secret = true;
                value = value.value;
            }
        }
        if (value === undefined || value === null) return { state: "absent", secret };
        return isUnknown(value) ? { state: "unknown", secret } : { state: "known", value, secret };
    };
}

/** The plain view of a wire bag: secrets unwrapped, as the SDK hands props to a policy. */
function plain(value: unknown): unknown {
    if (isSecretWire(value)) return plain(value.value);
    if (Array.isArray(value)) return value.map(plain);
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
    return value;
}

const found = (bag: Record<string, unknown>, jsonBlocks = false) => plaintextCredentials(plain(bag), wireReader(bag), jsonBlocks).map((c) => [showPath(c.path), c.finding.code, c.finding.value]);

describe("core/secrets: plaintextCredentials (vault-no-plaintext-data)", () => {
    it("flags each plaintext credential-named property, at any depth, with its path for remediation", () => {
        expect(found({ dataJson: '{"password":"x"}', path: "kv/app" })).to.deep.equal([["dataJson", "value-not-secret", "<16 characters, redacted>"]]);
        expect(found({ postgresqls: [{ username: "u", password: "pg-pass" }], passwordPolicy: "strong" })).to.deep.equal([["postgresqls[0].password", "value-not-secret", "<7 characters, redacted>"]]);
        const [credential] = plaintextCredentials({ postgresqls: [{ password: "p" }] }, wireReader({ postgresqls: [{ password: "p" }] }), false);
        expect(credential.path).to.deep.equal(["postgresqls", 0, "password"]);
        expect(credential.finding.problem).to.equal("postgresqls[0].password is not a Pulumi secret, so it is stored in plaintext in the state");
    });

    it("passes credentials that reached the engine as secrets, computed ones, write-only forms and non-material", () => {
        expect(found({ dataJson: secretWire('{"password":"x"}'), token: secretWire("t") })).to.deep.equal([]);
        expect(found({ postgresqls: secretWire([{ password: "p" }]) })).to.deep.equal([]);
        expect(found({ dataJson: UNKNOWN, token: secretWire(UNKNOWN) })).to.deep.equal([]);
        expect(found({ dataJsonWo: "{}", secretKeyWo: "k" })).to.deep.equal([]);
        expect(found({ dataJson: 42, token: true, password: "" })).to.deep.equal([]);
    });

    it("flags a connection URL with a password, whatever its property is called", () => {
        expect(found({ postgresql: { connectionUrl: "postgres://vault:s3cret@db:5432/ml" } })).to.deep.equal([["postgresql.connectionUrl", "value-not-secret", "<34 characters, redacted>"]]);
        expect(found({ postgresql: { connectionUrl: "postgres://{{username}}:{{password}}@db" } })).to.deep.equal([]);
    });

    it("searches plaintext JSON-text properties for credentials only when asked (the provider's login blocks)", () => {
        const provider = { authLoginUserpass: '{"mount":"userpass","username":"ci","password":"hunter2"}', address: "https://vault:8200" };
        expect(found(provider, true)).to.deep.equal([["authLoginUserpass.password", "value-not-secret", "<7 characters, redacted>"]]);
        expect(found(provider, false)).to.deep.equal([]);
        expect(plaintextCredentials(provider, wireReader(provider), true)[0].path).to.deep.equal(["authLoginUserpass", "password"]);
        expect(found({ authLoginUserpass: secretWire('{"password":"hunter2"}') }, true)).to.deep.equal([]);
        expect(found({ authLoginJwt: '{"role":"ci","jwt":"eyJhbGciOi"}' }, true)).to.deep.equal([["authLoginJwt.jwt", "value-not-secret", "<10 characters, redacted>"]]);
        expect(found({ authLoginJwt: '{"role":"ci","mount":"jwt"}', authLogin: "{not json" }, true)).to.deep.equal([]);
    });

    it("never throws on hostile bags, and stays bounded", () => {
        const huge = "x".repeat(5 * 1024 * 1024);
        let deep: Record<string, unknown> = { password: "x" };
        for (let i = 0; i < 10_000; i++) deep = { d: deep };
        for (const bag of [null, 42, "password", [], [{ password: "p" }], { password: huge }, { authLogin: `{"password":"${huge}"}` }, deep, { d: Symbol("s") }, { n: 10n }]) {
            expect(() => plaintextCredentials(bag, () => ({ state: "absent", secret: false }), true)).to.not.throw();
        }
        expect(plaintextCredentials({ password: huge }, () => ({ state: "known", value: huge, secret: false }), true)[0].finding.value).to.equal(`<${huge.length} characters, redacted>`);
        expect(plaintextCredentials(deep, () => ({ state: "known", value: "x", secret: false }), true)).to.deep.equal([]);
    });
});
