/**
 * The errors a lake store raises. Each one names the object and says what to
 * do, so a failed run's log line is enough to act on.
 */

/** A put-if-absent found an object already there; the first body is kept. */
export class ObjectExistsError extends Error {
  readonly location: string;
  constructor(location: string, options?: { cause?: unknown }) {
    super(
      `${location} already exists and raw objects are never overwritten. ` +
        'Land the data under a new run_id, or delete the object by hand if it is known to be bad.',
      options,
    );
    this.name = 'ObjectExistsError';
    this.location = location;
  }
}

/** A read asked for an object that is not in the store. */
export class ObjectNotFoundError extends Error {
  readonly location: string;
  constructor(location: string, options?: { cause?: unknown }) {
    super(`${location} does not exist. Check the key and that the step that writes it has run.`, options);
    this.name = 'ObjectNotFoundError';
    this.location = location;
  }
}

/** A key that would escape the store or is not a plain relative path. */
export class InvalidKeyError extends Error {
  readonly key: string;
  constructor(key: string, reason: string) {
    super(`Invalid lake key "${key}": ${reason}. Keys are relative paths such as raw/<source>/<dataset>/...`);
    this.name = 'InvalidKeyError';
    this.key = key;
  }
}

/** LAKE_URL (or a URL passed in code) that names no store we know. */
export class LakeUrlError extends Error {
  readonly url: string;
  constructor(url: string, reason: string) {
    super(
      `LAKE_URL "${url}" is not usable: ${reason}. ` +
        'Use a folder path (e.g. ./.lake) or s3://<bucket>/<optional prefix>.',
    );
    this.name = 'LakeUrlError';
    this.url = url;
  }
}
