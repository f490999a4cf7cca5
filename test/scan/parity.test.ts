import { expect } from "chai";
import { usePack } from "../protocol/pack";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyze, analyzeStack, configure, Pack } from "../../harness/grpc";
import type { PackConfig } from "../../harness/in-process";
import { policies } from "../../policies";
import { parseInput, selectResources } from "../../scan/input";
import { judgedTypes } from "../../scan/run";
import { data, runCli } from "./run-cli";
import { Verdict, order, verdict } from "./verdicts";

/** The verdicts of the real pack over gRPC, on the resources the scan decodes from `file`. */
async function packVerdicts(pack: Pack, file: string): Promise<Verdict[]> {
    const input = parseInput(fs.readFileSync(data(file), "utf8"));
    const resources = selectResources(input.resources, judgedTypes(policies));
    const out: Verdict[] = [];
    for (const r of resources) {
        // A resource policy's diagnostic carries no URN: the engine attributes it to the resource analyzed.
        for (const d of (await analyze(pack, r)).diagnostics) out.push(verdict(d, d.urn || r.urn));
    }
    // AnalyzeStack gets the whole stack, as the engine sends it (the stack resource and providers too).
    for (const d of (await analyzeStack(pack, input.resources)).diagnostics) out.push(verdict(d, d.urn ?? ""));
    return out.sort(order);
}

async function scanVerdicts(file: string, ...args: string[]): Promise<Verdict[]> {
    const run = await runCli(["scan", data(file), "--format", "json", "--fail-on", "never", ...args]);
    expect(run.code, run.stderr).to.equal(0);
    const json = JSON.parse(run.stdout) as { violations: Verdict[] };
    return json.violations.map(({ policy, level, message, urn }) => ({ policy, level, message, urn })).sort(order);
}

describe("keyguard scan: verdict parity with the pack over gRPC", function () {
    this.timeout(180_000);
    const pack = usePack();

    it("gives the pack's verdicts (policy, level, message, urn) on every catalog resource of a stack export", async () => {
        const scanned = await scanVerdicts("catalog.json");
        expect(scanned.length).to.be.greaterThan(5);
        expect(scanned).to.deep.equal(await packVerdicts(pack(), "catalog.json"));
    });

    it("gives the pack's verdicts on a preview with unknowns and secrets", async () => {
        const scanned = await scanVerdicts("preview.json");
        expect(scanned.length).to.be.greaterThan(0);
        expect(scanned).to.deep.equal(await packVerdicts(pack(), "preview.json"));
    });

    it("gives the pack's verdicts under the same policy config", async () => {
        const config: PackConfig = { "kms-key-rotation": "advisory", "kms-key-deletion-window": { minDays: 7 }, "kms-key-description": "disabled" };
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "keyguard-parity-")), "config.json");
        fs.writeFileSync(file, JSON.stringify(config));
        const scanned = await scanVerdicts("catalog.json", "--config", file);
        await configure(pack(), config);
        expect(scanned).to.deep.equal(await packVerdicts(pack(), "catalog.json"));
        expect(scanned.filter((v) => v.policy === "kms-key-rotation").map((v) => v.level)).to.deep.equal(["advisory"]);
        expect(scanned.filter((v) => v.policy === "kms-key-description")).to.deep.equal([]);
    });
});
