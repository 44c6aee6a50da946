/**
 * Student names as the gradebook compares them. The seeds use studentKey (NFKC, spaces, case); that
 * key stays as it is, or every student's numbers would change. For telling whether two receipts may
 * come from one person the gradebook uses a coarser "skeleton" (in the spirit of Unicode UTS #39):
 * NFKC, invisible and bidi control characters removed, accents removed, Cyrillic and Greek letters
 * that look like Latin ones replaced by those, case folded, spaces and punctuation dropped. Two names
 * with one skeleton look the same to a reader ("Ada" and "Аda" with a Cyrillic А), so the gradebook
 * puts their receipts side by side instead of giving each its own row.
 */

/** Bidi embedding/override/isolate controls and marks: they reorder how a name is displayed. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Characters that show nothing: combining grapheme joiner (outside the class: it is a combining mark), soft hyphen, Mongolian vowel separator, zero-width space/joiners, word joiner, BOM. */
const INVISIBLE = /\u034f|[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]/g;

/**
 * Cyrillic and Greek letters drawn like a Latin letter in common fonts (from Unicode's
 * confusables.txt, restricted to whole-letter look-alikes). Both cases, because the mapping runs
 * before case folding: Cyrillic "В" looks like Latin "B" but its lower case "в" does not look like "b".
 */
const CONFUSABLE: Record<string, string> = {
  // Cyrillic capitals
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  У: "Y",
  Ү: "Y",
  Ѕ: "S",
  І: "I",
  Ј: "J",
  Ԛ: "Q",
  Ԝ: "W",
  Ӏ: "I",
  // Cyrillic small letters
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  у: "y",
  х: "x",
  ѕ: "s",
  і: "i",
  ј: "j",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  һ: "h",
  ӏ: "l",
  ү: "y",
  к: "k",
  // Greek capitals
  Α: "A",
  Β: "B",
  Ε: "E",
  Ζ: "Z",
  Η: "H",
  Ι: "I",
  Κ: "K",
  Μ: "M",
  Ν: "N",
  Ο: "O",
  Ρ: "P",
  Τ: "T",
  Υ: "Y",
  Χ: "X",
  // Greek small letters
  ο: "o",
  α: "a",
  ν: "v",
  ρ: "p",
  ι: "i",
  κ: "k",
  υ: "u",
  χ: "x",
};

/** The name with bidi controls and invisible characters removed, NFKC-normalised, spaces collapsed. */
export function visibleName(raw: string): string {
  return raw.normalize("NFKC").replace(BIDI, "").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/** The skeleton two names are compared by (see the file comment). */
export function nameSkeleton(raw: string): string {
  const plain = visibleName(raw)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/./gsu, (c) => CONFUSABLE[c] ?? c)
    .toLowerCase();
  // Spaces and punctuation differ between devices and habits ("Ada Lovelace", "Ada-Lovelace").
  const skeleton = plain.replace(/[\s\p{P}\p{S}]/gu, "");
  return skeleton === "" ? plain : skeleton;
}

/** Whether the name holds characters a reader cannot see (bidi controls, zero-width characters). */
export function hasHiddenCharacters(raw: string): boolean {
  return new RegExp(BIDI.source).test(raw) || new RegExp(INVISIBLE.source).test(raw);
}

/** Whether one word of the name mixes Latin letters with Cyrillic or Greek ones (how look-alike names are made). */
export function mixesScripts(raw: string): boolean {
  return visibleName(raw)
    .split(" ")
    .some((word) => /\p{Script=Latin}/u.test(word) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word));
}

/** The name with its hidden characters shown as <U+202E>-style marks, for the gradebook to display. */
export function revealName(raw: string): string {
  return raw.replace(
    new RegExp(`${BIDI.source}|${INVISIBLE.source}`, "g"),
    (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}>`,
  );
}
