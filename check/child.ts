/**
 * Child-process entry of `keyguard check`: receives one Job over IPC, runs the program under
 * mocks on the program's OWN @pulumi/pulumi (resolved from its directory, as the Pulumi CLI's
 * language host would load it), and sends back the captured resources, or one line saying why it
 * could not. Whatever the program does (throws, rejects, calls process.exit, never settles), the
 * parent gets an answer; an endless loop is the parent's timeout to end.
 */
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { fileURLToPath, pathToFileURL } from "url";
import type { Capture, Job } from "./capture";
import { tapRegistrations } from "./capture";
import { checkMocks, invokeFailures } from "./mocks";
import { shownPath } from "./project";

type PulumiModule = typeof import("@pulumi/pulumi");
/** @internal members of @pulumi/pulumi the run awaits (an Output's promise; the RPC queue). */
interface Awaitable {
    promise(): Promise<unknown>;
}
interface Settings {
    getMonitor(): unknown;
    waitForRPCs?(): Promise<void>;
}

const realExit = process.exit.bind(process);
/** Errors the runtime logged through @pulumi/pulumi's log.error (it swallows some failures). */
const logged: string[] = [];
const loggedFailure = () => `the program failed: ${logged[0].split("\n")[0].slice(0, 300)}`;
let job: Job | undefined;
let finished = false;

function send(message: { resources?: Capture["resources"]; error?: string }): Promise<void> {
    return new Promise((resolve) => {
        if (!process.send) return resolve();
        process.send(message, undefined, {}, () => resolve());
    });
}

async function fail(line: string): Promise<never> {
    if (!finished) {
        finished = true;
        await send({ error: line });
    }
    return realExit(2);
}

interface Frame {
    file: string;
    line: number;
    column: number;
}

/** V8 stack lines, `at fn (file:line:col)` and `at file:line:col` (ES module top level), as paths. */
export function parseFrames(stack: string | undefined): Frame[] {
    const frames: Frame[] = [];
    for (const raw of (stack ?? "").split("\n")) {
        const line = raw.trim();
        if (!line.startsWith("at ")) continue;
        const open = line.lastIndexOf("(");
        let where = open >= 0 && line.endsWith(")") ? line.slice(open + 1, -1) : line.slice(3);
        const col = where.lastIndexOf(":");
        const ln = col > 0 ? where.lastIndexOf(":", col - 1) : -1;
        if (ln <= 0) continue;
        const lineNo = Number(where.slice(ln + 1, col));
        const colNo = Number(where.slice(col + 1));
        where = where.slice(0, ln);
        if (where.startsWith("file:")) {
            try {
                where = fileURLToPath(where);
            } catch {
                continue;
            }
        }
        if (!path.isAbsolute(where) || !Number.isInteger(lineNo) || !Number.isInteger(colNo)) continue;
        frames.push({ file: where, line: lineNo, column: colNo });
    }
    return frames;
}

/** The first stack frame in the program's own files, as ` (at index.ts:12)`. */
function programFrame(stack: string | undefined): string {
    if (!job) return "";
    for (const frame of parseFrames(stack)) {
        const rel = path.relative(job.project.dir, frame.file);
        if (rel.startsWith("..") || path.isAbsolute(rel) || rel.split(path.sep).includes("node_modules")) continue;
        return ` (at ${rel.split(path.sep).join("/")}:${frame.line})`;
    }
    return "";
}

/**
 * The SDK records each resource's stack (Resource.callsites, internal) but reads only frames of
 * the `at fn (file:line:col)` form, so a resource declared at an ES module's top level would have
 * no position. The same reading, with both forms; where the SDK lacks the hook, its own stays.
 */
function recordAllFrames(pulumi: PulumiModule): void {
    const resource = pulumi.Resource as unknown as { callsites?: () => Partial<Frame>[] };
    if (typeof resource.callsites !== "function") return;
    resource.callsites = function callsites() {
        const limit = Error.stackTraceLimit;
        try {
            Error.stackTraceLimit = Number.POSITIVE_INFINITY;
            // One frame per stack line, so the SDK's own skip count still lines up.
            return (new Error().stack ?? "").split("\n").slice(1).map((l) => parseFrames(l)[0] ?? {});
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
}

/** A path as the user should see it: relative to where check was run, unless that climbs out. */
const shown = (p: string) => shownPath(p, job?.relativeTo ?? process.cwd());

/** One line for whatever the program threw. */
export function describe(e: unknown): string {
    // Whatever surfaced, a failed invoke is the cause: the rest follows from it.
    if (invokeFailures.length) return invokeFailures[0];
    if (!(e instanceof Error)) return `the program failed: ${String(e).split("\n")[0].slice(0, 300)}`;
    const first = e.message.split("\n")[0].slice(0, 300);
    const err = e as Error & { code?: string; key?: string; secret?: boolean };
    if (typeof err.key === "string" && first.startsWith("Missing required configuration variable")) {
        const project = job?.project;
        const short = project && err.key.startsWith(`${project.name}:`) ? err.key.slice(project.name.length + 1) : err.key;
        const file = project?.stackFile ? path.basename(project.stackFile) : `Pulumi.${project?.stack ?? "dev"}.yaml`;
        return `missing required configuration ${err.key}: set it with \`pulumi config set${err.secret ? " --secret" : ""} ${short} <value>\` (stack ${project?.stack ?? "dev"}, ${file})`;
    }
    if (err.code === "MODULE_NOT_FOUND" || err.code === "ERR_MODULE_NOT_FOUND") {
        const m = /Cannot find (?:module|package) '([^']+)'/.exec(first);
        const name = m?.[1] ?? "a module";
        const relative = name.startsWith(".") || path.isAbsolute(name);
        const where = job ? shown(job.project.dir) : ".";
        return relative
            ? `the program imports ${name}, which does not exist${programFrame(e.stack)}`
            : `the program imports "${name}", which is not installed: run \`npm install\` in ${where}${programFrame(e.stack)}`;
    }
    const diagnostics = (e as { diagnosticText?: unknown }).diagnosticText;
    if (e.name === "TSError" && typeof diagnostics === "string") return `the program does not compile: ${diagnostics.split("\n")[0].slice(0, 300)}`;
    return `the program failed: ${first}${programFrame(e.stack)}`;
}

/** Loads a package the way the program's own code would: from the program's directory. */
function programRequire(dir: string): NodeJS.Require {
    return createRequire(path.join(dir, "__keyguard_check__.js"));
}

function need(req: NodeJS.Require, id: string, why: string): string {
    try {
        return req.resolve(id);
    } catch {
        throw new ChildError(why);
    }
}

class ChildError extends Error {}

function registerTypeScript(req: NodeJS.Require, job: Job): void {
    const where = shown(job.project.dir);
    const missing = `the program is TypeScript, but ts-node and typescript (peer dependencies of @pulumi/pulumi) are not installed: run \`npm install --save-dev ts-node typescript\` in ${where}`;
    const tsNode = req(need(req, "ts-node", missing)) as { register(opts: object): void };
    need(req, "typescript", missing);
    // As the Pulumi CLI runs a program: CommonJS, no type check (tsc is the type checker; the
    // gate judges what would deploy).
    tsNode.register({
        transpileOnly: true,
        cwd: job.project.dir,
        compilerOptions: { module: "commonjs", moduleResolution: "node", sourceMap: true },
    });
}

/**
 * A real `import()`: this file compiles to CommonJS, where TypeScript would turn `import()` into
 * `require()`, which cannot load an ES module.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant body, the one way to keep import() in CommonJS output
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;

/** Every Output in the program's exports, awaited the way the engine waits for stack outputs. */
async function awaitExports(pulumi: PulumiModule, exported: unknown): Promise<void> {
    let value = exported;
    // A program may export a function (`export = async () => {…}`); the runtime calls it.
    if (typeof value === "function") value = await (value as () => unknown)();
    else if (value && typeof value === "object" && typeof (value as { default?: unknown }).default === "function") {
        value = { ...(value as object), default: await (value as { default: () => unknown }).default() };
    }
    await (pulumi.output(value as object) as unknown as Awaitable).promise();
}

async function run(j: Job): Promise<Capture["resources"]> {
    job = j;
    const { project } = j;
    // The config reaches the runtime as the Pulumi CLI hands it over: in the environment.
    process.env.PULUMI_CONFIG = JSON.stringify(project.config);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(project.secretKeys);
    const req = programRequire(project.dir);
    const where = shown(project.dir);
    const pulumiPath = need(req, "@pulumi/pulumi", `the program's @pulumi/pulumi is not installed: run \`npm install\` in ${where}`);
    const pulumi = req(pulumiPath) as PulumiModule;
    const settings = req(path.join(path.dirname(pulumiPath), "runtime", "settings")) as Settings;
    const log = req(path.join(path.dirname(pulumiPath), "log")) as { error: (msg: string, ...rest: unknown[]) => unknown };

    // The runtime logs (and swallows) some failures, e.g. a registration whose inputs threw;
    // the CLI would fail the update, so the check fails too.
    const originalError = log.error;
    log.error = (msg: string, ...rest: unknown[]) => {
        logged.push(String(msg));
        return originalError.call(log, msg, ...rest);
    };

    if (project.typescript) {
        if (project.moduleKind === "esm") throw new ChildError("TypeScript ES module programs (.mts, or .ts with \"type\": \"module\") are not supported by keyguard check yet; compile the program to JavaScript and point Pulumi.yaml's main at it");
        registerTypeScript(req, j);
    }
    recordAllFrames(pulumi);
    await pulumi.runtime.setMocks(checkMocks({ preview: j.mode === "preview", region: project.region, answers: j.answers }), project.name, project.stack, j.mode === "preview");
    const captured = tapRegistrations(settings.getMonitor(), j.relativeTo);

    const exported = project.moduleKind === "esm" ? await importEsm(pathToFileURL(project.main).href) : req(project.main);
    await awaitExports(pulumi, exported);
    if (settings.waitForRPCs) await settings.waitForRPCs();
    if (logged.length) throw new ChildError(loggedFailure());
    return captured;
}

process.on("uncaughtException", (e) => void fail(e instanceof ChildError ? e.message : describe(e)));
process.on("unhandledRejection", (e) => void fail(e instanceof ChildError ? e.message : describe(e)));
process.on("beforeExit", () => {
    if (finished) return;
    // The IPC channel does not hold the event loop open; it must while the answer is sent.
    (process as unknown as { channel?: { ref(): void } }).channel?.ref();
    // The event loop ran dry while the program was still being awaited: it waits on a promise
    // nothing will ever settle (or on a registration the runtime failed and logged).
    void fail(logged.length ? loggedFailure() : "the program stopped before it finished: it waits on a promise that never settles");
});
process.exit = ((code?: number) => {
    void fail(`the program called process.exit(${code ?? ""}) before it finished; keyguard check needs it to run to its end`);
}) as typeof process.exit;

process.once("message", (message: Job) => {
    if (!fs.existsSync(message.project.main)) {
        void fail(`the program's main file ${message.project.main} does not exist`);
        return;
    }
    run(message).then(
        async (resources) => {
            // Node reports unhandled rejections (a throw in an apply, a rejected registration) after
            // the microtask queue drains: give them two turns to surface before calling the run good.
            for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
            if (finished) return;
            finished = true;
            await send({ resources });
            realExit(0);
        },
        (e: unknown) => void fail(e instanceof ChildError ? e.message : describe(e)),
    );
});
