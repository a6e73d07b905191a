/**
 * Message catalogs of each feature area, merged into the main catalogs (`../en.json`, `../ja.json`).
 * One file per area and language keeps features apart: `<area>.en.json` and `<area>.ja.json`,
 * with the same keys, prefixed by the area (e.g. `approvals.`). Register each pair here.
 */
type Catalog = Readonly<Record<string, string>>;

export const AREA_CATALOGS: ReadonlyArray<{ area: string; en: Catalog; ja: Catalog }> = [];
