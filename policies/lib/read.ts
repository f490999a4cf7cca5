/**
 * The one way keyguard's adapters read resource properties.
 *
 * Reading an unknown value through `args.props` throws inside the SDK and turns into
 * "can't run policy during preview" noise, so adapters never touch `args.props` directly: they
 * ask `read()`, which walks the plain object behind the SDK's proxies and says whether a value is
 * known, unknown (computed, preview only), or absent, and whether it reached the engine as a secret.
 */
import { Secret } from "@pulumi/policy";
import { UNKNOWN, isSecretWire, isUnknown } from "../core/wire";
import { unproxy, wireOf } from "./wire-tap";

export type Reading<T = unknown> =
    | { state: "absent"; secret: boolean }
    | { state: "unknown"; secret: boolean }
    | { state: "known"; value: T; secret: boolean };

export type Path = ReadonlyArray<string | number>;

/** Whether secret-ness is visible for these props: true on the engine's path (tap) and the remediate path. */
export function secretsVisible(props: object): boolean {
    return wireOf(props) !== undefined;
}

function step(value: unknown, key: string | number): unknown {
    if (typeof value !== "object" || value === null) return undefined;
    if (Array.isArray(value)) return typeof key === "number" ? value[key] : undefined;
    return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key as string] : undefined;
}

/** Reads `props[path[0]][path[1]]…`, never throwing, whatever the shape of the data. */
export function read<T = unknown>(props: object, ...path: Path): Reading<T> {
    try {
        // Finding the plain object and its wire form asks the bag itself: a revoked Proxy throws.
        return readAt<T>(unproxy(props), wireOf(props), path);
    } catch {
        return unreadable(false);
    }
}

/**
 * What a read says of a value it cannot take out of the data: a getter that throws, a Proxy whose
 * traps throw (an in-process caller's or a hostile program's object; the engine's props are plain
 * JSON). "unknown", as for a preview's computed value: the value is there but cannot be seen, so a
 * policy gives no verdict on it. "absent" would claim the property is not set, which a rule that
 * objects only to what is present (a trust policy's Principal, a plaintext credential) takes for
 * compliant. A throw would end the whole check: a stack policy would judge none of the stack's
 * other resources. `secret` is what the path crossed before the failure.
 */
function unreadable(secret: boolean): Reading<never> {
    return { state: "unknown", secret };
}

/**
 * `read` from the plain object and its wire form, looked up once: a reader bound to one resource
 * (lib/define.ts) reads it many times, and finding both behind the SDK's proxies is most of a read.
 */
export function readAt<T = unknown>(plain: unknown, wireForm: unknown, path: Path): Reading<T> {
    let value = plain;
    let wire = wireForm;
    let secret = false;
    try {
        for (const key of path) {
            value = step(value, key);
            // `while`: a secret may wrap a secret on the wire; unwrapping once left a `Secret` (or the
            // wire wrapper) where the value belongs, so an unknown looked like a wrong-typed value (fuzz).
            while (value instanceof Secret) {
                // The remediate path deserializes with secrets kept as `Secret` instances.
                secret = true;
                value = value.value;
            }
            wire = step(wire, key);
            while (isSecretWire(wire)) {
                secret = true;
                wire = wire.value;
            }
        }
    } catch {
        return unreadable(secret);
    }
    if (value === undefined || value === null) return { state: "absent", secret };
    if (isUnknown(value)) return { state: "unknown", secret };
    return { state: "known", value: value as T, secret };
}

/** The value when it is known, else undefined (unknown and absent look alike here). */
export function known<T = unknown>(props: object, ...path: Path): T | undefined {
    return knownAt<T>(unproxy(props), wireOf(props), path);
}

/** `known` from the plain object and its wire form, as `readAt` is `read`. */
export function knownAt<T = unknown>(plain: unknown, wireForm: unknown, path: Path): T | undefined {
    const r = readAt<T>(plain, wireForm, path);
    return r.state === "known" ? r.value : undefined;
}

/**
 * A reading as a plain value for pure-core functions that walk nested data themselves: the value,
 * the unknown sentinel (so the core's `isUnknown` sees it), or undefined when absent.
 */
export function rawOf(r: Reading): unknown {
    return r.state === "known" ? r.value : r.state === "unknown" ? UNKNOWN : undefined;
}

/**
 * A whole value read as plain data: what the core's walkers (SSE rules, documents) take. Every
 * secret inside is unwrapped, whichever way it arrived (the engine's wire markers, seen through the
 * tap, or the remediate path's `Secret` instances), every unknown is the core's `UNKNOWN`, and
 * `secret` says whether any part of it was a secret.
 */
export interface PlainReading {
    state: Reading["state"];
    /** undefined when absent, `UNKNOWN` when computed, else plain data (arrays and objects copied; a nested absent value is null). */
    value: unknown;
    /** True when the value, or anything inside it, reached the engine as a secret. */
    secret: boolean;
}

/** Bounds of a plain reading: deeper or further than this, a value is UNKNOWN (no verdict rather than a wrong one). */
export const PLAIN_MAX_DEPTH = 64;
export const PLAIN_MAX_NODES = 10_000;

/**
 * Reads the value at `path` and everything inside it through `read` (a policy's `read`, or a stack
 * resource's), so each part is read as `read` reads it: secret-ness from the wire, `Secret`
 * instances unwrapped, unknowns recognized. Never throws; bounded in depth and size.
 */
export function readPlain(read: (...path: Path) => Reading, ...path: Path): PlainReading {
    let nodes = 0;
    let secret = false;
    const plainAt = (at: Path, depth: number): unknown => {
        const r = read(...at);
        secret ||= r.secret;
        if (r.state === "absent") return depth === 0 ? undefined : null;
        if (r.state === "unknown") return UNKNOWN;
        const value = r.value;
        if (typeof value !== "object" || value === null) return value;
        // Only plain containers are walked; anything else (an SDK asset or archive) is a value of its own.
        const isArray = Array.isArray(value);
        if (Object.getPrototypeOf(value) !== (isArray ? Array.prototype : Object.prototype)) return value;
        if (depth >= PLAIN_MAX_DEPTH) return UNKNOWN;
        const child = (key: string | number) => (++nodes > PLAIN_MAX_NODES ? UNKNOWN : plainAt([...at, key], depth + 1));
        if (isArray) return (value as unknown[]).map((_, i) => child(i));
        return Object.fromEntries(Object.keys(value).map((k) => [k, child(k)]));
    };
    try {
        const value = plainAt(path, 0);
        return { state: value === undefined ? "absent" : value === UNKNOWN ? "unknown" : "known", value, secret };
    } catch {
        // A container the walk cannot list (a Proxy whose traps throw): no verdict on any of it.
        // Through `read`, a throwing getter is not one of these: that one property is unknown.
        return { state: "unknown", value: UNKNOWN, secret };
    }
}
