/**
 * The proof that plaintext is told from secrets on the wire: real AnalyzeRequests over gRPC to
 * the pack started as the CLI starts it. @pulumi/policy alone hands validateResource the same
 * unwrapped value for both requests (pulumi-policy#241); the verdicts differ only because the
 * wire tap sees the engine's secret signature object.
 */
import { expect } from "chai";
import { analyze } from "../../harness/grpc";
import { secretWire, UNKNOWN } from "../helpers";
import { usePack } from "./pack";

const KV2 = "vault:kv/secretV2:SecretV2";
const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const DATA = '{"password": "very-secr3t-p@ssw0rd"}';
const DESCRIPTION = "Secret material on Vault resources reaches the engine as a Pulumi secret, so it is encrypted in the state.";

describe("protocol: plaintext versus secret on the wire", function () {
    this.timeout(60_000);
    const pack = usePack();

    const verdict = async (type: string, props: Record<string, unknown>, policy: string) => {
        const outcome = await analyze(pack(), { type, name: "ai-model-secret", props });
        return { diagnostics: outcome.diagnostics.filter((d) => d.policy === policy), notApplicable: outcome.notApplicable.filter((n) => n.policy === policy) };
    };

    it("flags a plaintext dataJson on vault:kv/secretV2:SecretV2", async () => {
        const v = await verdict(KV2, { mount: "kv", name: "database/credentials", dataJson: DATA }, "vault-no-plaintext-data");
        expect(v.diagnostics).to.deep.equal([
            {
                policy: "vault-no-plaintext-data",
                level: "mandatory",
                message: `${DESCRIPTION}\nai-model-secret: dataJson is not a Pulumi secret, so it is stored in plaintext in the state ("<36 characters, redacted>"). Fix: pass dataJson as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret().`,
                urn: undefined,
            },
        ]);
    });

    it("passes the same dataJson secret-wrapped, and judges it (not skipped as not applicable)", async () => {
        expect(await verdict(KV2, { mount: "kv", name: "database/credentials", dataJson: secretWire(DATA) }, "vault-no-plaintext-data")).to.deep.equal({ diagnostics: [], notApplicable: [] });
    });

    it("tells a plaintext secretString from a secret one on a Secrets Manager version", async () => {
        const plain = await verdict(VERSION, { secretId: "db", secretString: "p@ss" }, "secretsmanager-no-plaintext-value");
        expect(plain.diagnostics.map((d) => d.message.split("\n")[1])).to.deep.equal([
            'ai-model-secret: secretString is not a Pulumi secret, so it is stored in plaintext in the state ("<4 characters, redacted>"). Fix: pass secretString as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret().',
        ]);
        expect(await verdict(VERSION, { secretId: "db", secretString: secretWire("p@ss") }, "secretsmanager-no-plaintext-value")).to.deep.equal({ diagnostics: [], notApplicable: [] });
    });

    it("stays quiet about an unknown dataJson in preview, with no can't-run noise", async () => {
        const outcome = await analyze(pack(), { type: KV2, name: "later", props: { mount: UNKNOWN, dataJson: UNKNOWN } });
        expect(outcome.diagnostics).to.deep.equal([]);
    });
});
