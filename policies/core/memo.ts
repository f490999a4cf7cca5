/**
 * Answers that depend only on a string (a did-you-mean suggestion, an action pattern's expansion)
 * are kept, so a preview of thousands of resources naming the same principal or action computes
 * each once. Bounded: a hostile stream of distinct strings cannot grow a cache without limit;
 * the least recently used answer goes first, so the strings a stack repeats stay. Keys longer
 * than any real name are answered but not kept, so the bound holds in bytes too.
 */
export class BoundedCache<V> {
    /**
     * In use order, oldest first (a Map iterates in insertion order; re-inserting moves an entry to
     * the end). A hit moves its entry only when it was last moved more than half the capacity's
     * worth of lookups ago: moving on every hit cost more than most of the answers it kept (every
     * resource policy asks on every request), and an entry that recent is nowhere near the front.
     */
    private readonly entries = new Map<string, { value: V; movedAt: number }>();
    /** Lookups so far: the clock `movedAt` is read against. */
    private lookups = 0;

    /** `maxKeyChars`: longer than any action, service or principal name (the longest are about 100 characters). */
    constructor(
        readonly capacity: number,
        readonly maxKeyChars = 256,
    ) {
        if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a cache holds at least one entry (got ${capacity})`);
    }

    get size(): number {
        return this.entries.size;
    }

    /** The answer for `key`, computed by `compute` the first time and remembered. */
    get(key: string, compute: () => V): V {
        if (key.length > this.maxKeyChars) return compute();
        const now = ++this.lookups;
        const entry = this.entries.get(key);
        if (entry !== undefined) {
            if (now - entry.movedAt > this.capacity / 2) {
                this.entries.delete(key);
                this.entries.set(key, entry);
                entry.movedAt = now;
            }
            return entry.value;
        }
        const value = compute();
        if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
        this.entries.set(key, { value, movedAt: now });
        return value;
    }

    clear(): void {
        this.entries.clear();
    }
}

/**
 * One bounded cache per object a family of answers depends on (a candidate list, a config's list
 * of extra principals), dropped with the object. Lists built afresh on every call get a fresh cache,
 * so callers pass lists that live as long as their data (the catalog's, the resolved config's).
 */
export class CachePerObject<V> {
    private readonly caches = new WeakMap<object, BoundedCache<V>>();

    constructor(
        readonly capacity: number,
        readonly maxKeyChars?: number,
    ) {}

    of(owner: object): BoundedCache<V> {
        let cache = this.caches.get(owner);
        if (!cache) this.caches.set(owner, (cache = new BoundedCache<V>(this.capacity, this.maxKeyChars)));
        return cache;
    }
}
