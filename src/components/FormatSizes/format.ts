/**
 * How the data lake page writes the measured sizes: megabytes of 1,000,000
 * bytes to three significant figures (28.2 MB, 1.36 MB, 0.344 MB), and
 * shares to two (79%, 4.9%), with the whole as 100%.
 */
const megabytes = new Intl.NumberFormat('en-GB', { minimumSignificantDigits: 3, maximumSignificantDigits: 3 });
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumSignificantDigits: 2 });

export const BYTES_PER_MEGABYTE = 1_000_000;

export function formatMegabytes(bytes: number): string {
  return `${megabytes.format(bytes / BYTES_PER_MEGABYTE)} MB`;
}

export function formatShare(share: number): string {
  return percent.format(share);
}
