// The site's exercise registry as the catalog src/lib/assignments works with (lib may not import
// exercises/, so the widgets build it here).
import { exerciseRng } from "../../exercises/family.ts";
import { families } from "../../exercises/registry.ts";
import { catalogFromFamilies } from "../lib/assignments/index.ts";

export const siteCatalog = catalogFromFamilies(families, exerciseRng);
