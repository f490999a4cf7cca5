import { expect } from "chai";
import { Secret } from "@pulumi/policy";
import { secretsmanagerNoPlaintextValue } from "../../policies/secretsmanager/secretsmanager-no-plaintext-value";
import { expectClean, huge, judge, remediate, secretWire, UNKNOWN } from "../helpers";

const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const judgeVersion = (props: Record<string, unknown>) => judge(secretsmanagerNoPlaintextValue, VERSION, props, {}, "dbPassword");
const msg = (path: string, redacted: string) =>
    `dbPassword: ${path} is not a Pulumi secret, so it is stored in plaintext in the state (${JSON.stringify(redacted)}). Fix: pass ${path} as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret().`;

describe("secretsmanager-no-plaintext-value", () => {
    it("passes secret-wrapped secretString and secretBinary", async () => {
        const v = await judgeVersion({ secretId: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db", secretString: secretWire("p@ss") });
        expectClean(v);
        expect(v.notApplicable).to.deep.equal([]); // judged, not skipped
        expectClean(await judgeVersion({ secretId: "db", secretBinary: secretWire("cEBzcw==") }));
    });

    it("flags a plaintext secretString", async () => {
        const v = await judgeVersion({ secretId: "db", secretString: "p@ss" });
        expect(v.messages).to.deep.equal([msg("secretString", "<4 characters, redacted>")]);
        expect(v.diagnostics[0].level).to.equal("mandatory");
        expect(v.diagnostics[0].message).to.not.contain("p@ss");
    });

    it("flags a plaintext secretBinary", async () => {
        expect((await judgeVersion({ secretId: "db", secretBinary: "cEBzcw==" })).messages).to.deep.equal([msg("secretBinary", "<8 characters, redacted>")]);
    });

    it("accepts the write-only secretStringWo", async () => {
        expectClean(await judgeVersion({ secretId: "db", secretStringWo: "p@ss", secretStringWoVersion: 1 }));
    });

    it("stays quiet about unknown values in preview", async () => {
        expectClean(await judgeVersion({ secretId: UNKNOWN, secretString: UNKNOWN }));
        expectClean(await judgeVersion({ secretString: secretWire(UNKNOWN) }));
    });

    it("never throws on odd input", async () => {
        for (const secretString of [42, null, "", ["a"], { k: "v" }, huge()]) {
            const v = await judgeVersion({ secretString });
            for (const m of v.messages) expect(m).to.match(/^dbPassword: secretString is not a Pulumi secret.* Fix: .+\.$/);
            expect(v.messages.join("").length).to.be.lessThan(1000);
        }
        expect((await judgeVersion({ secretString: { k: "v" } })).messages).to.deep.equal([msg("secretString", "<object, redacted>")]);
        expectClean(await judgeVersion({ secretString: 42 }));
    });

    it("remediates by re-marking the value as a secret", async () => {
        const [fix] = await remediate(secretsmanagerNoPlaintextValue, VERSION, { secretId: "db", secretString: "p@ss" });
        expect(fix.props.secretString).to.be.instanceOf(Secret);
        expect((fix.props.secretString as Secret).value).to.equal("p@ss");
        expect(fix.props.secretId).to.equal("db");
        expect(await remediate(secretsmanagerNoPlaintextValue, VERSION, { secretString: secretWire("p@ss") })).to.deep.equal([]);
    });

    it("stays quiet about an unknown secretBinary in preview", async () => {
        expectClean(await judgeVersion({ secretBinary: UNKNOWN }));
        expectClean(await judgeVersion({ secretBinary: UNKNOWN, secretString: secretWire("s3cr3t") }));
    });
});
