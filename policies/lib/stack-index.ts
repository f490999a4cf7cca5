/**
 * One index of a stack, built once per stack policy run, so that cross-resource policies look
 * resources up in O(1) instead of scanning the stack for every resource (a 10,000-resource stack
 * would otherwise cost 10^8 comparisons).
 *
 * Four views:
 * - by URN;
 * - by type token;
 * - by name: the logical name, and the known physical names (`NAME_PROPS`: a bucket's `bucket`,
 *   a key's `arn`, a Vault mount's `path`, any resource's `id` after apply...);
 * - by property dependency, both ways: the resources a property's value came from, and the
 *   resources whose property came from a given URN. These links are known in preview, when
 *   names and IDs are not, so policies try them first.
 */
import { trimSlashes } from "../core/text";
import type { StackResource } from "./define";

/** Props that hold a resource's physical name or identifier. */
const NAME_PROPS: readonly string[] = ["bucket", "id", "arn", "keyId", "name", "path"];

/** A link from `resource`'s input `property` to a resource it was computed from. */
export interface Reference {
    resource: StackResource;
    property: string;
}


function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

export class StackIndex {
    private readonly urns = new Map<string, StackResource>();
    private readonly types = new Map<string, StackResource[]>();
    private readonly logical = new Map<string, StackResource[]>();
    // Built per type on first use: a policy pays only for the types it asks about.
    private readonly physicalByType = new Map<string, Map<string, StackResource[]>>();
    private readonly referrersByType = new Map<string, Map<string, Reference[]>>();

    // What a stack policy derives from one resource alone (its SSE rules, say), kept for the other
    // stack policies of the request, which share this index. Strong maps: they go with the index.
    private readonly derivedByKind = new Map<string, Map<StackResource, unknown>>();

    constructor(readonly resources: readonly StackResource[]) {
        for (const r of resources) {
            this.urns.set(r.urn, r);
            push(this.types, r.type, r);
            push(this.logical, r.name, r);
        }
    }

    private physicalNames(type: string): Map<string, StackResource[]> {
        let names = this.physicalByType.get(type);
        if (names) return names;
        names = new Map();
        for (const r of this.types.get(type) ?? []) {
            const seen: string[] = [];
            for (const prop of NAME_PROPS) {
                const value = r.known(prop);
                if (typeof value !== "string" || value === "") continue;
                const key = trimSlashes(value);
                if (seen.includes(key)) continue;
                seen.push(key);
                push(names, key, r);
            }
        }
        this.physicalByType.set(type, names);
        return names;
    }

    private referrers(type: string): Map<string, Reference[]> {
        let refs = this.referrersByType.get(type);
        if (refs) return refs;
        refs = new Map();
        for (const r of this.types.get(type) ?? []) {
            for (const [property, urns] of Object.entries(r.propertyDependencies)) {
                urns.forEach((urn, i) => {
                    if (urns.indexOf(urn) === i) push(refs, urn, { resource: r, property });
                });
            }
        }
        this.referrersByType.set(type, refs);
        return refs;
    }

    /** `compute(resource)` once per index: the answer of `kind` for `resource`, shared by the stack policies. */
    derived<T>(kind: string, resource: StackResource, compute: (resource: StackResource) => T): T {
        let answers = this.derivedByKind.get(kind);
        if (!answers) this.derivedByKind.set(kind, (answers = new Map()));
        if (answers.has(resource)) return answers.get(resource) as T;
        const answer = compute(resource);
        answers.set(resource, answer);
        return answer;
    }

    get(urn: string): StackResource | undefined {
        return this.urns.get(urn);
    }

    ofType(...types: string[]): StackResource[] {
        return types.flatMap((t) => this.types.get(t) ?? []);
    }

    /** Resources with this logical (Pulumi) name, optionally of the given types. */
    byLogicalName(name: string, types?: readonly string[]): StackResource[] {
        const found = this.logical.get(name) ?? [];
        return types ? found.filter((r) => types.includes(r.type)) : [...found];
    }

    /** Resources whose known physical name or identifier (one of `NAME_PROPS`) is `name`, optionally of the given types. */
    byKnownName(name: string, types: readonly string[] = [...this.types.keys()]): StackResource[] {
        const key = trimSlashes(name);
        return types.flatMap((t) => this.physicalNames(t).get(key) ?? []);
    }

    /** The resources that `resource`'s input `property` was computed from. */
    dependenciesOf(resource: StackResource, property: string, types?: readonly string[]): StackResource[] {
        const urns = resource.propertyDependencies[property];
        const out: StackResource[] = [];
        if (!urns) return out;
        // Loops, not flatMap/filter/Set: both S3 stack policies ask this for every bucket and config,
        // which mostly have one dependency per property. A long list gets a Set (no quadratic scan).
        const seen = urns.length > 16 ? new Set<StackResource>() : undefined;
        for (const urn of urns) {
            const r = this.urns.get(urn);
            if (!r || (types && !types.includes(r.type)) || (seen ? seen.has(r) : out.includes(r))) continue;
            out.push(r);
            seen?.add(r);
        }
        return out;
    }

    /** The resources (of the given types) whose input `property` (any, when omitted) was computed from `urn`. */
    referencesTo(urn: string, property?: string, types: readonly string[] = [...this.types.keys()]): Reference[] {
        const out: Reference[] = [];
        for (const t of types) {
            for (const ref of this.referrers(t).get(urn) ?? []) {
                if (property === undefined || ref.property === property) out.push(ref);
            }
        }
        return out;
    }
}

/**
 * The index of the last stack each first resource began, for the stack policies of one request:
 * the builder hands them the same resource views (lib/define.ts), so the first policy's index (and
 * the maps it built on demand) serves the others. Keyed weakly by the first view: it goes with them.
 */
const lastIndex = new WeakMap<StackResource, StackIndex>();

function sameStack(a: readonly StackResource[], b: readonly StackResource[]): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
}

export function indexStack(resources: readonly StackResource[]): StackIndex {
    const first = resources[0];
    if (first === undefined) return new StackIndex(resources);
    const cached = lastIndex.get(first);
    if (cached && sameStack(cached.resources, resources)) return cached;
    const index = new StackIndex(resources);
    lastIndex.set(first, index);
    return index;
}
