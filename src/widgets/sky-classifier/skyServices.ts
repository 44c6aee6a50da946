/**
 * The two outside services "Classify any galaxy in the sky" talks to, in one place: the widget's
 * defaults (each overridable through its props, for tests and self-hosted mirrors) and the hosts the
 * site's Content-Security-Policy lets the page reach (src/build/csp.ts reads SKY_SERVICE_ORIGINS, so
 * a new host here is a new host there, and nothing else is).
 */
export interface SkyServices {
  /** CDS Sesame name resolver, XML output, asking SIMBAD, then NED, then VizieR; the name is appended after "?". */
  sesame: string;
  /** DESI Legacy Surveys colour JPEG cutouts (ra, dec, layer, pixscale, size as query parameters). */
  cutout: string;
  /** The Legacy Surveys sky viewer, for a link to the same position. */
  viewer: string;
}

export const SKY_SERVICES: Readonly<SkyServices> = {
  sesame: "https://cds.unistra.fr/cgi-bin/nph-sesame/-ox/SNV",
  cutout: "https://www.legacysurvey.org/viewer/cutout.jpg",
  viewer: "https://www.legacysurvey.org/viewer",
};

/**
 * How long each request may take, milliseconds, body included (overridable through the widget's
 * props, like the URLs). Sesame answers in well under a second; a wide cutout is rendered on the
 * fly and can take several seconds on a busy day, so it gets longer. Past these the person is told
 * which service is silent and the controls work again, rather than waiting for ever.
 */
export interface SkyTimeouts {
  sesame: number;
  cutout: number;
}

export const SKY_TIMEOUTS: Readonly<SkyTimeouts> = { sesame: 15_000, cutout: 30_000 };

/** The Legacy Surveys data release the cutouts come from (grz colour images). */
export const LEGACY_LAYER = "ls-dr10";

/** Origins the page fetches from (the viewer is only a link, so it needs no permission). */
export const SKY_SERVICE_ORIGINS: readonly string[] = [
  ...new Set([SKY_SERVICES.sesame, SKY_SERVICES.cutout].map((u) => new URL(u).origin)),
];

export type Fetched<T> =
  | { kind: "ok"; body: T }
  | { kind: "http"; status: number }
  | { kind: "timeout" }
  | { kind: "cancelled" }
  | { kind: "unreachable"; detail: string };

/**
 * Fetches `url` and reads its body with `read`, giving up after `timeoutMs` — the body included, as
 * a server can send its headers and then stall — or when `signal` aborts (a newer search, Cancel).
 * Never throws: each outcome is a case the widget words differently.
 */
export async function fetchWithin<T>(
  url: string,
  read: (response: Response) => Promise<T>,
  options: { timeoutMs: number; signal: AbortSignal; fetch?: typeof fetch },
): Promise<Fetched<T>> {
  const { timeoutMs, signal } = options;
  if (signal.aborted) return { kind: "cancelled" };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const cancel = () => controller.abort();
  signal.addEventListener("abort", cancel);
  try {
    const response = await (options.fetch ?? fetch)(url, { signal: controller.signal });
    if (!response.ok) return { kind: "http", status: response.status };
    return { kind: "ok", body: await read(response) };
  } catch (e) {
    if (timedOut) return { kind: "timeout" };
    if (signal.aborted) return { kind: "cancelled" };
    return { kind: "unreachable", detail: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", cancel);
  }
}
