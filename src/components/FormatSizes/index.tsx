/**
 * The file-format sizes on the data lake page, read from the JSON that
 * examples/lginform/scripts/measure_formats.py writes, so the page never
 * holds a pasted figure. In a page:
 *
 *   <FormatSizes />                                      the table
 *   <FormatSizes.Size of="parquet-zstd-columns-read" />  one size, e.g. 0.344 MB
 *   <FormatSizes.Share of="json-pretty-gzip" />          one share of the pretty JSON, e.g. 4.9%
 *   <FormatSizes.Script />                               a link to the script
 *
 * An id that is not in the JSON stops the build, naming the ids there are.
 */
import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import measured from '../../../docs/08-storage/_file-format-sizes.json';
import { useSiteFields } from '../../lib/site-fields';
import { BYTES_PER_MEGABYTE, formatMegabytes, formatShare } from './format';
import styles from './styles.module.css';

export const SCRIPT_PATH = 'examples/lginform/scripts/measure_formats.py';
const DATA_PATH = 'docs/08-storage/_file-format-sizes.json';

type FormatSize = { id: string; label: string; bytes: number; shareOfPrettyJson: number };

const formats: readonly FormatSize[] = measured.formats;

if (measured.parameters.megabyte !== BYTES_PER_MEGABYTE) {
  throw new Error(`${DATA_PATH} counts ${measured.parameters.megabyte} bytes to the megabyte; the page writes MB as ${BYTES_PER_MEGABYTE}.`);
}

function formatById(id: string): FormatSize {
  const found = formats.find((format) => format.id === id);
  if (!found) throw new Error(`No format "${id}" in ${DATA_PATH}; its ids are: ${formats.map((format) => format.id).join(', ')}.`);
  return found;
}

function Script(): ReactNode {
  const { repositoryUrl, commit } = useSiteFields();
  return (
    <Link href={`${repositoryUrl}/blob/${commit}/${SCRIPT_PATH}`}>
      <code>{SCRIPT_PATH}</code>
    </Link>
  );
}

function Size({ of }: { of: string }): ReactNode {
  return formatMegabytes(formatById(of).bytes);
}

function Share({ of }: { of: string }): ReactNode {
  return formatShare(formatById(of).shareOfPrettyJson);
}

function FormatSizesTable(): ReactNode {
  return (
    <>
      <table>
        <thead>
          <tr>
            <th>Format</th>
            <th>Size</th>
            <th>Share of the JSON size</th>
          </tr>
        </thead>
        <tbody>
          {formats.map((format) => (
            <tr key={format.id}>
              <td>{format.label}</td>
              <td>{formatMegabytes(format.bytes)}</td>
              <td>{formatShare(format.shareOfPrettyJson)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={styles.note}>
        1 MB is {BYTES_PER_MEGABYTE.toLocaleString('en-GB')} bytes. The bytes read for {measured.parameters.columnsRead.length} columns are their compressed
        size in the Parquet file, taken from its metadata. A reader also fetches the small footer of the file.
      </p>
    </>
  );
}

/** The table, with the inline figures and the script's link as its members. */
const FormatSizes = Object.assign(FormatSizesTable, { Size, Share, Script });

export default FormatSizes;
