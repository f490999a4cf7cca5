/**
 * Runs a fixture program under `pulumi.runtime.setMocks` and captures what the engine would send
 * the policy pack for each resource: the wire-format inputs (secret wrappers, unknown sentinels),
 * `dependencies` and `propertyDependencies`, as `WireResource`s.
 *
 * Why a child process per fixture and mode: Pulumi's runtime state (settings, config, the
 * monitor, the stack's resource list) is process-global, and a program module registers its
 * resources once, when it is first required. A fresh process is the only context that is
 * certainly clean. It costs one Node start plus loading @pulumi/pulumi, @pulumi/aws and
 * @pulumi/vault, about a second (see the README's Fixtures section for the measurement).
 *
 * How the wire form is seen: a mock's `newResource` gets the inputs already deserialized
 * (secrets unwrapped, unknowns gone), so the capture wraps the mock monitor's `registerResource`,
 * which receives the serialized RegisterResourceRequest exactly as a real engine would. That is
 * internal to @pulumi/pulumi (runtime/mocks.js, pinned at 3.248.0); `assertMonitorShape` fails
 * loudly if it moves, and test/fixtures/capture.test.ts covers it.
 */
import { fork } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { WireResource } from "./in-process";
import { repoPackDir } from "./grpc";

export type Mode = "preview" | "post-apply";
export const MODES: readonly Mode[] = ["preview", "post-apply"];

export interface Fixture {
    /** Short name, e.g. `seeds/000-kms-alias` or `reference-stack`. */
    name: string;
    /** The fixture's source directory (Pulumi.yaml, index.ts, expected.json). */
    dir: string;
    /** The compiled program under dist/. */
    program: string;
    /** The Pulumi project name from Pulumi.yaml. */
    project: string;
}

export interface Capture {
    fixture: string;
    mode: Mode;
    resources: WireResource[];
    /** Milliseconds the child process took, spawn to result. */
    ms: number;
}

/** The RegisterResourceRequest accessors the capture reads (generated protobuf getters). */
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(fn: (deps: { getUrnsList(): string[] }, key: string) => void): void };
}
type Callback = (err: unknown, response: { getUrn(): string } | undefined) => void;
interface MonitorLike {
    registerResource(req: RegisterRequest, callback: Callback): Promise<void> | void;
}

const STACK = "dev";
/** A capture takes ~3 s of CPU; the bound is generous because CI machines are shared. */
const CAPTURE_TIMEOUT_MS = 180_000;

/** @internal members of @pulumi/pulumi the capture awaits (an Output's promise; the RPC queue). */
interface Internal {
    promise(): Promise<unknown>;
    waitForRPCs(): Promise<void>;
}

/** The project name in a Pulumi.yaml (a top-level `name:` line; no YAML parser needed for that). */
export function projectName(pulumiYaml: string): string {
    const m = /^name:\s*["']?([^"'\s#]+)/m.exec(pulumiYaml);
    if (!m) throw new Error("Pulumi.yaml has no top-level name");
    return m[1];
}

function fixtureAt(root: string, rel: string): Fixture {
    const dir = path.join(root, "fixtures", rel);
    return {
        name: rel,
        dir,
        program: path.join(root, "dist", "fixtures", rel, "index.js"),
        project: projectName(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")),
    };
}

/** Every fixture: the seed ports in order, then the reference stack. */
export function listFixtures(root = repoPackDir()): Fixture[] {
    const seedsDir = path.join(root, "fixtures", "seeds");
    const seeds = fs
        .readdirSync(seedsDir)
        .filter((d) => fs.existsSync(path.join(seedsDir, d, "Pulumi.yaml")))
        .sort();
    return [...seeds.map((d) => fixtureAt(root, `seeds/${d}`)), fixtureAt(root, "reference-stack")];
}

/** Config for the run: the fixture's mock-config.json, keys namespaced by the project as the CLI does. */
export function fixtureConfig(fixture: Fixture): { config: Record<string, string>; secretKeys: string[] } {
    const file = path.join(fixture.dir, "mock-config.json");
    if (!fs.existsSync(file)) return { config: {}, secretKeys: [] };
    const raw = JSON.parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, string>; secretKeys?: string[] };
    const key = (k: string) => (k.includes(":") ? k : `${fixture.project}:${k}`);
    const config: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw.config ?? {})) config[key(k)] = v;
    return { config, secretKeys: (raw.secretKeys ?? []).map(key) };
}

/** Throws unless the monitor still has the shape the capture relies on. */
export function assertMonitorShape(monitor: unknown): asserts monitor is MonitorLike {
    if (typeof monitor !== "object" || monitor === null || typeof (monitor as MonitorLike).registerResource !== "function") {
        throw new Error("keyguard capture: the mock monitor has no registerResource; @pulumi/pulumi's runtime/mocks.js changed");
    }
}

function toWire(req: RegisterRequest, urn: string): WireResource {
    const object = req.getObject();
    if (!object || typeof object.toJavaScript !== "function") {
        throw new Error("keyguard capture: RegisterResourceRequest has no object struct; @pulumi/pulumi's request shape changed");
    }
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
        propertyDependencies[key] = deps.getUrnsList();
    });
    const resource: WireResource = {
        type: req.getType(),
        name: req.getName(),
        urn,
        props: object.toJavaScript(),
        dependencies: req.getDependenciesList(),
        propertyDependencies,
    };
    if (req.getParent()) resource.parent = req.getParent();
    return resource;
}

/**
 * Wraps the monitor's registerResource so every successful registration is recorded in wire
 * form. Returns the list it fills.
 */
export function tapRegistrations(monitor: unknown): WireResource[] {
    assertMonitorShape(monitor);
    const captured: WireResource[] = [];
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) =>
        original(req, (err, response) => {
            if (!err && response) captured.push(toWire(req, response.getUrn()));
            callback(err, response);
        });
    return captured;
}

/**
 * Runs one program in THIS process under mocks and returns its captures. Pulumi's runtime is
 * global: call it once per process (the child entry does), never twice in one.
 */
export async function captureInThisProcess(fixture: Fixture, mode: Mode): Promise<WireResource[]> {
    // Loaded here, not at the top: the parent process (tests, npm start) never needs the runtime.
    const pulumi = await import("@pulumi/pulumi");
    const settings = await import("@pulumi/pulumi/runtime/settings");
    const { fixtureMocks } = await import("./mocks");
    const { config, secretKeys } = fixtureConfig(fixture);
    pulumi.runtime.setAllConfig(config, secretKeys);
    await pulumi.runtime.setMocks(fixtureMocks(mode === "preview"), fixture.project, STACK, mode === "preview");
    const captured = tapRegistrations(settings.getMonitor());
    const program = (await import(fixture.program)) as Record<string, unknown>;
    // Stack outputs are what the engine waits for; an apply that throws surfaces here.
    for (const value of Object.values(program)) {
        if (pulumi.Output.isInstance(value)) await (value as unknown as Internal).promise();
    }
    await (settings as unknown as Internal).waitForRPCs();
    return captured;
}

/** Runs one fixture in a fresh child process and returns what it captured. */
export function captureFixture(fixture: Fixture, mode: Mode, opts: { timeoutMs?: number } = {}): Promise<Capture> {
    const t0 = process.hrtime.bigint();
    const child = fork(path.join(__dirname, "capture-child.js"), [fixture.dir, mode], {
        stdio: ["ignore", "pipe", "pipe", "ipc"],
        serialization: "json",
        env: captureEnv(),
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (s: string) => {
        if (stderr.length < 64 * 1024) stderr += s;
    });
    child.stdout!.resume();
    return new Promise((resolve, reject) => {
        let result: WireResource[] | undefined;
        let failure: string | undefined;
        const timer = setTimeout(() => {
            failure = `timed out after ${opts.timeoutMs ?? CAPTURE_TIMEOUT_MS} ms`;
            child.kill("SIGKILL");
        }, opts.timeoutMs ?? CAPTURE_TIMEOUT_MS);
        child.on("message", (m: { resources?: WireResource[]; error?: string }) => {
            if (m.error) failure = m.error;
            else result = m.resources;
        });
        child.once("error", (e) => {
            failure = failure ?? `spawn failed: ${e.message}`;
        });
        child.once("exit", (code, signal) => {
            clearTimeout(timer);
            const ms = Number(process.hrtime.bigint() - t0) / 1e6;
            if (result && code === 0) return resolve({ fixture: fixture.name, mode, resources: result, ms });
            reject(new Error(`capturing ${fixture.name} (${mode}) failed: ${failure ?? `exit ${signal ?? code}`}\n${stderr}`));
        });
    });
}

/** The child's environment: a developer's Pulumi settings must not leak into a mocked run. */
function captureEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of Object.keys(env)) {
        if (k.startsWith("PULUMI_")) delete env[k];
    }
    return env;
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the input order in the result. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i], i);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}
