/**
 * Runs a Pulumi program under mocks in a child process and captures what the engine would send
 * the policy pack for each resource: wire-format inputs (secret wrappers, unknown sentinels),
 * `dependencies`, `propertyDependencies`, and the line of the program that declared it.
 *
 * Why a child process per run: Pulumi's runtime state (settings, config, the monitor) is
 * process-global and a program registers its resources once, when it is first loaded. A fresh
 * process is the only context that is certainly clean, and the only one a hostile program
 * (endless loop, process.exit, unhandled rejection) cannot take keyguard down with.
 *
 * How the wire form is seen: a mock's `newResource` gets the inputs already deserialized, so the
 * capture wraps the mock monitor's `registerResource`, which receives the serialized
 * RegisterResourceRequest exactly as a real engine would. That is internal to @pulumi/pulumi
 * (runtime/mocks.js); `assertMonitorShape` fails loudly if it moves (test/check covers it).
 */
import { fork } from "child_process";
import * as path from "path";
import { fileURLToPath } from "url";
import { SIG_KEY, UNKNOWN } from "../policies/core/wire";
import type { ScanResource, SourceLocation } from "../scan/input";
import { CheckError, Project, shownPath } from "./project";

export type Mode = "apply" | "preview";
export const MODES: readonly Mode[] = ["preview", "apply"];

/** A resource reference on the wire: `{[SIG_KEY]: RESOURCE_SIG, urn, id?}`. */
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

export interface Capture {
    mode: Mode;
    resources: ScanResource[];
    /** Milliseconds the child process took, spawn to result. */
    ms: number;
}

/** What the parent asks the child to run. */
export interface Job {
    project: Project;
    mode: Mode;
    answers?: Record<string, Record<string, unknown>>;
    /** Source positions are written relative to this directory (the user's working directory). */
    relativeTo: string;
}

export const DEFAULT_TIMEOUT_SECONDS = 120;

/** The RegisterResourceRequest accessors the capture reads (generated protobuf getters). */
interface Position {
    getUri(): string;
    getLine(): number;
    getColumn(): number;
}
export interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom?(): boolean;
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(fn: (deps: { getUrnsList(): string[] }, key: string) => void): void };
    getSourceposition?(): Position | undefined;
    getStacktrace?(): { getFramesList(): { getPc(): Position | undefined }[] } | undefined;
}
type Callback = (err: unknown, response: { getUrn(): string } | undefined) => void;
interface MonitorLike {
    registerResource(req: RegisterRequest, callback: Callback): Promise<void> | void;
}

/** Throws unless the monitor still has the shape the capture relies on. */
export function assertMonitorShape(monitor: unknown): asserts monitor is MonitorLike {
    if (typeof monitor !== "object" || monitor === null || typeof (monitor as MonitorLike).registerResource !== "function") {
        throw new Error("keyguard check: the mock monitor has no registerResource; @pulumi/pulumi's runtime/mocks.js changed");
    }
}

/**
 * Resource references as the engine sends them to analyzers: the referenced resource's id (the
 * unknown sentinel while it has none, in preview), or a component's URN.
 */
export function dereference(value: unknown, depth = 0): unknown {
    if (depth > 256 || typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return value.map((v) => dereference(v, depth + 1));
    const obj = value as Record<string, unknown>;
    if (obj[SIG_KEY] === RESOURCE_SIG) {
        if (!("id" in obj)) return obj.urn;
        return typeof obj.id === "string" && obj.id !== "" ? obj.id : UNKNOWN;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = dereference(v, depth + 1);
    return out;
}

/** Frames in @pulumi/* packages are the SDK and providers; the first other frame is the program's line. */
function isSdkFrame(file: string): boolean {
    return /[\\/]node_modules[\\/]@pulumi[\\/]/.test(file);
}

function toLocation(pos: Position | undefined, relativeTo: string): SourceLocation | undefined {
    const uri = pos?.getUri();
    if (!uri || !uri.startsWith("file:")) return undefined;
    let file: string;
    try {
        file = fileURLToPath(uri);
    } catch {
        return undefined;
    }
    if (isSdkFrame(file)) return undefined;
    const rel = shownPath(file, relativeTo).split(path.sep).join("/");
    return { uri: rel, ...(pos!.getLine() ? { line: pos!.getLine() } : {}), ...(pos!.getLine() && pos!.getColumn() ? { column: pos!.getColumn() } : {}) };
}

/** Where the program declared the resource: the first stack frame outside @pulumi/*. */
export function declarationSite(req: RegisterRequest, relativeTo: string): SourceLocation | undefined {
    for (const frame of req.getStacktrace?.()?.getFramesList() ?? []) {
        const location = toLocation(frame.getPc(), relativeTo);
        if (location) return location;
    }
    return toLocation(req.getSourceposition?.(), relativeTo);
}

function toWire(req: RegisterRequest, urn: string, relativeTo: string): ScanResource {
    const object = req.getObject();
    if (!object || typeof object.toJavaScript !== "function") {
        throw new Error("keyguard check: RegisterResourceRequest has no object struct; @pulumi/pulumi's request shape changed");
    }
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
        propertyDependencies[key] = deps.getUrnsList();
    });
    const resource: ScanResource = {
        type: req.getType(),
        name: req.getName(),
        urn,
        props: dereference(object.toJavaScript()) as Record<string, unknown>,
        dependencies: req.getDependenciesList(),
        propertyDependencies,
    };
    if (req.getParent()) resource.parent = req.getParent();
    const source = declarationSite(req, relativeTo);
    if (source) resource.source = source;
    return resource;
}

/** Wraps the monitor's registerResource so every successful registration is recorded in wire form. */
export function tapRegistrations(monitor: unknown, relativeTo = process.cwd()): ScanResource[] {
    assertMonitorShape(monitor);
    const captured: ScanResource[] = [];
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) =>
        original(req, (err, response) => {
            if (!err && response) captured.push(toWire(req, response.getUrn(), relativeTo));
            callback(err, response);
        });
    return captured;
}

/** The child's environment: the user's Pulumi settings must not reach a mocked run (config travels in the job). */
function childEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of Object.keys(env)) {
        if (k.startsWith("PULUMI_")) delete env[k];
    }
    return env;
}

/** Runs the program once in a fresh child process and returns what it registered. */
export function captureProgram(job: Job, opts: { timeoutSeconds?: number } = {}): Promise<Capture> {
    const timeoutSeconds = opts.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    const t0 = process.hrtime.bigint();
    const child = fork(path.join(__dirname, "child.js"), [], {
        cwd: job.project.dir,
        stdio: ["ignore", "pipe", "pipe", "ipc"],
        serialization: "advanced",
        env: childEnv(),
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (s: string) => {
        if (stderr.length < 64 * 1024) stderr += s;
    });
    // What the program prints is its own business; keyguard's report owns standard output.
    child.stdout!.resume();
    child.send(job);
    return new Promise((resolve, reject) => {
        let result: ScanResource[] | undefined;
        let failure: string | undefined;
        const timer = setTimeout(() => {
            failure = `the program did not finish within ${timeoutSeconds} s (an endless loop, or a wait on something the mocks never answer?); raise the limit with --timeout SECONDS`;
            child.kill("SIGKILL");
        }, timeoutSeconds * 1000);
        child.on("message", (m: { resources?: ScanResource[]; error?: string }) => {
            if (m.error) failure ??= m.error;
            else result = m.resources;
        });
        child.once("error", (e) => {
            failure ??= `could not start Node for the program: ${e.message}`;
        });
        child.once("exit", (code, signal) => {
            clearTimeout(timer);
            const ms = Number(process.hrtime.bigint() - t0) / 1e6;
            // A result counts even if the runtime's promise-leak check then set exit code 1.
            if (result && !failure) return resolve({ mode: job.mode, resources: result, ms });
            const lastLine = stderr.trim().split("\n").filter(Boolean).pop();
            const why = failure ?? `the program's process ended (${signal ?? `exit code ${code}`}) before it finished${lastLine ? `: ${lastLine.slice(0, 300)}` : ""}`;
            reject(new CheckError(why));
        });
    });
}
