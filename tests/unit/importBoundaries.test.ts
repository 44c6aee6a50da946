// The lint rule that encodes the house's import directions (tests/lint/importBoundaries.mjs): each
// rule refuses what it should and lets through what the layering allows.
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import house, { boundaryViolation } from "../lint/importBoundaries.mjs";

describe("import boundaries", () => {
  it("src/lib looks down only: no UI packages or files, nothing outside src/lib", () => {
    expect(boundaryViolation("src/lib/nn/layers.ts", "solid-js")).toMatch(/UI framework/);
    expect(boundaryViolation("src/lib/nn/layers.ts", "@astrojs/solid-js/client")).toMatch(/UI framework/);
    expect(boundaryViolation("src/lib/nn/layers.ts", "./Chart.tsx")).toMatch(/UI framework/);
    expect(boundaryViolation("src/lib/nn/layers.ts", "../../widgets/shared/raster.ts")).toMatch(/outside src\/lib/);
    expect(boundaryViolation("src/lib/nn/layers.ts", "../autodiff/tensor.ts")).toBeNull();
    expect(boundaryViolation("src/lib/nn/layers.ts", "node:fs")).toBeNull();
    expect(boundaryViolation("src/lib/onnx/export.test.ts", "../../../tests/support/runOrt.ts")).toBeNull();
    expect(boundaryViolation("src/lib/onnx/export.ts", "../../../tests/support/runOrt.ts")).toMatch(/outside src\/lib/);
  });

  it("only src/lib/inference (and tests) import onnxruntime-web", () => {
    expect(boundaryViolation("src/lib/inference/modelRunner.ts", "onnxruntime-web")).toBeNull();
    expect(boundaryViolation("src/widgets/cnn-classifier/CnnClassifier.tsx", "onnxruntime-web")).toMatch(/onnxruntime-web/);
    expect(boundaryViolation("models/cli/classify.ts", "onnxruntime-web/wasm")).toMatch(/onnxruntime-web/);
    expect(boundaryViolation("src/lib/onnx/encode.test.ts", "onnxruntime-web")).toBeNull();
  });

  it("a widget looks down to widgets/shared and src/lib, never at another widget or an app", () => {
    expect(boundaryViolation("src/widgets/keras-code/KerasCode.tsx", "../network-trainer/trainerModel.ts")).toMatch(
      /another widget \(network-trainer\)/,
    );
    expect(boundaryViolation("src/widgets/keras-code/KerasCode.tsx", "../shared/raster.ts")).toBeNull();
    expect(boundaryViolation("src/widgets/keras-code/KerasCode.tsx", "./kerasCodegen.ts")).toBeNull();
    expect(boundaryViolation("src/widgets/keras-code/KerasCode.tsx", "../../lib/nn/index.ts")).toBeNull();
    expect(boundaryViolation("src/widgets/keras-code/KerasCode.tsx", "../../teach/Gradebook.tsx")).toMatch(/apps/);
    expect(boundaryViolation("src/widgets/shared/RgbTile.tsx", "../cnn-classifier/gallery.ts")).toMatch(/shared never imports a widget/);
  });

  it("exercises and models build on src/lib only; families sit below the registry", () => {
    expect(boundaryViolation("exercises/families/cnn/conv-shape.ts", "../../../src/lib/nn/index.ts")).toBeNull();
    expect(boundaryViolation("exercises/families/cnn/conv-shape.ts", "../../../src/widgets/shared/raster.ts")).toMatch(/src\/lib only/);
    expect(boundaryViolation("exercises/families/cnn/conv-shape.ts", "../../registry.ts")).toMatch(/registry/);
    expect(boundaryViolation("exercises/families/cnn/conv-shape.ts", "../../assignments/index.ts")).toMatch(/registry or assignments/);
    expect(boundaryViolation("exercises/families/wellPosed.test.ts", "../registry.ts")).toBeNull();
    expect(boundaryViolation("exercises/assignments/qti.ts", "../registry.ts")).toBeNull();
    expect(boundaryViolation("models/training/classifier/train.ts", "../../../src/lib/zoo/classifier.ts")).toBeNull();
    expect(boundaryViolation("models/training/classifier/train.ts", "../../../src/widgets/cnn-classifier/gallery.ts")).toMatch(
      /models import src\/lib only/,
    );
  });

  it("reports static, re-exported and dynamic imports through ESLint", () => {
    const linter = new Linter({ cwd: "/repo" });
    const messages = linter.verify(
      [
        'import { a } from "../network-trainer/a.ts";',
        'export { b } from "../optimizer-race/b.ts";',
        'export * from "../shared/c.ts";',
        'const d = await import("../conv-explorer/raster.ts");',
      ].join("\n"),
      [
        {
          files: ["**/*.ts"],
          plugins: { house },
          rules: { "house/import-boundaries": "error" },
          languageOptions: { sourceType: "module" },
        },
      ],
      "/repo/src/widgets/keras-code/x.ts",
    );
    expect(messages.map((m) => [m.line, m.message])).toEqual([
      [1, "a widget never imports another widget (network-trainer): ../network-trainer/a.ts"],
      [2, "a widget never imports another widget (optimizer-race): ../optimizer-race/b.ts"],
      [4, "a widget never imports another widget (conv-explorer): ../conv-explorer/raster.ts"],
    ]);
  });
});
