/**
 * source-no-secret-literals through the in-process door, as keyguard check runs it: the program's
 * resources plus one keyguard:check:ProgramSource resource holding its files. Cases as data (for
 * the table tester when it lands): each stack, and the exact messages it gets.
 */
import { expect } from "chai";
import { PROGRAM_SOURCE_TYPE } from "../../policies/core/source-literals";
import { sourceNoSecretLiterals } from "../../policies/program/source-no-secret-literals";
import type { WireResource } from "../../harness/in-process";
import { judgeStack, secretWire } from "../helpers";

const SOURCE = 'import * as vault from "@pulumi/vault";\nnew vault.kv.SecretV2("db", {\n    dataJson: pulumi.secret(\'{"password": "very-secr3t-p@ssw0rd"}\'),\n});\n';
const sources = (text = SOURCE): WireResource => ({ type: PROGRAM_SOURCE_TYPE, name: "program-source", props: { files: [{ path: "index.ts", text }] } });
const kv = (props: Record<string, unknown>): WireResource => ({ type: "vault:kv/secretV2:SecretV2", name: "db", urn: "urn:pulumi:dev::p::vault:kv/secretV2:SecretV2::db", props });
const FIX = "Fix: remove it from the source and its git history (rotate it), then set it with `pulumi config set --secret <key>` and read it with config.requireSecret, or keep it in Pulumi ESC.";

const CASES: { name: string; resources: WireResource[]; messages: string[] }[] = [
    {
        name: "a secret written verbatim in the source",
        resources: [kv({ dataJson: secretWire('{"password": "very-secr3t-p@ssw0rd"}') }), sources()],
        messages: [`db: dataJson: reaches the engine as a secret, but its value is written in the program's source ("index.ts:3"). ${FIX}`],
    },
    {
        name: "a nested secret whose JSON holds a string written in the source",
        resources: [{ type: "aws:lambda/function:Function", name: "fn", urn: "urn:pulumi:dev::p::aws:lambda/function:Function::fn", props: { environment: { variables: { DB: secretWire('{"pw":"very-secr3t-p@ssw0rd"}') } } } }, sources()],
        messages: [`fn: environment.variables.DB: reaches the engine as a secret, but its value is written in the program's source ("index.ts:3"). ${FIX}`],
    },
    { name: "passing twin: the secret comes from config, not the source", resources: [kv({ dataJson: secretWire("[secret]") }), sources()], messages: [] },
    { name: "passing twin: a plaintext value in the source is not a secret literal (the plaintext policies judge it)", resources: [kv({ dataJson: '{"password": "very-secr3t-p@ssw0rd"}' }), sources()], messages: [] },
    { name: "passing twin: the same secret, source without it", resources: [kv({ dataJson: secretWire('{"password": "very-secr3t-p@ssw0rd"}') }), sources("export {};\n")], messages: [] },
];

describe("source-no-secret-literals", () => {
    for (const c of CASES) {
        it(c.name, async () => {
            const verdict = await judgeStack(sourceNoSecretLiterals, c.resources);
            expect(verdict.messages).to.deep.equal(c.messages);
            for (const m of verdict.messages) expect(m).to.not.contain("very-secr3t");
        });
    }

    it("is not applicable without the program's source (the engine never has it)", async () => {
        const verdict = await judgeStack(sourceNoSecretLiterals, [kv({ dataJson: secretWire("x-long-secret-value") })]);
        expect(verdict.messages).to.deep.equal([]);
        expect(verdict.notApplicable).to.deep.equal([{ policy: "source-no-secret-literals", reason: "needs the program's source files, which only keyguard check provides" }]);
    });
});
