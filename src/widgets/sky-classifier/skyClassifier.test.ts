import { describe, expect, it } from "vitest";
import { NATIVE_FIELD_ARCSEC } from "../../lib/astro/pixelScale.ts";
import {
  FAMOUS_GALAXIES,
  coverage,
  cutoutGeometry,
  cutoutUrl,
  emptyFraction,
  framingField,
  parseCoordinates,
  parseSesame,
  sesameUrl,
  viewerUrl,
} from "./skyClassifier.ts";
import { SKY_SERVICES } from "./skyServices.ts";

// The shape of Sesame's `-ox` answer (trimmed), for a known and an unknown name.
const M87_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Sesame xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<Target option="SNV">
  <name>M87</name>
  <Resolver name="S=Simbad (via url):    1">
    <otype>AGN</otype>
    <jpos>12:30:49.42 +12:23:28.0</jpos>
    <jradeg>187.70593075958</jradeg>
    <jdedeg>+12.39112329392</jdedeg>
    <oname>M  87</oname>
  </Resolver>
</Target>
</Sesame>`;
const UNKNOWN_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Sesame><Target option="SNV"><name>NGC 99999</name>
<INFO>*** NGC 99999: Nothing found ***</INFO></Target></Sesame>`;

describe("sky classifier: positions", () => {
  it("reads Sesame's J2000 degrees and the object's name", () => {
    expect(parseSesame(M87_XML, "m87")).toEqual({ ra: 187.70593075958, dec: 12.39112329392, name: "M  87" });
    expect(parseSesame(UNKNOWN_XML, "NGC 99999")).toBeNull();
    expect(parseSesame("", "x")).toBeNull();
  });

  it("reads typed coordinates in degrees or sexagesimal, and leaves names alone", () => {
    expect(parseCoordinates("187.706 12.391")).toEqual({ ra: 187.706, dec: 12.391 });
    expect(parseCoordinates("187.706, -12.391")).toEqual({ ra: 187.706, dec: -12.391 });
    const sex = parseCoordinates("12:30:49.42 +12:23:28.0")!;
    expect(sex.ra).toBeCloseTo(187.70592, 4);
    expect(sex.dec).toBeCloseTo(12.39111, 4);
    // A negative declination's sign covers its minutes and seconds: −0° 30′ is −0.5°.
    expect(parseCoordinates("0 0 0 -0 30 0")!.dec).toBeCloseTo(-0.5, 10);
    expect(parseCoordinates("M87")).toBeNull();
    expect(parseCoordinates("NGC 4565")).toBeNull();
    expect(() => parseCoordinates("400 10")).toThrow(RangeError);
    expect(() => parseCoordinates("10 95")).toThrow(RangeError);
  });

  it("escapes the name in the Sesame request", () => {
    expect(sesameUrl(SKY_SERVICES, " NGC 1300 ")).toBe("https://cds.unistra.fr/cgi-bin/nph-sesame/-ox/SNV?NGC%201300");
  });
});

describe("sky classifier: cutout geometry and URLs", () => {
  it("at the network's own field, asks for the training geometry: 64 px of 0.262″", () => {
    const g = cutoutGeometry(NATIVE_FIELD_ARCSEC);
    expect(g.size).toBe(64);
    expect(g.pixscale).toBeCloseTo(0.262, 10);
    expect(g.modelScale).toBeCloseTo(0.262, 10);
    expect(g.shrink).toBeCloseTo(1, 10);
    // The form shows the field rounded, 16.8″: that is the native field, not 64 px of 0.2625″.
    expect(cutoutGeometry(16.8)).toEqual(g);
  });

  it("for a wide field, coarser pixels (at most 256 of them) and the galaxy shrunk by field / 16.8″", () => {
    const g = cutoutGeometry(1000);
    expect(g.size).toBe(256);
    expect(g.pixscale).toBeCloseTo(1000 / 256, 10);
    // The whole cutout becomes the network's field: 256 px × modelScale = 16.768″.
    expect(g.size * g.modelScale).toBeCloseTo(NATIVE_FIELD_ARCSEC, 10);
    expect(g.shrink).toBeCloseTo(1000 / NATIVE_FIELD_ARCSEC, 10);
    const mid = cutoutGeometry(30);
    expect(mid.size).toBe(Math.floor(30 / 0.262));
    expect(mid.pixscale).toBeGreaterThanOrEqual(0.262);
    expect(() => cutoutGeometry(5)).toThrow(RangeError);
    expect(() => cutoutGeometry(Number.NaN)).toThrow(RangeError);
  });

  it("builds the Legacy Surveys cutout and viewer links", () => {
    const at = { ra: 187.70593075958, dec: 12.39112329392 };
    const url = new URL(cutoutUrl(SKY_SERVICES, at, cutoutGeometry(750)));
    expect(url.origin + url.pathname).toBe("https://www.legacysurvey.org/viewer/cutout.jpg");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      ra: "187.705931",
      dec: "12.391123",
      layer: "ls-dr10",
      pixscale: "2.9297",
      size: "256",
    });
    const viewer = new URL(viewerUrl(SKY_SERVICES, at, cutoutGeometry(NATIVE_FIELD_ARCSEC)));
    expect(viewer.searchParams.get("zoom")).toBe("14");
    const self = { ...SKY_SERVICES, cutout: "http://localhost:9/cut.jpg" };
    expect(cutoutUrl(self, at, cutoutGeometry(NATIVE_FIELD_ARCSEC))).toMatch(/^http:\/\/localhost:9\/cut\.jpg\?ra=/);
  });

  it("frames every famous galaxy with its diameter two thirds of the field, far wider than 16.8″", () => {
    for (const g of FAMOUS_GALAXIES) {
      const f = framingField(g.diameterArcmin);
      expect(f).toBeCloseTo(1.5 * 60 * g.diameterArcmin, 0);
      expect(f).toBeGreaterThan(20 * NATIVE_FIELD_ARCSEC);
      expect(() => cutoutGeometry(f)).not.toThrow();
    }
  });
});

describe("sky classifier: blank cutouts outside the footprint", () => {
  const picture = (n: number, pixel: (p: number) => [number, number, number]) => {
    const rgba = new Uint8ClampedArray(4 * n);
    for (let p = 0; p < n; p++) rgba.set([...pixel(p), 255], 4 * p);
    return rgba;
  };
  it("calls an all-black picture (with JPEG ringing of a level or two) blank", () => {
    const n = 64 * 64;
    expect(
      coverage(
        picture(n, () => [0, 0, 0]),
        n,
      ),
    ).toBe("blank");
    expect(
      coverage(
        picture(n, (p) => [p % 3, (p >> 1) % 2, 0]),
        n,
      ),
    ).toBe("blank");
  });
  it("calls dark noisy sky with a faint galaxy full, and a half-empty field partial", () => {
    const n = 64 * 64;
    // Sky around level 12 with ±8 noise (a deterministic hash), a brighter blob in the middle.
    const noisy = (p: number): [number, number, number] => {
      const v = 12 + ((p * 2654435761) % 17) - 8;
      const x = (p % 64) - 32;
      const y = Math.floor(p / 64) - 32;
      const g = 120 * Math.exp(-(x * x + y * y) / 50);
      return [v + g, v + g, v + g];
    };
    expect(emptyFraction(picture(n, noisy), n)).toBeLessThan(0.1);
    expect(coverage(picture(n, noisy), n)).toBe("full");
    expect(
      coverage(
        picture(n, (p) => (p % 64 < 32 ? [0, 0, 0] : noisy(p))),
        n,
      ),
    ).toBe("partial");
  });
});
