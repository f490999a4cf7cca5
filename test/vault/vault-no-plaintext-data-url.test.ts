/** vault-no-plaintext-data's reading rule for connection URLs (issue 12): a URL with a password in it is a credential. */
import { expect } from "chai";
import { vaultNoPlaintextData } from "../../policies/vault/vault-no-plaintext-data";
import { expectClean, judge, secretWire } from "../helpers";

const CONNECTION = "vault:database/secretBackendConnection:SecretBackendConnection";

describe("vault-no-plaintext-data: connection URLs", () => {
    it("flags a plaintext connection URL with a password in it, whatever the property is called", async () => {
        const v = await judge(vaultNoPlaintextData, CONNECTION, { backend: "db", name: "pg", postgresql: { connectionUrl: "postgres://vault:s3cret@db.internal:5432/ml" } }, {}, "pg");
        expect(v.messages).to.deep.equal([
            'pg: postgresql.connectionUrl is not a Pulumi secret, so it is stored in plaintext in the state ("<43 characters, redacted>"). Fix: pass postgresql.connectionUrl as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret().',
        ]);
        const listed = await judge(vaultNoPlaintextData, CONNECTION, { redis: { hosts: ["redis://:hunter2@cache:6379"] } }, {}, "cache");
        expect(listed.messages).to.deep.equal([
            'cache: redis.hosts[0] is not a Pulumi secret, so it is stored in plaintext in the state ("<27 characters, redacted>"). Fix: pass redis.hosts[0] as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret().',
        ]);
    });

    it("passes a URL without a password, with Vault's {{password}} template, or as a secret", async () => {
        expectClean(await judge(vaultNoPlaintextData, CONNECTION, { postgresql: { connectionUrl: "postgres://{{username}}:{{password}}@db:5432/ml" } }));
        expectClean(await judge(vaultNoPlaintextData, CONNECTION, { postgresql: { connectionUrl: "postgres://vault@db:5432/ml" } }));
        expectClean(await judge(vaultNoPlaintextData, CONNECTION, { address: "https://vault.internal:8200/v1" }));
        expectClean(await judge(vaultNoPlaintextData, CONNECTION, { postgresql: { connectionUrl: secretWire("postgres://vault:s3cret@db.internal:5432/ml") } }));
    });
});
