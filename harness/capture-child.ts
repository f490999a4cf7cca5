/**
 * Child-process entry for the capture: `capture-child.js <fixture dir> <preview|post-apply>`.
 * Runs the fixture once under mocks in this fresh process and sends the captures to the parent
 * over the IPC channel (stdout stays free for whatever the program prints).
 */
import * as path from "path";
import { captureInThisProcess, listFixtures, Mode, MODES } from "./capture";

async function main(): Promise<void> {
    const [dir, mode] = process.argv.slice(2);
    if (!MODES.includes(mode as Mode)) throw new Error(`mode must be one of ${MODES.join(", ")}, not ${mode}`);
    const fixture = listFixtures().find((f) => path.resolve(f.dir) === path.resolve(dir ?? ""));
    if (!fixture) throw new Error(`not a fixture directory: ${dir}`);
    const resources = await captureInThisProcess(fixture, mode as Mode);
    await new Promise<void>((resolve, reject) => process.send!({ resources }, (e: Error | null) => (e ? reject(e) : resolve())));
}

main().then(
    () => process.exit(0),
    (e: unknown) => {
        const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
        if (process.send) process.send({ error }, () => process.exit(1));
        else {
            process.stderr.write(error + "\n");
            process.exit(1);
        }
    },
);
