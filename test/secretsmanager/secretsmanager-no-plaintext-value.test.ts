import { Secret } from "@pulumi/policy";
import { secretsmanagerNoPlaintextValue } from "../../policies/secretsmanager/secretsmanager-no-plaintext-value";
import { huge } from "../helpers";
import { secretWire, testPolicy, UNKNOWN } from "../lib/policy-tester";

const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const msg = (path: string, redacted: string) =>
    `dbPassword: ${path} is not a Pulumi secret, so it is stored in plaintext in the state (${JSON.stringify(redacted)}). Fix: pass ${path} as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret().`;
const chars = (n: number) => `<${n} characters, redacted>`;

testPolicy(secretsmanagerNoPlaintextValue, {
    type: VERSION,
    valid: [
        { title: "a secret-wrapped secretString, judged, not skipped", props: { secretId: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db", secretString: secretWire("p@ss") } },
        { title: "a secret-wrapped secretBinary", props: { secretId: "db", secretBinary: secretWire("cEBzcw==") } },
        { title: "the write-only secretStringWo", props: { secretId: "db", secretStringWo: "p@ss", secretStringWoVersion: 1 } },
        ...[42, null, ""].map((secretString) => ({ title: `secretString ${JSON.stringify(secretString)} is not secret material`, props: { secretString } })),
    ],
    invalid: [
        { title: "a plaintext secretString, its value not shown", name: "dbPassword", props: { secretId: "db", secretString: "p@ss" }, messages: [msg("secretString", chars(4))], codes: ["value-not-secret"] },
        { title: "a plaintext secretBinary", name: "dbPassword", props: { secretId: "db", secretBinary: "cEBzcw==" }, messages: [msg("secretBinary", chars(8))], codes: ["value-not-secret"] },
        { title: "both in plaintext", name: "dbPassword", props: { secretString: "p@ss", secretBinary: "cEBzcw==" }, messages: [msg("secretString", chars(4)), msg("secretBinary", chars(8))], codes: ["value-not-secret", "value-not-secret"] },
        { title: "an object", name: "dbPassword", props: { secretString: { k: "v" } }, messages: [msg("secretString", "<object, redacted>")], codes: ["value-not-secret"] },
        { title: "a list", name: "dbPassword", props: { secretString: ["a"] }, messages: [msg("secretString", "<list of 1, redacted>")], codes: ["value-not-secret"] },
        { title: "a 5 MB value, shown by its size only", name: "dbPassword", props: { secretString: huge() }, messages: [msg("secretString", chars(5 * 1024 * 1024))], codes: ["value-not-secret"] },
    ],
    preview: [
        { title: "a computed secretString", props: { secretId: UNKNOWN, secretString: UNKNOWN } },
        { title: "a computed secret", props: { secretString: secretWire(UNKNOWN) } },
        { title: "a computed secretBinary", props: { secretBinary: UNKNOWN } },
        { title: "a computed secretBinary next to a secret secretString", props: { secretBinary: UNKNOWN, secretString: secretWire("s3cr3t") } },
    ],
    remediate: [
        { title: "re-marks the value as a secret, keeping the rest", props: { secretId: "db", secretString: "p@ss" }, output: { secretId: "db", secretString: new Secret("p@ss") } },
        { title: "re-marks only the plaintext one", props: { secretString: secretWire("p@ss"), secretBinary: "cEBzcw==" }, output: { secretString: new Secret("p@ss"), secretBinary: new Secret("cEBzcw==") } },
        { title: "leaves a secret value alone", props: { secretString: secretWire("p@ss") }, output: null },
        { title: "leaves a computed value alone", props: { secretString: UNKNOWN }, output: null },
    ],
});
