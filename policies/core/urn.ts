/**
 * Pulumi URNs, as the engine writes them: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`.
 * The one parser of them in keyguard.
 */

const DELIMITER = "::";

/**
 * The resource's logical name: everything after the third `::`, as the engine's URN.Name() takes
 * it (a name may itself hold `::`: `team::key`). Not a URN: the text itself.
 */
export function nameOfUrn(urn: string): string {
    let at = -DELIMITER.length;
    for (let i = 0; i < 3; i++) {
        at = urn.indexOf(DELIMITER, at + DELIMITER.length);
        if (at < 0) return urn;
    }
    return urn.slice(at + DELIMITER.length);
}
