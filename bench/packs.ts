/**
 * The three packs the bench compares, each started as the CLI starts it (harness/grpc.ts):
 * keyguard (the repo), a bare @pulumi/policy pack with one no-op policy (bench/bare-pack, which
 * resolves the repo's node_modules), and @pulumi/awsguard 0.3.1 (bench/awsguard, with its own
 * lockfile, installed on first use so that the project's `npm ci` and CI never pay for it).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoPackDir } from "../harness/grpc";

export interface PackUnderTest {
    label: string;
    dir: string;
}

const root = repoPackDir();

export const KEYGUARD: PackUnderTest = { label: "keyguard", dir: root };
export const BARE: PackUnderTest = { label: "bare @pulumi/policy pack (1 no-op policy)", dir: path.join(root, "bench", "bare-pack") };
export const AWSGUARD: PackUnderTest = { label: "@pulumi/awsguard 0.3.1 (all rules)", dir: path.join(root, "bench", "awsguard") };

/** Installs bench/awsguard from its lockfile when its node_modules is missing; says how. */
export function ensureAwsguard(): void {
    if (fs.existsSync(path.join(AWSGUARD.dir, "node_modules", "@pulumi", "awsguard", "package.json"))) return;
    const args = ["ci", "--prefix", path.relative(root, AWSGUARD.dir), "--ignore-scripts", "--no-audit", "--no-fund"];
    console.log(`\n  (first run: installing @pulumi/awsguard for the bench with \`npm ${args.join(" ")}\`, about 250 MB)`);
    execFileSync("npm", args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}

/** User+system CPU milliseconds a process has used so far (Linux /proc; clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
}
