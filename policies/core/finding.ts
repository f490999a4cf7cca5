/**
 * The one shape every core rule returns. A rule takes plain data (no Pulumi types) and returns
 * `Finding[]`; the adapter only reads values, calls the rule and reports what it returns, and the
 * policy builder turns each finding into the house message
 *   `<resource>: <problem> (<value>). Fix: <fix>.`
 */
export interface Finding {
    /**
     * A stable, kebab-case id of the rule inside its policy ("rotation-off", "wildcard-principal").
     * Tests assert it; it never appears in the message, so wording can change without breaking them.
     */
    code: string;
    /** What is wrong, in a few words, without the resource name: "automatic key rotation is off". */
    problem: string;
    /** The offending value, shown in parentheses (truncated). Never a secret's value: pass its size or a redaction. */
    value: unknown;
    /** What to set, imperative, no trailing period: "set enableKeyRotation: true". */
    fix: string;
    /** Where inside the resource, when it is not the resource as a whole. */
    where?: FindingLocation;
}

export interface FindingLocation {
    /** A statement label as the IAM parser gives it: `statement 2`, `statement "KeyAdmin"`. */
    statement?: string;
    /** A property path as shown to users: `environment.variables.OPENAI_API_KEY`. */
    path?: string;
}

/**
 * A stack rule's finding, tied to the resource it belongs to. `R` is whatever handle the adapter
 * passed in (the rule never needs to know what a URN is); the adapter reports on `subject`.
 */
export interface StackFinding<R> extends Finding {
    subject: R;
}
