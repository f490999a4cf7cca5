import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { policies } from "../../policies";
import { data, runCli, CliRun } from "./run-cli";

/** The catalog of POLICIES.md: test/scan/data/catalog.json holds a good--<name> and a bad--<name> resource for each. */
const CATALOG = [
    "kms-alias-name",
    "kms-key-usage",
    "kms-key-rotation",
    "kms-key-deletion-window",
    "kms-key-policy",
    "kms-key-description",
    "s3-bucket-sse-kms",
    "s3-bucket-key-enabled",
    "s3-kms-key-access",
    "iam-kms-least-privilege",
    "iam-least-privilege-actions",
    "iam-trusted-service-principals",
    "iam-policy-document-valid",
    "secretsmanager-secret-cmk",
    "secretsmanager-no-plaintext-value",
    "vault-no-plaintext-data",
    "vault-kv-mount-type",
    "vault-aws-secret-backend-ttl",
    "vault-aws-role-credential-type",
    "vault-aws-auth-role-bound",
    "aws-encryption-at-rest-cmk",
    "aws-no-plaintext-credentials",
    "ssm-parameter-secure",
];

interface JsonViolation {
    policy: string;
    level: string;
    severity: string;
    urn: string;
    type: string;
    name: string;
    message: string;
}
interface JsonReport {
    violations: JsonViolation[];
    summary: Record<string, unknown> & { violations: number; mandatory: number; advisory: number; resourcesScanned: number; policiesRun: number; failed: boolean };
}

function report(run: CliRun): JsonReport {
    expect(run.stderr, run.stderr).to.equal("");
    return JSON.parse(run.stdout) as JsonReport;
}

const ROTATION_OFF_MESSAGE = "trainingDataKey: automatic key rotation is off (false). Fix: set enableKeyRotation: true.";
const inCatalog = (name: string) => policies.some((p) => p.name === name);

/** A one-line error on stderr, exit 2, nothing on stdout, no stack trace. */
function expectInputError(run: CliRun, pattern: RegExp): void {
    expect(run.code, run.stderr).to.equal(2);
    expect(run.stdout).to.equal("");
    expect(run.stderr.endsWith("\n")).to.equal(true);
    expect(run.stderr.trimEnd().split("\n"), run.stderr).to.have.length(1);
    expect(run.stderr).to.match(/^keyguard scan: /);
    expect(run.stderr).to.match(pattern);
    expect(run.stderr).not.to.match(/\n\s+at /);
}

describe("keyguard scan", function () {
    this.timeout(120_000);

    describe("every policy over a stack export (test/scan/data/catalog.json)", () => {
        let scanned: JsonReport;
        const exported = JSON.parse(fs.readFileSync(data("catalog.json"), "utf8")) as { deployment: { resources: { urn: string; type: string; delete?: boolean }[] } };
        const names = exported.deployment.resources.map((r) => r.urn.split("::").slice(3).join("::"));
        before(async () => {
            const run = await runCli(["scan", data("catalog.json"), "--format", "json", "--fail-on", "never"]);
            expect(run.code, run.stderr).to.equal(0);
            scanned = report(run);
        });

        it("holds a compliant and a violating resource for each catalog policy, and every shipped policy is in the catalog", () => {
            for (const name of CATALOG) {
                expect(names, name).to.include(`good--${name}`);
                expect(names, name).to.include(`bad--${name}`);
            }
            for (const p of policies) expect(CATALOG, "policy missing from POLICIES.md list").to.include(p.name);
        });

        for (const name of CATALOG) {
            it(`${name}: flags each bad--${name} resource and no good--${name} resource`, function () {
                if (!inCatalog(name)) this.skip(); // not shipped yet: the data is ready for it
                const own = scanned.violations.filter((v) => v.policy === name);
                const flagged = new Set(own.map((v) => v.name));
                for (const n of names.filter((x) => x === `bad--${name}` || x.startsWith(`bad--${name}--`))) expect([...flagged], n).to.include(n);
                const wrong = own.filter((v) => v.name === `good--${name}` || v.name.startsWith(`good--${name}--`));
                expect(wrong, JSON.stringify(wrong)).to.deep.equal([]);
                const levelWanted = policies.find((p) => p.name === name)!.enforcementLevel;
                for (const v of own) expect(v.level, v.message).to.equal(levelWanted);
            });
        }

        it("reports each violation with policy, level, severity, urn, type, name and message", () => {
            const rotation = scanned.violations.filter((v) => v.policy === "kms-key-rotation");
            expect(rotation).to.deep.equal([
                {
                    policy: "kms-key-rotation",
                    level: "mandatory",
                    severity: "high",
                    urn: "urn:pulumi:dev::ai-pipeline::aws:kms/key:Key::bad--kms-key-rotation",
                    type: "aws:kms/key:Key",
                    name: "bad--kms-key-rotation",
                    message: "bad--kms-key-rotation: automatic key rotation is off (false). Fix: set enableKeyRotation: true.",
                    source: { uri: "index.ts", line: 20, column: 17 },
                },
            ]);
        });

        it("ignores resources marked for deletion, unknown resource types, the stack and the providers no policy judges", () => {
            const judged = new Set(scanned.violations.map((v) => v.name));
            expect(judged).not.to.include("bad--deleted-old-copy");
            expect(judged).not.to.include("unknown-type");
            const judgedProvider = (t: string) => t === "pulumi:providers:vault" && inCatalog("vault-no-plaintext-data");
            expect(scanned.violations.filter((v) => v.type === "pulumi:pulumi:Stack" || (v.type.startsWith("pulumi:providers:") && !judgedProvider(v.type)))).to.deep.equal([]);
            const kept = exported.deployment.resources.filter((r) => !r.delete && r.type !== "pulumi:pulumi:Stack" && (!r.type.startsWith("pulumi:providers:") || judgedProvider(r.type)));
            expect(scanned.summary.resourcesScanned).to.equal(kept.length);
        });

        it("summarizes counts by level, resources scanned and policies run", () => {
            const s = scanned.summary;
            expect(s.violations).to.equal(scanned.violations.length);
            expect(s.mandatory).to.equal(scanned.violations.filter((v) => v.level === "mandatory").length);
            expect(s.advisory).to.equal(scanned.violations.filter((v) => v.level === "advisory").length);
            expect(s.mandatory + s.advisory).to.equal(s.violations);
            expect(s.policiesRun).to.equal(policies.length);
            expect(s).to.include({ input: "stack-export", failOn: "never", failed: false });
        });

        it("sees ciphertext secrets as secrets: a Vault dataJson or provider token in ciphertext passes, a plain string is flagged", function () {
            if (!inCatalog("vault-no-plaintext-data")) this.skip();
            const flagged = scanned.violations.filter((v) => v.policy === "vault-no-plaintext-data").map((v) => v.name);
            expect(flagged).to.include.members(["bad--vault-no-plaintext-data", "bad--vault-no-plaintext-data--provider"]);
            expect(flagged).not.to.include("good--vault-no-plaintext-data");
            expect(flagged.filter((n) => n.startsWith("good--"))).to.deep.equal([]);
        });

        it("sees ciphertext secrets as secrets: a Secrets Manager secretString in ciphertext passes, a plaintext one is flagged", function () {
            if (!inCatalog("secretsmanager-no-plaintext-value")) this.skip();
            const flagged = scanned.violations.filter((v) => v.policy === "secretsmanager-no-plaintext-value").map((v) => v.name);
            expect(flagged).to.deep.equal(["bad--secretsmanager-no-plaintext-value"]);
        });
    });

    describe("preview JSON (test/scan/data/preview.json)", () => {
        let scanned: JsonReport;
        before(async () => {
            const run = await runCli(["scan", data("preview.json"), "--format", "json", "--fail-on", "never"]);
            expect(run.code, run.stderr).to.equal(0);
            scanned = report(run);
        });

        it("is detected as a preview and judges each resource's new state once", () => {
            expect(scanned.summary.input).to.equal("preview");
            const rotation = scanned.violations.filter((v) => v.policy === "kms-key-rotation").map((v) => v.name);
            expect(rotation).to.deep.equal(["replacedKey", "rotationOffKey"]);
        });

        it("leaves computed (unknown) values unjudged", () => {
            expect(scanned.violations.filter((v) => v.name === "computedRotationKey" && v.policy === "kms-key-rotation")).to.deep.equal([]);
        });

        it("does not judge resources being deleted", () => {
            expect(scanned.violations.map((v) => v.name)).not.to.include("goneKey");
        });

        it('treats the CLI\'s "[secret]" stand-in as a secret, and flags a plain dataJson', function () {
            if (!inCatalog("vault-no-plaintext-data")) this.skip();
            const flagged = scanned.violations.filter((v) => v.policy === "vault-no-plaintext-data").map((v) => v.name);
            expect(flagged).to.deep.equal(["plainData"]);
        });
    });

    describe("exit codes", () => {
        const scan = (file: string, ...args: string[]) => runCli(["scan", data(file), ...args]);
        let dir: string;
        before(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyguard-scan-"));
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));
        const configFile = (config: object) => {
            const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
            fs.writeFileSync(file, JSON.stringify(config));
            return file;
        };

        it("a mandatory violation: 1 for --fail-on mandatory (the default) and advisory, 0 for never", async () => {
            expect((await scan("rotation-off.json")).code).to.equal(1);
            expect((await scan("rotation-off.json", "--fail-on", "mandatory")).code).to.equal(1);
            expect((await scan("rotation-off.json", "--fail-on", "advisory")).code).to.equal(1);
            expect((await scan("rotation-off.json", "--fail-on", "never")).code).to.equal(0);
        });

        it("an advisory violation (set by --config): 0 for mandatory and never, 1 for advisory", async () => {
            const config = configFile({ "kms-key-rotation": "advisory" });
            const run = await scan("rotation-off.json", "--config", config, "--format", "json");
            expect(run.code).to.equal(0);
            expect(report(run).violations.map((v) => [v.policy, v.level, v.message])).to.deep.equal([["kms-key-rotation", "advisory", ROTATION_OFF_MESSAGE]]);
            expect((await scan("rotation-off.json", "--config", config, "--fail-on", "advisory")).code).to.equal(1);
            expect((await scan("rotation-off.json", "--config", config, "--fail-on", "never")).code).to.equal(0);
        });

        it("a compliant stack: 0 for every --fail-on", async () => {
            for (const failOn of ["mandatory", "advisory", "never"]) {
                const run = await scan("clean.json", "--fail-on", failOn, "--format", "json");
                expect(run.code, `${failOn}: ${run.stdout}`).to.equal(0);
                expect(report(run).violations).to.deep.equal([]);
            }
        });

        it("--config applies knobs, disables policies, and honours the CLI's \"all\" key", async () => {
            const disabled = await scan("rotation-off.json", "--config", configFile({ "kms-key-rotation": { enforcementLevel: "disabled" } }), "--format", "json");
            expect(disabled.code).to.equal(0);
            expect(report(disabled).summary.policiesRun).to.equal(policies.length - 1);
            const all = await scan("rotation-off.json", "--config", configFile({ all: "advisory" }), "--format", "json");
            expect(all.code).to.equal(0);
            expect(report(all).violations.map((v) => v.level)).to.deep.equal(["advisory"]);
            // A knob outside the schema's range is a config error: named once, exit 2, no report.
            const knob = await scan("clean.json", "--config", configFile({ "kms-key-rotation": { maxRotationDays: 5 } }), "--format", "json");
            expect([knob.code, knob.stdout, knob.stderr]).to.deep.equal([2, "", "keyguard scan: config error: kms-key-rotation: config maxRotationDays must be ≥ 90 (got 5); using the default 365\n"]);
        });
    });

    describe("formats and output", () => {
        it("text (default): each violation and a summary line, without colour when not on a terminal", async () => {
            const run = await runCli(["scan", data("rotation-off.json")]);
            expect(run.code).to.equal(1);
            expect(run.stdout).to.equal(
                [
                    "[mandatory] kms-key-rotation (high)",
                    `    ${ROTATION_OFF_MESSAGE}`,
                    "    urn:pulumi:dev::ai-pipeline::aws:kms/key:Key::trainingDataKey",
                    "",
                    `keyguard scan: FAIL: 1 violation (1 mandatory, 0 advisory) in 1 resource, ${policies.length} policies, fail on mandatory`,
                    "",
                ].join("\n"),
            );
            expect(run.stdout).not.to.include("\x1b[");
        });

        it("markdown: a summary table and the findings", async () => {
            const run = await runCli(["scan", data("rotation-off.json"), "--format", "markdown"]);
            expect(run.code).to.equal(1);
            expect(run.stdout).to.include("## keyguard scan: ❌ failed");
            expect(run.stdout).to.include("| mandatory violations | 1 |");
            expect(run.stdout).to.include(`| policies run | ${policies.length} |`);
            expect(run.stdout).to.include("| kms-key-rotation | mandatory | high | 1 |");
            expect(run.stdout).to.include(`| mandatory | high | kms-key-rotation | <code>trainingDataKey</code><br><code>aws:kms/key:Key</code> | ${ROTATION_OFF_MESSAGE} |`);
        });

        it("markdown for a clean stack says so", async () => {
            const run = await runCli(["scan", data("clean.json"), "--format", "markdown"]);
            expect(run.code).to.equal(0);
            expect(run.stdout).to.include("## keyguard scan: ✅ passed");
            expect(run.stdout).to.include("No violations.");
        });

        it("--output writes the report to a file, with the summary line on stderr", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyguard-scan-"));
            try {
                const out = path.join(dir, "report.json");
                const run = await runCli(["scan", data("rotation-off.json"), "--format", "json", "--output", out]);
                expect(run.code).to.equal(1);
                expect(run.stdout).to.equal("");
                expect(run.stderr).to.match(/^keyguard scan: FAIL: 1 violation \(1 mandatory, 0 advisory\)/);
                const written = JSON.parse(fs.readFileSync(out, "utf8")) as JsonReport;
                expect(written.violations.map((v) => v.message)).to.deep.equal([ROTATION_OFF_MESSAGE]);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("reads standard input with -", async () => {
            const run = await runCli(["scan", "-", "--format", "json"], { stdin: fs.readFileSync(data("rotation-off.json")) });
            expect(run.code).to.equal(1);
            expect(report(run).violations.map((v) => v.message)).to.deep.equal([ROTATION_OFF_MESSAGE]);
        });

        it("--help prints usage and exits 0: the commands, and each command's options", async () => {
            const top = await runCli(["--help"]);
            expect(top.code).to.equal(0);
            expect(top.stdout).to.match(/^Usage: keyguard <command> \[options\]/);
            for (const command of ["scan FILE|-", "check [DIR]", "list", "explain POLICY"]) expect(top.stdout).to.include(`\n  ${command} `);
            const scan = await runCli(["scan", "--help"]);
            expect(scan.code).to.equal(0);
            expect(scan.stdout).to.match(/^Usage: keyguard scan FILE\|- \[options\]/);
            expect(scan.stdout).to.include("--fail-on mandatory|advisory|never");
            expect(scan.stdout).to.include("--sarif FILE, --markdown FILE, --json FILE, --text FILE");
        });
    });

    describe("bad input and usage: one line on stderr, exit 2", () => {
        let dir: string;
        before(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyguard-scan-"));
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));
        const file = (name: string, text: string) => {
            const f = path.join(dir, name);
            fs.writeFileSync(f, text);
            return f;
        };

        it("not JSON", async () => {
            expectInputError(await runCli(["scan", file("notjson.json", "resources: [kms]\n")]), /input is not JSON/);
        });

        it("an empty file", async () => {
            expectInputError(await runCli(["scan", file("empty.json", "")]), /input is empty/);
        });

        it("JSON of the wrong shape", async () => {
            expectInputError(await runCli(["scan", file("shape.json", '{"resources":[]}')]), /neither a `pulumi stack export`/);
            expectInputError(await runCli(["scan", file("array.json", "[1,2]")]), /neither a `pulumi stack export`/);
            expectInputError(await runCli(["scan", file("noresources.json", '{"version":3,"deployment":{"resources":{}}}')]), /"deployment.resources" is not an array/);
            expectInputError(
                await runCli(["scan", file("nourn.json", '{"version":3,"deployment":{"resources":[{"type":"aws:kms/key:Key","inputs":{}}]}}')]),
                /deployment\.resources\[0\] has no urn/,
            );
            expectInputError(await runCli(["scan", file("steps.json", '{"steps":{"op":"create"}}')]), /preview "steps" is not an array/);
        });

        it("an empty deployment or preview: nothing to judge, unless --allow-empty", async () => {
            const empty = file("emptydeploy.json", '{"version":3,"deployment":{"manifest":{"time":"2026-01-01T00:00:00Z","magic":"","version":"v3"}}}');
            expectInputError(await runCli(["scan", empty]), /nothing to judge: .*emptydeploy\.json \(stack-export\) holds no resources; pass --allow-empty if this stack legitimately has none\n$/);
            expectInputError(await runCli(["scan", "-"], { stdin: '{"steps":[]}' }), /^keyguard scan: nothing to judge: standard input \(preview\) holds no resources; pass --allow-empty/);
            const allowed = await runCli(["scan", empty, "--allow-empty"]);
            expect([allowed.code, allowed.stderr]).to.deep.equal([0, ""]);
            expect(allowed.stdout).to.match(/^keyguard scan: PASS: 0 violations .* in 0 resources/);
        });

        it("hostile nesting", async () => {
            const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
            const text = `{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:d::p::vault:kv/secretV2:SecretV2::x","type":"vault:kv/secretV2:SecretV2","inputs":{"dataJson":${deep}}}]}}`;
            expectInputError(await runCli(["scan", file("deep.json", text)]), /input (nests values too deeply to judge|is not JSON)/);
        });

        it("a stack export from a newer format version", async () => {
            expectInputError(await runCli(["scan", file("v4.json", '{"version":4,"deployment":{"resources":[]}}')]), /format version 4 is newer than this keyguard understands \(3\)/);
        });

        it("a 200 MB file is refused before it is read", async () => {
            const big = path.join(dir, "big.json");
            fs.writeFileSync(big, "");
            fs.truncateSync(big, 200 * 1024 * 1024); // sparse: costs no disk
            const t0 = Date.now();
            expectInputError(await runCli(["scan", big]), /is larger than 128 MiB; raise the limit with --max-size/);
            expect(Date.now() - t0).to.be.below(20_000);
        });

        it("standard input above --max-size is cut off while it streams", async () => {
            expectInputError(await runCli(["scan", "-", "--max-size", "1"], { stdin: Buffer.alloc(3 * 1024 * 1024, 0x20) }), /standard input is larger than 1 MiB/);
        });

        it("a missing file", async () => {
            expectInputError(await runCli(["scan", path.join(dir, "nope.json")]), /cannot read .*nope\.json: no such file/);
            expectInputError(await runCli(["scan", dir]), /is a directory, not a file/);
        });

        it("a bad config file", async () => {
            expectInputError(await runCli(["scan", data("clean.json"), "--config", file("typo.json", '{"kms-key-rotatoin":"advisory"}')]), /unknown policy "kms-key-rotatoin"/);
            expectInputError(await runCli(["scan", data("clean.json"), "--config", file("badlevel.json", '{"kms-key-rotation":"warn"}')]), /kms-key-rotation must be an enforcement level or an object/);
            expectInputError(await runCli(["scan", data("clean.json"), "--config", file("badjson.json", "{")]), /is not JSON/);
        });

        it("usage errors", async () => {
            expectInputError(await runCli([]), /missing command/);
            expectInputError(await runCli(["scan"]), /missing FILE/);
            expectInputError(await runCli(["lint", "x.json"]), /unknown command "lint"/);
            expectInputError(await runCli(["scan", data("clean.json"), "--format", "xml"]), /--format must be one of text, json, sarif, markdown/);
            expectInputError(await runCli(["scan", data("clean.json"), "--fail-on", "always"]), /--fail-on must be one of mandatory, advisory, never/);
            expectInputError(await runCli(["scan", data("clean.json"), "--colour"]), /unknown option --colour/);
            expectInputError(await runCli(["scan", data("clean.json"), "--output"]), /--output needs a value/);
        });
    });
});
