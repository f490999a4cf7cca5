/** Reports: order, program lines, several outputs in one run, colour, list and explain, and the markdown size cap on a 10,000-resource stack. */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policies";
import { compareFindings } from "../../scan/report";
import { MAX_MARKDOWN_CHARS } from "../../scan/format-markdown";
import { data, runCli, useTempDir } from "./run-cli";

const SEVERITIES = ["critical", "high", "medium", "low"];

describe("keyguard scan reports", function () {
    this.timeout(180_000);
    const tmp = useTempDir("keyguard-reports-");

    it("text: most severe first, then by policy, with the program file and line the export records", async () => {
        const run = await runCli(["scan", data("catalog.json"), "--fail-on", "never"]);
        expect(run.code, run.stderr).to.equal(0);
        const heads = run.stdout.split("\n").filter((l) => /^\[(mandatory|advisory)\] /.test(l));
        expect(heads.length).to.be.greaterThan(20);
        const keys = heads.map((l) => {
            const [, policy, severity] = /^\[\w+\] (\S+) \((\w+)\)$/.exec(l)!;
            return [SEVERITIES.indexOf(severity), policy] as const;
        });
        for (let i = 1; i < keys.length; i++) expect(keys[i][0] > keys[i - 1][0] || (keys[i][0] === keys[i - 1][0] && keys[i][1] >= keys[i - 1][1]), `${heads[i - 1]} before ${heads[i]}`).to.equal(true);
        expect(run.stdout).to.include(
            "[mandatory] kms-key-rotation (high)\n    bad--kms-key-rotation: automatic key rotation is off (false). Fix: set enableKeyRotation: true.\n    index.ts:20:17  urn:pulumi:dev::ai-pipeline::aws:kms/key:Key::bad--kms-key-rotation\n",
        );
    });

    it("the order is severity, then policy, then level, resource and message", () => {
        const f = (severity: string, policy: string, name = "a") => ({ severity, policy, level: "mandatory" as const, name, urn: name, message: "" });
        const sorted = [f("low", "a"), f("critical", "z"), f("high", "b"), f("high", "a", "y"), f("high", "a", "x"), f("", "a")].sort(compareFindings);
        expect(sorted.map((x) => `${x.severity}/${x.policy}/${x.name}`)).to.deep.equal(["critical/z/a", "high/a/x", "high/a/y", "high/b/a", "low/a/a", "/a/a"]);
    });

    it("several reports in one run: --sarif, --markdown and --json files beside the text on stdout", async () => {
        const [sarif, markdown, json] = ["r.sarif", "r.md", "r.json"].map((f) => path.join(tmp(), f));
        const run = await runCli(["scan", data("rotation-off.json"), "--sarif", sarif, "--markdown", markdown, "--json", json]);
        expect(run.code, run.stderr).to.equal(1);
        expect(run.stdout).to.match(/^\[mandatory\] kms-key-rotation \(high\)\n/);
        expect(JSON.parse(fs.readFileSync(sarif, "utf8")).runs[0].results.map((r: { ruleId: string }) => r.ruleId)).to.deep.equal(["kms-key-rotation"]);
        expect(fs.readFileSync(markdown, "utf8")).to.match(/^## keyguard scan: ❌ failed\n/);
        expect(JSON.parse(fs.readFileSync(json, "utf8")).violations.map((v: { policy: string }) => v.policy)).to.deep.equal(["kms-key-rotation"]);
        const both = await runCli(["scan", data("rotation-off.json"), "--format", "json", "--output", json, "--text", path.join(tmp(), "r.txt")]);
        expect([both.code, both.stdout]).to.deep.equal([1, ""]);
        expect(both.stderr).to.match(/^keyguard scan: FAIL: 1 violation/);
        expect(fs.readFileSync(path.join(tmp(), "r.txt"), "utf8")).to.match(/^\[mandatory\] kms-key-rotation/);
        const stdoutTwice = await runCli(["scan", data("rotation-off.json"), "--sarif", "-"]);
        expect(stdoutTwice.code).to.equal(2);
        expect(stdoutTwice.stderr).to.match(/--sarif takes a file; standard output holds the --format report/);
    });

    it("colour: FORCE_COLOR=1 colours a pipe, NO_COLOR and FORCE_COLOR=0 do not; files never are", async () => {
        const forced = await runCli(["scan", data("rotation-off.json"), "--text", path.join(tmp(), "c.txt")], { env: { FORCE_COLOR: "1" } });
        expect(forced.stdout).to.include("\x1b[31m[mandatory]\x1b[39m");
        expect(fs.readFileSync(path.join(tmp(), "c.txt"), "utf8")).not.to.include("\x1b[");
        for (const env of [{ NO_COLOR: "1" }, { FORCE_COLOR: "0" }, {}]) {
            expect((await runCli(["scan", data("rotation-off.json")], { env })).stdout, JSON.stringify(env)).not.to.include("\x1b[");
        }
    });

    it("keyguard list: every policy with its level, severity, auto-fix and types", async () => {
        const run = await runCli(["list"]);
        expect([run.code, run.stderr]).to.deep.equal([0, ""]);
        const lines = run.stdout.split("\n");
        expect(lines[0]).to.match(/^POLICY\s+LEVEL\s+SEVERITY\s+AUTO-FIX\s+JUDGES$/);
        for (const p of policies) {
            const line = lines.find((l) => l.startsWith(`${p.name} `));
            expect(line, p.name).to.match(new RegExp(`^${p.name}\\s+${p.enforcementLevel}\\s+${p.severity}\\s+${p.keyguard.autoFix ? "yes" : "no"}\\s+\\S`));
        }
        expect(lines.find((l) => l.startsWith("kms-key-rotation "))).to.match(/\s+yes\s+aws:kms\/key:Key$/);
    });

    it("keyguard explain: description, config, fix and an example with an exemption; a typo gets a suggestion", async () => {
        const run = await runCli(["explain", "kms-key-deletion-window"]);
        expect([run.code, run.stderr]).to.deep.equal([0, ""]);
        const policy = policies.find((p) => p.name === "kms-key-deletion-window")!;
        expect(run.stdout.startsWith(`kms-key-deletion-window\n\n${policy.description}\n`)).to.equal(true);
        expect(run.stdout).to.include("  minDays (integer, default 30): Shortest allowed deletionWindowInDays. Allowed: 7 to 30.\n");
        expect(run.stdout).to.include("  exemptions (list): ");
        expect(run.stdout).to.include(`Fix: ${policy.remediationSteps}\n`);
        const example = run.stdout.slice(run.stdout.indexOf("Example"));
        const json = JSON.parse(example.slice(example.indexOf("{"), example.lastIndexOf("}") + 1));
        expect(json["kms-key-deletion-window"]).to.deep.include({ enforcementLevel: "advisory", minDays: 30 });
        expect(json["kms-key-deletion-window"].exemptions[0]).to.have.keys(["resource", "reason", "expires"]);
        expect(run.stdout).to.include(`Reference: ${policy.url}`);
        const typo = await runCli(["explain", "kms-key-rotaton"]);
        expect([typo.code, typo.stdout]).to.deep.equal([2, ""]);
        expect(typo.stderr).to.equal('keyguard explain: no policy "kms-key-rotaton" (did you mean kms-key-rotation?); `keyguard list` lists them (see keyguard --help)\n');
    });

    describe("a 10,000-resource stack", () => {
        let file: string;
        before(() => {
            // Every key breaks rotation (high) and description (low): 20,000 findings, far past any comment.
            const resources = Array.from({ length: 10_000 }, (_, i) => ({
                urn: `urn:pulumi:prod::ai::aws:kms/key:Key::key-${String(i).padStart(5, "0")}`,
                type: "aws:kms/key:Key",
                inputs: { description: "x", enableKeyRotation: false },
            }));
            file = path.join(tmp(), "big.json");
            fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { resources } }));
        });

        it(`markdown stays under ${MAX_MARKDOWN_CHARS.toLocaleString("en")} characters, cuts the least severe first and says how many it left out; --progress reports on stderr`, async () => {
            const md = path.join(tmp(), "big.md");
            const run = await runCli(["scan", file, "--format", "json", "--markdown", md, "--progress"], { env: { KEYGUARD_PROGRESS_AFTER_MS: "0" } });
            expect(run.code).to.equal(1);
            const all = JSON.parse(run.stdout) as { violations: { severity: string; policy: string }[] };
            expect(all.violations).to.have.length(20_000);
            const markdown = fs.readFileSync(md, "utf8");
            expect(markdown.length).to.be.below(MAX_MARKDOWN_CHARS);
            const rows = markdown.split("\n").filter((l) => /^\| mandatory \| |^\| advisory \| /.test(l));
            const left = Number(/_(\d+) findings left out /.exec(markdown)?.[1]);
            expect(rows.length + left).to.equal(20_000);
            // All 10,000 high findings come before any low one, so the cut falls on the low ones.
            expect(rows.length).to.be.below(10_000);
            expect(rows.every((r) => r.startsWith("| mandatory | high | kms-key-rotation |"))).to.equal(true);
            expect(markdown).to.include("| kms-key-rotation | mandatory | high | 10000 | 0 |");
            // Progress is said from the start here (KEYGUARD_PROGRESS_AFTER_MS=0): the lines say how far it got.
            expect(run.stderr).to.match(/^keyguard scan: judged [\d,]+ of 10,000 resources\n/m);
            expect(run.stderr).to.match(/keyguard scan: judged 10,000 resources in [\d.]+ s\n$/);
        });
    });
});
