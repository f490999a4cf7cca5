/** Runs the built `keyguard` bin as CI would: a child process, its exit code, stdout and stderr. */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const CLI = path.resolve(__dirname, "../../scan/cli.js");
/** The stack exports and previews the scan tests read (not compiled, so from the source tree). */
export const DATA = path.resolve(__dirname, "../../../test/scan/data");

export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

export function data(file: string): string {
    return path.join(DATA, file);
}

export function runCli(args: string[], opts: { stdin?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
    return new Promise((resolve, reject) => {
        // Colour only when a test asks for it: FORCE_COLOR from the runner's environment would win over everything.
        const { FORCE_COLOR: _force, ...inherited } = process.env;
        void _force;
        const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: { ...inherited, NO_COLOR: "", ...opts.env }, stdio: ["pipe", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
        child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
        // The CLI may stop reading early (size limit); a closed pipe is then expected.
        child.stdin.on("error", () => undefined);
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
        if (opts.stdin !== undefined) child.stdin.end(opts.stdin);
        else child.stdin.end();
    });
}

/** A fresh temporary directory for the enclosing describe block, removed after it; call the result inside tests. */
export function useTempDir(prefix: string): () => string {
    let dir = "";
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    return () => dir;
}
