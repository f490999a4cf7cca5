/**
 * `npm run bench`: every section, one after another, in one process run.
 * Add a section by creating bench/<name>.ts exporting a BenchSection and listing it here.
 */
import { BenchSection } from "./lib";
import { stackBench } from "./stack";
import { scanBench } from "./scan";
import { iamBench } from "./iam";
import { startupBench } from "./startup";
import { analyzeBench } from "./analyze";
import { checkBench } from "./check";
import { splitBench } from "./split";

const sections: BenchSection[] = [
    stackBench,
    scanBench,
    iamBench,
    startupBench,
    analyzeBench,
    splitBench,
    checkBench,
];

async function main(): Promise<void> {
    const only = process.argv.slice(2);
    for (const s of sections) {
        if (only.length && !only.includes(s.name)) continue;
        await s.run();
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
