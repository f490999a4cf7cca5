/** The `keyguard check` bin as CI runs it: formats, exit codes, --config, --fail-on, --output. */
import { expect } from "chai";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoPackDir } from "../../harness/grpc";
import { policies, programPolicies } from "../../policies";
import { CliRun, runCli } from "../scan/run-cli";
import { makeProgram, removePrograms } from "./programs";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const SARIF_SCHEMA = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as object;
const SEED_004 = "fixtures/seeds/004-vault-aws-secrets";

interface SarifResult {
    ruleId: string;
    locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
}

describe("keyguard check (the bin)", function () {
    this.timeout(300_000);
    const root = repoPackDir();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "keyguard-check-cli-"));
    let sarif: CliRun;
    let quiet: CliRun;
    let exempting: CliRun;
    let unjudged: CliRun;
    let allowedEmpty: CliRun;
    before(async () => {
        fs.writeFileSync(path.join(tmp, "config.json"), JSON.stringify({ "source-no-secret-literals": "disabled", "vault-kv-mount-type": "advisory" }));
        fs.writeFileSync(path.join(tmp, "exempt.json"), JSON.stringify({ "vault-kv-mount-type": { exemptions: [{ resource: "ai-model-secret", reason: "kv v1 until the migration (OPS-7)" }] } }));
        const vpcOnly = makeProgram({ "index.ts": 'import * as aws from "@pulumi/aws";\nnew aws.ec2.Vpc("net", { cidrBlock: "10.0.0.0/16" });\n' });
        [sarif, quiet] = await Promise.all([
            runCli(["check", SEED_004, "--format", "sarif"], { cwd: root }),
            runCli(["check", SEED_004, "--format=json", "--config", path.join(tmp, "config.json"), "--fail-on", "never", "--output", path.join(tmp, "report.json")], { cwd: root }),
        ]);
        [exempting, unjudged] = await Promise.all([runCli(["check", SEED_004, "--format", "json", "--config", path.join(tmp, "exempt.json")], { cwd: root }), runCli(["check", "."], { cwd: vpcOnly })]);
        allowedEmpty = await runCli(["check", ".", "--allow-empty"], { cwd: vpcOnly });
    });
    after(() => {
        fs.rmSync(tmp, { recursive: true, force: true });
        removePrograms();
    });

    it("--format sarif: valid SARIF 2.1.0 whose locations are the program's files and lines; exit 1 on a mandatory finding", () => {
        expect(sarif.code, sarif.stderr).to.equal(1);
        const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
        addFormats(ajv);
        const validate = ajv.compile(SARIF_SCHEMA);
        const log = JSON.parse(sarif.stdout) as { runs: { results: SarifResult[] }[] };
        expect(validate(log), JSON.stringify(validate.errors)).to.equal(true);
        const at = log.runs[0].results.map((r) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region?.startLine}`).sort();
        expect(at).to.deep.equal([
            `source-no-secret-literals ${SEED_004}/index.ts:51`,
            `vault-aws-auth-role-bound ${SEED_004}/index.ts:38`,
            `vault-aws-auth-role-bound ${SEED_004}/index.ts:38`,
            `vault-kv-mount-type ${SEED_004}/index.ts:48`,
        ]);
    });

    it("--config changes levels (a program policy too), --fail-on never passes, --output writes the report and says the verdict on stderr", () => {
        expect(quiet.code, quiet.stderr).to.equal(0);
        expect(quiet.stdout).to.equal("");
        // One policy is disabled by the config.
        expect(quiet.stderr).to.equal(`keyguard check: PASS: 3 violations (2 mandatory, 1 advisory) in 4 resources of seed-004-vault-aws-secrets (stack dev, apply), ${policies.length + programPolicies.length - 1} policies, fail on never\n`);
        const report = JSON.parse(fs.readFileSync(path.join(tmp, "report.json"), "utf8")) as { violations: { policy: string; level: string; modes: string[] }[] };
        expect(report.violations.map((v) => `${v.policy} ${v.level} ${v.modes.join(",")}`).sort()).to.deep.equal(["vault-aws-auth-role-bound mandatory apply", "vault-aws-auth-role-bound mandatory apply", "vault-kv-mount-type advisory apply"]);
    });

    it("--format json lists exempted findings with their exemption, apart from the violations", () => {
        expect(exempting.code, exempting.stderr).to.equal(1);
        const report = JSON.parse(exempting.stdout) as { violations: { policy: string }[]; exempted: { policy: string; name: string; exemption: unknown }[]; summary: { exempted: number } };
        expect(report.exempted.map(({ policy, name, exemption }) => ({ policy, name, exemption }))).to.deep.equal([
            { policy: "vault-kv-mount-type", name: "ai-model-secret", exemption: { resource: "ai-model-secret", reason: "kv v1 until the migration (OPS-7)", expired: false } },
        ]);
        expect(report.summary.exempted).to.equal(1);
        expect(report.violations.map((v) => v.policy)).to.not.include("vault-kv-mount-type");
    });

    it("a program of types no policy judges is not a pass (exit 2) unless --allow-empty", () => {
        expect([unjudged.code, unjudged.stdout, unjudged.stderr]).to.deep.equal([
            2,
            "",
            "keyguard check: nothing to judge: the program index.ts holds 1 resource, none of a type keyguard's running policies judge; pass --allow-empty if this stack legitimately has none\n",
        ]);
        expect(allowedEmpty.code, allowedEmpty.stderr).to.equal(0);
        expect(allowedEmpty.stdout).to.include("keyguard check: PASS: 0 violations (0 mandatory, 0 advisory) in 1 resource of check-test");
    });

    it("--help prints the usage; a bad option is one line and exit 2", async () => {
        const help = await runCli(["check", "--help"]);
        expect(help.code).to.equal(0);
        expect(help.stdout).to.match(/^Usage: keyguard check \[DIR\] \[options\]/);
        const bad = await runCli(["check", "--mode", "later"]);
        expect([bad.code, bad.stderr]).to.deep.equal([2, 'keyguard check: --mode must be one of apply, preview, both (got "later") (see keyguard check --help)\n']);
    });
});
