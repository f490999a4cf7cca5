/**
 * Lint guards the house plan (eslint.config.mjs); these prove each guard fires, by linting small
 * snippets as if they were files of the pack, with the project's own config.
 */
import { expect } from "chai";
import { ESLint } from "eslint";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../../..");
const CORE_FILE = "policies/core/zz-lint-fixture.ts";
const ADAPTER_FILE = "policies/kms/zz-lint-fixture.ts";

let eslint: ESLint | undefined;

/** The rule ids ESLint reports for `code` placed at `file` (never written to disk). */
async function rulesHit(file: string, code: string): Promise<string[]> {
    // The snippets are not on disk, so the type-aware parser takes them into its default project.
    eslint ??= new ESLint({ cwd: ROOT, overrideConfig: { languageOptions: { parserOptions: { projectService: { allowDefaultProject: [CORE_FILE, ADAPTER_FILE] } } } } });
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    expect(result.messages.filter((m) => m.fatal), JSON.stringify(result.messages)).to.deep.equal([]);
    return result.messages.map((m) => m.ruleId ?? "");
}

describe("lint guards the plan", function () {
    // The type-aware parser loads the whole project once (~20 s on this machine).
    this.timeout(180_000);

    it("fails a core file that imports @pulumi/policy, or policies/lib", async () => {
        expect(await rulesHit(CORE_FILE, 'import { Secret } from "@pulumi/policy";\nexport const s = Secret;\n')).to.deep.equal(["no-restricted-imports"]);
        expect(await rulesHit(CORE_FILE, 'import { read } from "../lib/read";\nexport const r = read;\n')).to.deep.equal(["no-restricted-imports"]);
        expect(await rulesHit(CORE_FILE, 'import { isUnknown } from "./wire";\nexport const u = isUnknown;\n')).to.deep.equal([]);
    });

    it("fails a regex with super-linear backtracking, and an unanchored one that goes quadratic in product code", async () => {
        expect(await rulesHit(CORE_FILE, "export const r = /^(a+)+$/;\n")).to.include("regexp/no-super-linear-backtracking");
        expect(await rulesHit(CORE_FILE, 'export const strip = (s: string) => s.replace(/[.!]+$/, "");\n')).to.deep.equal(["regexp/no-super-linear-move"]);
        expect(await rulesHit(CORE_FILE, "export const r = /^[a-z]+$/;\n")).to.deep.equal([]);
    });

    it("fails an adapter that imports another adapter, and lets it import lib and core", async () => {
        expect(await rulesHit(ADAPTER_FILE, 'import { kmsKeyUsage } from "./kms-key-usage";\nexport const p = kmsKeyUsage;\n')).to.deep.equal(["no-restricted-imports"]);
        expect(await rulesHit(ADAPTER_FILE, 'import { iamKmsLeastPrivilege } from "../iam/iam-kms-least-privilege";\nexport const p = iamKmsLeastPrivilege;\n')).to.deep.equal(["no-restricted-imports"]);
        expect(await rulesHit(ADAPTER_FILE, 'import { resourcePolicy } from "../lib/define";\nimport { KEY_SPECS } from "../core/kms";\nimport { parseArn } from "../core/iam/arn";\nexport const p = [resourcePolicy, KEY_SPECS, parseArn];\n')).to.deep.equal([]);
    });

    it("fails a floating promise (type-checked rules are on)", async () => {
        expect(await rulesHit(CORE_FILE, "async function f(): Promise<void> {}\nexport function g(): void {\n    f();\n}\n")).to.deep.equal(["@typescript-eslint/no-floating-promises"]);
    });
});
