// The model zoo: what each network the project ships *is* — its id, classes, graph input and output
// names, builder (the engine network), input preparation and test-time augmentation — in one place
// read by the site, the classify CLI and the training pipelines (models/training). Where the files
// are served from is a bundler concern and lives outside src/lib (src/widgets/shared/modelAssets.ts).
export {
  CLASSIFIERS,
  CLASSIFIER_IDS,
  CLASSIFIER_IO,
  CLASSIFIER_INPUT_SHAPE,
  CLASSIFIER_PREPROCESSING,
  DEFAULT_AUGMENT,
  classifierInput,
  isClassifierId,
  predictionViews,
} from "./classifier.ts";
export type { AugmentOptions, ClassifierArchitecture, ClassifierId, ClassifierSpec } from "./classifier.ts";
export { buildClassifier } from "./classifierNetwork.ts";
export {
  AUTOENCODER_SPEC,
  DECODER_IO,
  ENCODER_IO,
  SEMANTIC_SIZE,
  SEMANTIC_UNITS,
  angleWeight,
  buildDecoder,
  buildEncoder,
  semanticParams,
  semanticTargets,
} from "./autoencoder.ts";
export type { AutoencoderSpec, SemanticParams } from "./autoencoder.ts";
export {
  DENOISER_IO,
  DENOISER_SPEC,
  cutoutToData,
  dataToDisplay,
  denoiserInput,
  denoiserInputValues,
  denoiserPreprocessing,
} from "./denoiser.ts";
export type { DenoiserSpec } from "./denoiser.ts";
export { buildDenoiser } from "./denoiserNetwork.ts";
export { imageStats } from "./imageStats.ts";
export type { ImageStats } from "./imageStats.ts";
export { SHIPPED_NETWORKS, SHIPPED_NETWORK_IDS } from "./shipped.ts";
export type { ShippedNetwork, ShippedNetworkId } from "./shipped.ts";
