import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { runOrt } from "../../../tests/support/runOrt.ts";
import { SHIPPED_NETWORKS, SHIPPED_NETWORK_IDS } from "../../../src/lib/zoo/index.ts";
import { committedFile } from "./paths.ts";

// The zoo says what each shipped file is; the files say it too. Every committed .onnx the site runs
// takes the zoo's input name and shape and answers under the zoo's output name. A missing file fails.
describe("shipped networks", () => {
  for (const id of SHIPPED_NETWORK_IDS) {
    const network = SHIPPED_NETWORKS[id];
    it(`${id}: models/${network.file} takes "${network.inputName}" [N, ${network.inputShape.join(", ")}] and gives "${network.outputName}"`, async () => {
      const [model, file] = network.file.split("/");
      const bytes = new Uint8Array(readFileSync(committedFile(model, file)));
      const size = network.inputShape.reduce((a, b) => a * b, 1);
      const out = await runOrt(bytes, {
        [network.inputName]: { data: new Float32Array(2 * size).fill(0.25), dims: [2, ...network.inputShape] },
      });
      expect(Object.keys(out)).toEqual([network.outputName]);
      expect(out[network.outputName].dims[0]).toBe(2);
      if (network.labels) expect(out[network.outputName].dims).toEqual([2, network.labels.length]);
    });
  }

  it("committedFile names a missing model file and how to get it back", () => {
    expect(() => committedFile("lens-finder", "no-such.onnx")).toThrow(
      /models\/lens-finder\/no-such\.onnx is missing\. It is committed with the project: restore it from git, or retrain with `npm run models:train -- lens-finder`/,
    );
  });
});
