import { expect } from "chai";
import { plaintextSecretValues, SECRET_VALUE_PROPERTIES, secretCmkFindings } from "../../policies/core/secretsmanager";
import type { SecretReading } from "../../policies/core/secrets";
import { UNKNOWN } from "../../policies/core/wire";

const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const HUGE = "x".repeat(5 * 1024 * 1024);
function deep(depth: number): unknown {
    let v: unknown = KEY_ARN;
    for (let i = 0; i < depth; i++) v = { kmsKeyId: v };
    return v;
}
const HOSTILE: unknown[] = [null, 42, NaN, true, "", HUGE, [], [KEY_ARN], { a: 1 }, deep(10_000), Symbol("s"), 10n, () => 1];
const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

describe("core/secretsmanager: secretCmkFindings (secretsmanager-secret-cmk)", () => {
    it("passes a secret and replicas under customer-managed keys", () => {
        expect(secretCmkFindings(KEY_ARN, undefined, undefined)).to.deep.equal([]);
        expect(secretCmkFindings("alias/ai-pipeline", 7, [{ region: "us-west-2", kmsKeyId: KEY_ARN }])).to.deep.equal([]);
    });

    it("flags a secret with no key, the AWS managed key, or a reference that names no key", () => {
        expect(secretCmkFindings(undefined, undefined, undefined)).to.deep.equal([
            { code: "no-customer-key", problem: "secret has no kmsKeyId, so Secrets Manager uses the AWS managed key alias/aws/secretsmanager", value: undefined, fix: "set kmsKeyId to a customer-managed key's ARN (e.g. key.arn)" },
        ]);
        expect(secretCmkFindings("alias/aws/secretsmanager", undefined, undefined)[0].problem).to.equal("secret is encrypted with an AWS managed key, whose policy the org cannot control");
        // The one KMS reference parser (core/kms.ts) decides: another service's ARN, or an ARN without region and account, names no key.
        for (const ref of ["arn:aws:s3:::bucket", "arn:aws:kms:::alias/aws/secretsmanager", "my-key"]) {
            expect(secretCmkFindings(ref, undefined, undefined)[0].problem, ref).to.equal("secret has a kmsKeyId that is not a KMS key id, key ARN, alias or alias ARN");
        }
    });

    it("flags a recovery window of 0 days, as a number or text, and nothing else", () => {
        expect(secretCmkFindings(KEY_ARN, 0, undefined)).to.deep.equal([
            { code: "no-recovery-window", problem: "recoveryWindowInDays 0 deletes the secret at once, beyond recovery", value: 0, fix: "set recoveryWindowInDays from 7 to 30, or leave it unset (30 days)" },
        ]);
        expect(codes(secretCmkFindings(KEY_ARN, "0", undefined))).to.deep.equal(["no-recovery-window"]);
        for (const days of [7, 30, undefined, "seven", UNKNOWN, -0.5]) expect(secretCmkFindings(KEY_ARN, days, undefined), String(days)).to.deep.equal([]);
    });

    it("judges each replica, named by its Region when it has a well-formed one", () => {
        expect(secretCmkFindings(KEY_ARN, undefined, [{ region: "us-gov-west-1" }, { region: "eu-west-1", kmsKeyId: "alias/aws/secretsmanager" }, { region: "nowhere", kmsKeyId: null }])).to.deep.equal([
            {
                code: "replica-no-customer-key",
                problem: "replica in us-gov-west-1 has no kmsKeyId, so Secrets Manager uses the AWS managed key alias/aws/secretsmanager",
                value: undefined,
                fix: "set replicas[0].kmsKeyId to a customer-managed key's ARN in that region",
            },
            { code: "replica-no-customer-key", problem: "replica in eu-west-1 is encrypted with an AWS managed key, whose policy the org cannot control", value: "alias/aws/secretsmanager", fix: "set replicas[1].kmsKeyId to a customer-managed key's ARN in that region" },
            {
                code: "replica-no-customer-key",
                problem: "replicas[2] has no kmsKeyId, so Secrets Manager uses the AWS managed key alias/aws/secretsmanager",
                value: undefined,
                fix: "set replicas[2].kmsKeyId to a customer-managed key's ARN in that region",
            },
        ]);
    });

    it("names a replica by any partition's Region name (core/aws-region), and by its index otherwise", () => {
        const labels = (regions: unknown[]) => secretCmkFindings(KEY_ARN, undefined, regions.map((region) => ({ region }))).map((f) => f.problem.replace(/ has no kmsKeyId.*/, ""));
        expect(labels(["cn-northwest-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1"])).to.deep.equal(["replica in cn-northwest-1", "replica in us-isob-east-1", "replica in eu-isoe-west-1", "replica in us-isof-south-1", "replica in eusc-de-east-1"]);
        expect(labels(["us-east", "useast1", "US-EAST-1", "us-east-1a"])).to.deep.equal(["replicas[0]", "replicas[1]", "replicas[2]", "replicas[3]"]);
    });

    it("skips computed values: the key, the recovery window, the replica list, an entry, an entry's key", () => {
        expect(secretCmkFindings(UNKNOWN, UNKNOWN, UNKNOWN)).to.deep.equal([]);
        expect(secretCmkFindings(KEY_ARN, undefined, [UNKNOWN, { region: "us-west-2", kmsKeyId: UNKNOWN }, { region: UNKNOWN, kmsKeyId: KEY_ARN }])).to.deep.equal([]);
        expect(secretCmkFindings(KEY_ARN, undefined, [{ region: UNKNOWN }])[0].problem).to.match(/^replicas\[0\] has no kmsKeyId/);
    });

    it("judges at most 100 replicas", () => {
        const found = secretCmkFindings(KEY_ARN, undefined, Array.from({ length: 10_000 }, () => ({})));
        expect(found).to.have.length(100);
        expect(found[99].fix).to.equal("set replicas[99].kmsKeyId to a customer-managed key's ARN in that region");
    });

    it("never throws on hostile values, and keeps a hostile region out of the message", () => {
        for (const v of HOSTILE) {
            expect(() => secretCmkFindings(v, v, v), String(typeof v)).to.not.throw();
            expect(() => secretCmkFindings(KEY_ARN, undefined, [v, { region: v, kmsKeyId: v }]), String(typeof v)).to.not.throw();
        }
        const [replica] = secretCmkFindings(KEY_ARN, undefined, [{ region: `us-west-2${HUGE}`, kmsKeyId: 7 }]);
        expect(replica.problem).to.equal("replicas[0] has a kmsKeyId that is not a KMS key id, key ARN, alias or alias ARN");
        expect(codes(secretCmkFindings(HUGE, undefined, undefined))).to.deep.equal(["no-customer-key"]);
    });
});

describe("core/secretsmanager: plaintextSecretValues (secretsmanager-no-plaintext-value)", () => {
    const known = (value: unknown, secret = false): SecretReading => ({ state: "known", value, secret });
    const absent: SecretReading = { state: "absent", secret: false };

    it("judges the two value properties", () => {
        expect(SECRET_VALUE_PROPERTIES).to.deep.equal(["secretString", "secretBinary"]);
    });

    it("flags each plaintext value with the property remediation re-marks, never showing the value", () => {
        expect(plaintextSecretValues({ secretString: known("p@ss"), secretBinary: known("cEBzcw==") })).to.deep.equal([
            {
                property: "secretString",
                finding: {
                    code: "value-not-secret",
                    problem: "secretString is not a Pulumi secret, so it is stored in plaintext in the state",
                    value: "<4 characters, redacted>",
                    fix: "pass secretString as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret()",
                },
            },
            {
                property: "secretBinary",
                finding: {
                    code: "value-not-secret",
                    problem: "secretBinary is not a Pulumi secret, so it is stored in plaintext in the state",
                    value: "<8 characters, redacted>",
                    fix: "pass secretBinary as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret()",
                },
            },
        ]);
    });

    it("passes secrets, absent and computed values, and what is not secret material", () => {
        expect(plaintextSecretValues({ secretString: known("p@ss", true), secretBinary: absent })).to.deep.equal([]);
        expect(plaintextSecretValues({ secretString: { state: "unknown", secret: false }, secretBinary: { state: "unknown", secret: true } })).to.deep.equal([]);
        for (const v of ["", 42, true, [], {}]) expect(plaintextSecretValues({ secretString: known(v), secretBinary: absent }), JSON.stringify(v)).to.deep.equal([]);
    });

    it("never throws on hostile values, and shows only their size", () => {
        for (const v of HOSTILE) expect(() => plaintextSecretValues({ secretString: known(v), secretBinary: known(v) }), String(typeof v)).to.not.throw();
        expect(plaintextSecretValues({ secretString: known(HUGE), secretBinary: known(deep(10_000)) }).map((p) => p.finding.value)).to.deep.equal([`<${HUGE.length} characters, redacted>`, "<object, redacted>"]);
    });
});
