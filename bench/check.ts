/**
 * `npm run bench -- check`: `keyguard check` on the reference stack (15 resources, TypeScript,
 * @pulumi/aws and @pulumi/vault), as whole processes, against the floor any run of a Pulumi
 * program pays: loading @pulumi/pulumi. Also the floor of this program in particular (the SDK,
 * both providers and ts-node), so the ratio shows what check adds on top of loading the program.
 * Interleaved, median of several, in the same run.
 */
import * as path from "path";
import { BenchSection, heading, median, row } from "./lib";
import { timeProcess } from "./scan";

const RUNS = 5;
const CLI = path.resolve(__dirname, "../scan/cli.js");
const ROOT = path.resolve(__dirname, "../..");
const PROGRAM = path.join(ROOT, "fixtures", "reference-stack");

export const checkBench: BenchSection = {
    name: "check",
    async run() {
        heading(`keyguard check: the reference stack (TypeScript, 15 resources), median of ${RUNS} process runs`);
        const cases = [
            { label: "node -e \"require('@pulumi/pulumi')\"", args: ["-e", "require('@pulumi/pulumi')"] },
            {
                label: "load the program's modules (pulumi, aws, vault, ts-node)",
                args: ["-e", "require('@pulumi/pulumi'); require('@pulumi/aws'); require('@pulumi/vault'); require('ts-node').register({ transpileOnly: true })"],
            },
            { label: "keyguard check --mode apply", args: [CLI, "check", PROGRAM, "--format", "json"] },
            { label: "keyguard check --mode both (two processes)", args: [CLI, "check", PROGRAM, "--mode", "both", "--format", "json"] },
        ];
        for (const c of cases) timeProcess(c.args); // warm the file cache
        const times = cases.map(() => [] as number[]);
        // Interleaved, so a busy neighbour slows all alike.
        for (let i = 0; i < RUNS; i++) cases.forEach((c, j) => times[j].push(timeProcess(c.args)));
        const baseline = { label: "require('@pulumi/pulumi')", value: median(times[0]) };
        cases.forEach((c, j) => row(c.label, median(times[j]), "ms", j === 0 ? undefined : baseline));
    },
};
