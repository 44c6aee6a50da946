/**
 * A file that cannot be used, with a message for the person who chose it. Its own module so pages can
 * test `instanceof ImageFileError` without loading the file reader itself (see loadImageFile.ts).
 */
export class ImageFileError extends Error {
  override name = "ImageFileError";
}
