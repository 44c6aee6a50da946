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

/** The Legacy Surveys data release the cutouts come from (grz colour images). */
export const LEGACY_LAYER = "ls-dr10";

/** Origins the page fetches from (the viewer is only a link, so it needs no permission). */
export const SKY_SERVICE_ORIGINS: readonly string[] = [
  ...new Set([SKY_SERVICES.sesame, SKY_SERVICES.cutout].map((u) => new URL(u).origin)),
];
