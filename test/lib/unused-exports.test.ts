/**
 * No dead exports in the pack's own code: an export nothing imports is either dead code or a
 * second way to do something, and both drift. Checked with ts-unused-exports (the project's own
 * TypeScript, no configuration of its own) over the whole project, reported for the code whose
 * exports are an internal API. Entry points (the pack's index, the CLI, bench and fixture
 * programs, scripts) export for their runners, not for importers, so they are not reported.
 */
import { expect } from "chai";
import * as path from "path";
import { analyzeTsConfig } from "ts-unused-exports";

const ROOT = path.resolve(__dirname, "../../..");

/**
 * Files whose exports must each have an importer: the core contract's modules and their readers.
 * Widen as the other modules are cleaned (CONTRIBUTING.md); a new module joins when it is done.
 */
const CHECKED = [
    /^policies\/core\/(finding|kms|message|s3|secretsmanager|text|vault|vault-kv|wire)\.ts$/,
    /^policies\/lib\/(config|define|kms-key|read|shared-config|stack-index|types|wire-tap)\.ts$/,
    /^harness\/in-process\.ts$/,
    /^test\/lib\//,
];

describe("no unused exports", function () {
    this.timeout(120_000);

    it("every export of the core contract's modules, their readers, the in-process harness and the tester is imported somewhere", () => {
        // Types are exported to document an API's shape (and for the other helpers' adapters); values must be used.
        const unused = analyzeTsConfig(path.join(ROOT, "tsconfig.json"), ["--allowUnusedTypes", "--allowUnusedEnums"]);
        const reported = Object.entries(unused.unusedExports)
            .map(([file, exports]) => [path.relative(ROOT, file).split(path.sep).join("/"), exports.map((e) => e.exportName)] as const)
            .filter(([file]) => CHECKED.some((r) => r.test(file)));
        expect(Object.fromEntries(reported)).to.deep.equal({});
    });
});
