/**
 * What keyguard's cost over the floor is made of, on the `analyze` section's Analyze mix:
 * keyguard's own policies served with some checks left out (bench/split-pack), measured beside the
 * floor in interleaved rounds as `analyze` measures; then, inside the pack, each policy's matching
 * calls timed, a first call against the same call made again at once. It answers "is it the
 * checks, the reporting, or the pack around them", which the whole-pack ratio cannot.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeRequest, startPack } from "../harness/grpc";
import { policies } from "../policies";
import { floorEnv, IN_FLIGHT, Rate, REQUESTS, ROUNDS, resourceMix, throughput } from "./analyze";
import { BenchSection, heading, median, row } from "./lib";
import { BARE, KEYGUARD } from "./packs";

const SPLIT_PACK = path.join(KEYGUARD.dir, "bench", "split-pack");

/** The variants, each a KEYGUARD_SPLIT setting of the split pack (its index.js says what each runs). */
const VARIANTS: { split: string; label: string }[] = [
    { split: "none", label: "no check (types matched only)" },
    { split: "only:iam", label: "the iam-* checks only" },
    { split: "except:iam", label: "every check but iam-*" },
    { split: "silent", label: "every check, nothing reported" },
    { split: "all", label: "every check (keyguard)" },
];

interface CallTimes {
    [key: string]: { ns: number; calls: number };
}

export const splitBench: BenchSection = {
    name: "split",
    async run() {
        const mix = resourceMix(REQUESTS).map(analyzeRequest);
        const specs = [{ label: "the floor", dir: BARE.dir, env: floorEnv() }, ...VARIANTS.map((v) => ({ label: v.label, dir: SPLIT_PACK, env: { KEYGUARD_SPLIT: v.split } }))];
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "keyguard-split-")), "calls.json");
        const running: { label: string; pack: Awaited<ReturnType<typeof startPack>>; rates: Rate[] }[] = [];
        let calls: CallTimes = {};
        try {
            for (const s of specs) running.push({ label: s.label, pack: await startPack({ packDir: s.dir, env: s.env }), rates: [] });
            for (const r of running) await throughput(r.pack, mix, IN_FLIGHT);
            for (let round = 0; round < ROUNDS; round++) {
                const order = round % 2 === 0 ? running : [...running].reverse();
                for (const r of order) r.rates.push(await throughput(r.pack, mix, IN_FLIGHT));
            }
            // The per-call timings come from a pack of their own: timing every call slows it.
            const timed = await startPack({ packDir: SPLIT_PACK, env: { KEYGUARD_SPLIT: "calls", KEYGUARD_SPLIT_OUT: out } });
            try {
                await throughput(timed, mix, IN_FLIGHT);
                process.kill(timed.pid, "SIGUSR2");
                for (let round = 0; round < ROUNDS; round++) await throughput(timed, mix, IN_FLIGHT);
                process.kill(timed.pid, "SIGUSR1");
                for (let waited = 0; !fs.existsSync(out) && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
                calls = JSON.parse(fs.readFileSync(out, "utf8")) as CallTimes;
            } finally {
                await timed.close();
            }
        } finally {
            await Promise.all(running.map((r) => r.pack.close()));
            fs.rmSync(path.dirname(out), { recursive: true, force: true });
        }

        heading(`What keyguard's cost is made of: Analyze over gRPC, ${REQUESTS} resources, ${IN_FLIGHT} in flight (median of ${ROUNDS} interleaved rounds)`);
        const [floor] = running;
        const perResource = (r: (typeof running)[number]) => 1e6 / median(r.rates.map((x) => x.perCpu));
        const wall = (r: (typeof running)[number]) => median(r.rates.map((x) => x.wall));
        console.log(`  pack CPU per resource (lower is better); the floor is the bare pack with ${policies.length} no-op policies`);
        for (const r of running) row(r.label, perResource(r), "µs", r === floor ? undefined : { label: "the floor", value: perResource(floor) });
        console.log("  throughput, wall (higher is better)");
        for (const r of running.slice(1)) row(r.label, wall(r), "res/s", { label: "the floor", value: wall(floor) });

        heading(`Each policy's matching calls inside the pack (${ROUNDS} passes of the mix): a first call, and the same call again at once`);
        const names = [...new Set(Object.keys(calls).map((k) => k.split("\t")[0]))];
        const perCall = (name: string, which: string) => {
            const t = calls[`${name}\t${which}`];
            return t ? t.ns / t.calls / 1000 : NaN;
        };
        names.sort((a, b) => perCall(b, "first") - perCall(a, "first"));
        for (const name of names) row(name, perCall(name, "first"), "µs", { label: "the second call", value: perCall(name, "second") });
    },
};
