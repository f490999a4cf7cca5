/**
 * One verdict whichever door: keyguard check judges its captures in process (scan's door); the
 * same captures sent to the pack over the Analyzer protocol, as `pulumi preview --policy-pack`
 * would send them, must get exactly the same findings.
 */
import { expect } from "chai";
import { MODES } from "../../check/capture";
import { Pack, startPack } from "../../harness/grpc";
import { judgeCapture } from "../../harness/judge";
import { Run } from "../../harness/run-fixtures";
import { programPolicies } from "../../policies";
import { fixtureRun } from "../fixtures/run";

const PROGRAM_POLICIES = new Set(programPolicies.map((p) => p.name));

describe("keyguard check: the same verdicts as the pack over gRPC, on the same captures", function () {
    this.timeout(600_000);
    let run: Run;
    let pack: Pack;
    before(async () => {
        [run, pack] = await Promise.all([fixtureRun(), startPack()]);
    });
    after(async () => {
        await pack?.close();
    });

    it("every fixture, both modes: identical policy, resource, level and message", async () => {
        let compared = 0;
        for (const f of run.fixtures) {
            for (const mode of MODES) {
                const capture = f.check.captures.find((c) => c.mode === mode)!;
                const grpc = await judgeCapture(pack, f.check.project, capture);
                const overGrpc = [...grpc.violations, ...grpc.cantRun].map((v) => `${v.policy} | ${v.resource} | ${v.level} | ${v.message}`).sort();
                const inCheck = f.check.byMode[mode]!.violations.filter((v) => !PROGRAM_POLICIES.has(v.policy)).map((v) => `${v.policy} | ${v.name} | ${v.level} | ${v.message}`).sort();
                expect(inCheck, `${f.fixture.name} (${mode})`).to.deep.equal(overGrpc);
                compared += overGrpc.length;
            }
        }
        // A parity that compared nothing would pass on nothing.
        expect(compared).to.be.greaterThan(20);
    });
});
