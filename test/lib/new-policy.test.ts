/** `npm run new-policy`: the generator writes an adapter and a table that follow CONTRIBUTING.md. */
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { camelCase, generatePolicy } from "../../scripts/new-policy";

const SCRIPT = path.resolve(__dirname, "../../scripts/new-policy.js");

function run(args: string[]): { code: number; out: string } {
    try {
        return { code: 0, out: execFileSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
    } catch (e) {
        const err = e as { status: number; stderr: string };
        return { code: err.status, out: err.stderr };
    }
}

describe("new-policy generator", () => {
    it("writes the adapter and its table where CONTRIBUTING.md puts them, and refuses to overwrite", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "keyguard-new-policy-"));
        expect(run(["kms", "kms-key-origin", "--root", root]).code).to.equal(0);
        const adapter = fs.readFileSync(path.join(root, "policies/kms/kms-key-origin.ts"), "utf8");
        const table = fs.readFileSync(path.join(root, "test/kms/kms-key-origin.test.ts"), "utf8");
        expect(adapter).to.include('export const kmsKeyOrigin = resourcePolicy({').and.include('name: "kms-key-origin"').and.include('from "../core/kms"');
        expect(table).to.include('import { kmsKeyOrigin } from "../../policies/kms/kms-key-origin";').and.include("testPolicy(kmsKeyOrigin, {");
        for (const part of ["valid:", "invalid:", "preview:", "messages:", "codes:"]) expect(table).to.include(part);
        const again = run(["kms", "kms-key-origin", "--root", root]);
        expect(again.code).to.equal(1);
        expect(again.out).to.include("exists; not overwriting it");
    });

    it("writes TypeScript that parses", () => {
        const { adapter, table } = generatePolicy("vault", "vault-token-ttl");
        for (const file of [adapter, table]) {
            const out = ts.transpileModule(file.text, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
            expect(out.diagnostics ?? [], file.path).to.deep.equal([]);
        }
        expect(adapter.path).to.equal(path.join("policies", "vault", "vault-token-ttl.ts"));
    });

    it("says what is wrong with a bad name, and with a room that is not a service", () => {
        expect(run(["KMS", "x"]).out).to.include("service must be lower-case kebab case");
        expect(run(["kms", "Key_Origin"]).out).to.include("policy name must be lower-case kebab case");
        expect(run(["core", "kms-x"]).out).to.include("policies/core is not a service");
        expect(run(["kms"]).code).to.equal(2);
        expect(camelCase("secretsmanager-secret-cmk")).to.equal("secretsmanagerSecretCmk");
    });
});
