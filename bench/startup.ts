/**
 * Cold start: spawn `run-policy-pack` as the CLI does until the port is announced, for keyguard,
 * a bare @pulumi/policy pack and @pulumi/awsguard; rounds interleave the three so that load from
 * other processes falls on all alike. Wall time is what a user waits; CPU time (from /proc) is
 * what the pack costs, and moves less when the machine is busy. Peak RSS is read after start.
 */
import { getAnalyzerInfo, peakRssMiB, startPack } from "../harness/grpc";
import { BenchSection, heading, median, row } from "./lib";
import { AWSGUARD, BARE, cpuMs, ensureAwsguard, KEYGUARD, PackUnderTest } from "./packs";

const ROUNDS = 9;

interface StartSample {
    wallMs: number;
    cpuMs: number;
    rssMiB: number;
}

async function startOnce(pack: PackUnderTest): Promise<StartSample> {
    const p = await startPack({ packDir: pack.dir });
    try {
        const sample = { wallMs: p.startupMs, cpuMs: cpuMs(p.pid), rssMiB: 0 };
        await getAnalyzerInfo(p); // it answers, so the port was real
        sample.rssMiB = peakRssMiB(p) ?? NaN;
        return sample;
    } finally {
        await p.close();
    }
}

export const startupBench: BenchSection = {
    name: "startup",
    async run() {
        ensureAwsguard();
        const packs = [BARE, KEYGUARD, AWSGUARD];
        const samples = new Map<PackUnderTest, StartSample[]>(packs.map((p) => [p, []]));
        for (const p of packs) await startOnce(p); // warm the file cache: the CLI's second preview, not a reboot
        for (let round = 0; round < ROUNDS; round++) {
            for (const p of round % 2 ? [...packs].reverse() : packs) samples.get(p)!.push(await startOnce(p));
        }
        const stat = (p: PackUnderTest, key: keyof StartSample) => median(samples.get(p)!.map((s) => s[key]));

        heading(`Cold start: spawn → port announced, as the CLI starts a pack (median of ${ROUNDS}, interleaved)`);
        const bare = { label: "bare", value: stat(BARE, "wallMs") };
        const aws = { label: "awsguard", value: stat(AWSGUARD, "wallMs") };
        row(BARE.label, bare.value, "ms");
        row(KEYGUARD.label, stat(KEYGUARD, "wallMs"), "ms", bare);
        row(AWSGUARD.label, aws.value, "ms", bare);
        row("keyguard against awsguard", stat(KEYGUARD, "wallMs"), "ms", aws);

        heading("Cold start CPU (user+system of the pack process until the port, median)");
        const bareCpu = { label: "bare", value: stat(BARE, "cpuMs") };
        for (const p of packs) row(p.label, stat(p, "cpuMs"), "ms", p === BARE ? undefined : bareCpu);

        heading("Peak RSS after start (VmHWM, median)");
        const bareRss = { label: "bare", value: stat(BARE, "rssMiB") };
        for (const p of packs) row(p.label, stat(p, "rssMiB"), "MiB", p === BARE ? undefined : bareRss);

        const ratio = stat(KEYGUARD, "wallMs") / bare.value;
        console.log(`  target keyguard ≤ 1.15× bare: ${ratio <= 1.15 ? "met" : "MISSED"} (${ratio.toFixed(2)}×); below awsguard: ${stat(KEYGUARD, "wallMs") < aws.value ? "met" : "MISSED"}`);
    },
};
