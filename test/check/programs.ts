/**
 * Throwaway Pulumi programs for the check tests: a temporary directory with the given files, a
 * default Pulumi.yaml, and the repository's node_modules linked in (so the program's own
 * @pulumi/pulumi, @pulumi/aws, ts-node and typescript resolve from its directory, as they would
 * after `npm install`).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoPackDir } from "../../harness/grpc";

const made: string[] = [];

export function makeProgram(files: Record<string, string>, opts: { name?: string; linkModules?: boolean } = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyguard-check-"));
    made.push(dir);
    if (opts.linkModules !== false) fs.symlinkSync(path.join(repoPackDir(), "node_modules"), path.join(dir, "node_modules"), "dir");
    const all = { "Pulumi.yaml": `name: ${opts.name ?? "check-test"}\nruntime: nodejs\n`, ...files };
    for (const [name, text] of Object.entries(all)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

export function removePrograms(): void {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
