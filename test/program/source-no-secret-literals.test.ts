/**
 * source-no-secret-literals as keyguard check runs it: the program's resources plus one
 * keyguard:check:ProgramSource resource holding its files. Exact messages never hold the secret.
 */
import { PROGRAM_SOURCE_TYPE } from "../../policies/core/source-literals";
import { sourceNoSecretLiterals } from "../../policies/program/source-no-secret-literals";
import { UNKNOWN, secretWire, stackResource, testPolicy } from "../lib/policy-tester";

const SOURCE = 'import * as vault from "@pulumi/vault";\nnew vault.kv.SecretV2("db", {\n    dataJson: pulumi.secret(\'{"password": "very-secr3t-p@ssw0rd"}\'),\n});\n';
const sources = (text = SOURCE) => stackResource(PROGRAM_SOURCE_TYPE, "program-source", { files: [{ path: "index.ts", text }] });
const kv = (props: Record<string, unknown>) => stackResource("vault:kv/secretV2:SecretV2", "db", props);
const SECRET_JSON = secretWire('{"password": "very-secr3t-p@ssw0rd"}');
const FIX = "Fix: remove it from the source and its git history (rotate it), then set it with `pulumi config set --secret <key>` and read it with config.requireSecret, or keep it in Pulumi ESC.";

testPolicy(sourceNoSecretLiterals, {
    valid: [
        { title: "the secret comes from config, not the source", resources: [kv({ dataJson: secretWire("[secret]") }), sources()] },
        { title: "a plaintext value in the source is not a secret literal (the plaintext policies judge it)", resources: [kv({ dataJson: '{"password": "very-secr3t-p@ssw0rd"}' }), sources()] },
        { title: "the same secret, source without it", resources: [kv({ dataJson: SECRET_JSON }), sources("export {};\n")] },
        {
            title: "without the program's source (the engine never has it)",
            resources: [kv({ dataJson: secretWire("x-long-secret-value") })],
            notApplicable: "needs the program's source files, which only keyguard check provides",
        },
    ],
    invalid: [
        {
            title: "a secret written verbatim in the source",
            resources: [kv({ dataJson: SECRET_JSON }), sources()],
            messages: [`db: dataJson: reaches the engine as a secret, but its value is written in the program's source ("index.ts:3"). ${FIX}`],
            codes: ["secret-in-source"],
        },
        {
            title: "a nested secret whose JSON holds a string written in the source",
            resources: [stackResource("aws:lambda/function:Function", "fn", { environment: { variables: { DB: secretWire('{"pw":"very-secr3t-p@ssw0rd"}') } } }), sources()],
            messages: [`fn: environment.variables.DB: reaches the engine as a secret, but its value is written in the program's source ("index.ts:3"). ${FIX}`],
            codes: ["secret-in-source"],
        },
    ],
    preview: [
        { title: "a secret computed in preview", resources: [kv({ dataJson: secretWire(UNKNOWN) }), sources()] },
        { title: "an unknown beside the secret", resources: [kv({ dataJson: secretWire("[secret]"), mount: UNKNOWN }), sources()] },
    ],
});
