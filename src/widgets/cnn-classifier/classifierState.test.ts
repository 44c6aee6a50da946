import { describe, expect, it } from "vitest";
import { galleryItems } from "./gallery.ts";
import { isPredictionFor, subjectImage, verdictFor } from "./classifierState.ts";

const [first, second] = galleryItems("galaxy-morphology", 0);
const shown = (item: typeof first, model = "galaxy-morphology") => ({ image: subjectImage({ kind: "gallery", item }), model });

describe("the CNN demo's verdict", () => {
  it("is right or wrong only for the prediction of the image shown now", () => {
    const answer = { top: first.truth, subject: shown(first) };
    expect(verdictFor(answer, shown(first), first.truth)).toBe("right");
    expect(verdictFor({ ...answer, top: second.truth }, shown(first), first.truth)).toBe("wrong");
  });

  it("says nothing while the next gallery image is being predicted (the previous prediction stays on screen)", () => {
    // The first image's prediction compared with the second image's truth flashed "✗ wrong".
    expect(first.truth).not.toBe(second.truth);
    const previous = { top: first.truth, subject: shown(first) };
    expect(verdictFor(previous, shown(second), second.truth)).toBeNull();
    expect(isPredictionFor(previous.subject, shown(second))).toBe(false);
  });

  it("says nothing for a prediction of another model, nor for an upload (no true class)", () => {
    const answer = { top: first.truth, subject: shown(first) };
    expect(verdictFor(answer, shown(first, "lens-finder"), first.truth)).toBeNull();
    const upload = { kind: "upload" as const, name: "m51.fits", plane: 0, bytes: new Uint8Array(10) };
    expect(
      verdictFor(
        { top: "spiral", subject: { image: subjectImage(upload), model: "galaxy-morphology" } },
        { image: subjectImage(upload), model: "galaxy-morphology" },
        null,
      ),
    ).toBeNull();
    // Another plane of the same file is another image.
    expect(subjectImage({ ...upload, plane: 1 })).not.toBe(subjectImage(upload));
  });

  it("treats the same image made grey as another subject: the colour picture's verdict is not shown for the grey one, nor back", () => {
    const grey = { image: subjectImage({ kind: "gallery", item: first }, "grey"), model: "galaxy-morphology" };
    expect(grey.image).not.toBe(shown(first).image);
    expect(subjectImage({ kind: "gallery", item: first }, "colour")).toBe(shown(first).image);
    const inColour = { top: first.truth, subject: shown(first) };
    expect(verdictFor(inColour, grey, first.truth)).toBeNull();
    expect(verdictFor({ top: first.truth, subject: grey }, shown(first), first.truth)).toBeNull();
    expect(verdictFor({ top: first.truth, subject: grey }, grey, first.truth)).toBe("right");
  });
});
