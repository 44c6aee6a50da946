import { afterEach, describe, expect, it, vi } from "vitest";
import { NATIVE_FIELD_ARCSEC } from "../../lib/astro/pixelScale.ts";
import {
  FAMOUS_GALAXIES,
  SKY_MESSAGES,
  coverage,
  cutoutGeometry,
  cutoutUrl,
  emptyFraction,
  fieldGeometry,
  framingField,
  isWholeJpeg,
  parseCoordinates,
  readSesame,
  sesameUrl,
  viewerUrl,
} from "./skyClassifier.ts";
import { SKY_SERVICES, SKY_TIMEOUTS, fetchWithin } from "./skyServices.ts";

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
    expect(readSesame(M87_XML, "m87")).toEqual({ kind: "found", position: { ra: 187.70593075958, dec: 12.39112329392, name: "M  87" } });
    expect(readSesame(UNKNOWN_XML, "NGC 99999")).toEqual({ kind: "unknown" });
    // Real answers end with a "Done" comment after the root element.
    expect(readSesame(`${M87_XML}\n<!--- ====Done (2025-Jan-01,00:00:00z)==== -->\n`, "m87").kind).toBe("found");
  });

  it("tells an answer it cannot read from a name Sesame does not know", () => {
    for (const garbage of [
      "",
      "<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>",
      '{"error": "broken',
      M87_XML.slice(0, M87_XML.indexOf("<jdedeg>")), // cut off mid-answer
      M87_XML.replace("187.70593075958", "NaN"),
      M87_XML.replace("+12.39112329392", ""),
    ])
      expect(readSesame(garbage, "M87")).toEqual({ kind: "unreadable" });
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
    expect(() => parseCoordinates("400 10")).toThrow(/RA must be from 0° to below 360° \(got 400\)/);
    expect(() => parseCoordinates("10 95")).toThrow(/Dec must be between −90° and \+90° \(got 95\)/);
  });

  it("takes a degree sign as the unit it is", () => {
    expect(parseCoordinates("187.7° +12.4°")).toEqual({ ra: 187.7, dec: 12.4 });
    expect(parseCoordinates("187.7°, -12.4°")).toEqual({ ra: 187.7, dec: -12.4 });
    expect(parseCoordinates("187.7°+12.4°")).toEqual({ ra: 187.7, dec: 12.4 });
  });

  it("names the sexagesimal field that is out of range instead of reading a typo as another position", () => {
    expect(() => parseCoordinates("12:99:00 +12:00:00")).toThrow(new RangeError("RA minutes must be below 60 (got 99)."));
    expect(() => parseCoordinates("12:30:61 +12:75:99")).toThrow(
      new RangeError(
        "RA seconds must be below 60 (got 61); Dec arcminutes must be below 60 (got 75); Dec arcseconds must be below 60 (got 99).",
      ),
    );
    expect(() => parseCoordinates("24 00 00 +10 00 00")).toThrow(/RA hours must be from 0 to below 24 \(got 24\)/);
    expect(() => parseCoordinates("12 30 00 -10 -30 00")).toThrow(/Dec arcminutes take no sign, only the degrees do \(got -30\)/);
    expect(() => parseCoordinates("12 30 00 +90 30 00")).toThrow(/Dec must be between −90° and \+90°/);
    // The edges themselves are fine.
    expect(parseCoordinates("23:59:59.99 -90:00:00")!.dec).toBe(-90);
    expect(parseCoordinates("00 00 00 +00 59 59.9")!.ra).toBe(0);
  });

  it("asks for points rather than guessing what decimal commas meant", () => {
    for (const text of ["187,706 12,391", "187,7, 12,4", "12:30:49,4 +12:23:28"])
      expect(() => parseCoordinates(text)).toThrow(/Write decimals with a point, not a comma/);
    // A comma between two numbers is a separator, as before.
    expect(parseCoordinates("187.706,12.391")).toEqual({ ra: 187.706, dec: 12.391 });
    expect(parseCoordinates("187,12")).toEqual({ ra: 187, dec: 12 });
  });

  it("says how many numbers coordinates take rather than sending numbers to Sesame", () => {
    expect(() => parseCoordinates("4565")).toThrow(/two numbers .* or six .*; got one number\./);
    expect(() => parseCoordinates("12:30 +12:23")).toThrow(/got 4 numbers\./);
    expect(parseCoordinates("3C 273")).toBeNull();
    expect(parseCoordinates("SDSS J123049.42+122328.0")).toBeNull();
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

  it("checks the typed field itself, with a message for empty, unreadable and out-of-range text", () => {
    expect(fieldGeometry(" 16.8 ")).toEqual(cutoutGeometry(NATIVE_FIELD_ARCSEC));
    expect(fieldGeometry("1e3")).toEqual(cutoutGeometry(1000));
    expect(() => fieldGeometry("")).toThrow(/^Type a field of view in arcseconds, between 16\.8″ \(the network's own\) and 3600″/);
    expect(() => fieldGeometry("  ")).toThrow(/^Type a field of view/);
    expect(() => fieldGeometry("16,8")).toThrow(/with a point for decimals; got "16,8"\./);
    expect(() => fieldGeometry("16.7")).toThrow(/between 16\.8″ .* and 3600″; got 16\.7\./);
    expect(() => fieldGeometry("3601")).toThrow(/got 3601\./);
    expect(fieldGeometry("3600").field).toBe(3600);
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

describe("sky classifier: answers that are not a picture", () => {
  it("wants a whole JPEG: its start marker, and its end marker near the end", () => {
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    expect(isWholeJpeg(jpeg)).toBe(true);
    expect(isWholeJpeg(Uint8Array.from([...jpeg, 0, 0]))).toBe(true);
    expect(isWholeJpeg(jpeg.slice(0, 7))).toBe(false); // cut off
    expect(isWholeJpeg(new Uint8Array(0))).toBe(false);
    expect(isWholeJpeg(new TextEncoder().encode("<!DOCTYPE html><html>Error</html>"))).toBe(false);
  });
});

describe("sky classifier: messages", () => {
  it("says what went wrong with each service, without doubled full stops", () => {
    expect(SKY_MESSAGES.sesameHttp(500)).toMatch(/^The name resolver \(CDS Sesame\) answered with an error \(HTTP 500\): try again later/);
    expect(SKY_MESSAGES.sesameHttp(500)).not.toMatch(/could not be reached|offline/);
    expect(SKY_MESSAGES.sesameTimeout(SKY_TIMEOUTS.sesame)).toMatch(/^Sesame did not answer within 15 s: /);
    expect(SKY_MESSAGES.cutoutTimeout(SKY_TIMEOUTS.cutout)).toMatch(/did not answer within 30 s: .*drop it into the upload form/);
    expect(SKY_MESSAGES.sesameUnreadable).toMatch(/could not be read/);
    expect(SKY_MESSAGES.sesameUnreadable).not.toMatch(/does not know|spelling/);
    expect(SKY_MESSAGES.cutoutNotPicture).toMatch(/sent something that is not a picture/);
    expect(SKY_MESSAGES.classifyFailed("The source image could not be decoded.")).toMatch(/could not be decoded\. Download/);
    const M = SKY_MESSAGES;
    for (const m of [
      M.sesameUnreachable("Failed to fetch."),
      M.cutoutUnreachable("Failed to fetch."),
      M.classifyFailed("The source image could not be decoded."),
      M.cutoutHttp(503),
      M.cutoutNotPicture,
      M.sesameUnknown("M87"),
      M.blank("M87"),
    ])
      expect(m).not.toMatch(/\.\.|\.\)/);
  });
});

describe("sky classifier: requests with a time limit", () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  /** A fetch that answers after `answerAfterMs` (never, when null), honouring the abort signal like the real one. */
  const slowFetch =
    (answerAfterMs: number | null, status = 200, body = "ok"): typeof fetch =>
    (_url, init) =>
      new Promise((resolve, reject) => {
        const signal = init?.signal;
        signal?.addEventListener("abort", () => reject(new DOMException("The operation was aborted.", "AbortError")));
        if (answerAfterMs !== null) setTimeout(() => resolve(new Response(body, { status })), answerAfterMs);
      });
  const text = (r: Response) => r.text();

  it("gives up on a service that never answers, after its time limit", async () => {
    vi.useFakeTimers();
    const pending = fetchWithin("https://x/", text, { timeoutMs: 15_000, signal: new AbortController().signal, fetch: slowFetch(null) });
    await vi.advanceTimersByTimeAsync(14_999);
    let settled = false;
    void pending.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({ kind: "timeout" });
  });

  it("tells an answer, an HTTP error, a cancelled request and a network failure apart", async () => {
    vi.useFakeTimers();
    const live = () => new AbortController().signal;
    const ok = fetchWithin("https://x/", text, { timeoutMs: 1000, signal: live(), fetch: slowFetch(10, 200, "<Sesame/>") });
    const http = fetchWithin("https://x/", text, { timeoutMs: 1000, signal: live(), fetch: slowFetch(10, 500) });
    const cancel = new AbortController();
    const cancelled = fetchWithin("https://x/", text, { timeoutMs: 1000, signal: cancel.signal, fetch: slowFetch(null) });
    cancel.abort();
    await vi.advanceTimersByTimeAsync(20);
    expect(await ok).toEqual({ kind: "ok", body: "<Sesame/>" });
    expect(await http).toEqual({ kind: "http", status: 500 });
    expect(await cancelled).toEqual({ kind: "cancelled" });
    expect(await fetchWithin("https://x/", text, { timeoutMs: 1000, signal: cancel.signal, fetch: slowFetch(0) })).toEqual({
      kind: "cancelled",
    });
    const offline: typeof fetch = () => Promise.reject(new TypeError("Failed to fetch"));
    expect(await fetchWithin("https://x/", text, { timeoutMs: 1000, signal: live(), fetch: offline })).toEqual({
      kind: "unreachable",
      detail: "Failed to fetch",
    });
  });

  it("counts the body in the time limit: headers then silence is a timeout too", async () => {
    vi.useFakeTimers();
    const headersOnly: typeof fetch = (_url, init) =>
      Promise.resolve(
        new Response(
          new ReadableStream({
            start(controller) {
              init?.signal?.addEventListener("abort", () => controller.error(new DOMException("aborted", "AbortError")));
            },
          }),
        ),
      );
    const pending = fetchWithin("https://x/", text, { timeoutMs: 500, signal: new AbortController().signal, fetch: headersOnly });
    await vi.advanceTimersByTimeAsync(500);
    expect(await pending).toEqual({ kind: "timeout" });
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
