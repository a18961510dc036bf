// FRG303: pandas reading a large data file (by the file's size on disk, or a chunked read),
// where Polars' lazy scans or the pyarrow engine do the same work with less CPU time.
import path from 'node:path';
import type { CallSite, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { child, type SNode, unparen } from '../../parse/syntax';
import { addKeyword } from '../fixes';
import type { Rule } from '../rule';
import { fileSizeOnDisk } from './shared';

interface Reader {
  /** Keyword of the path argument (it is also the first positional one). */
  pathKeyword: string;
  /** The Polars call to suggest. */
  polars: string;
  /** Whether `engine="pyarrow"` can be added (read_json only with `lines=True`). */
  pyarrow: 'csv' | 'json' | 'none';
}

const READERS: Record<string, Reader> = {
  'pandas.read_csv': { pathKeyword: 'filepath_or_buffer', polars: 'pl.scan_csv', pyarrow: 'csv' },
  'pandas.read_table': { pathKeyword: 'filepath_or_buffer', polars: 'pl.scan_csv', pyarrow: 'csv' },
  'pandas.read_parquet': { pathKeyword: 'path', polars: 'pl.scan_parquet', pyarrow: 'none' },
  'pandas.read_json': { pathKeyword: 'path_or_buf', polars: 'pl.scan_ndjson', pyarrow: 'json' },
  'pandas.read_excel': { pathKeyword: 'io', polars: 'pl.read_excel', pyarrow: 'none' },
  'pandas.read_feather': { pathKeyword: 'path', polars: 'pl.scan_ipc', pyarrow: 'none' },
};

/**
 * `read_csv` options the pyarrow engine accepts (pandas 2.x); any other option (`chunksize`,
 * `nrows`, `skipfooter`, `converters`, `low_memory`, `comment`, `thousands`, …) keeps the C engine.
 */
const PYARROW_CSV_OPTIONS = new Set([
  'filepath_or_buffer', 'sep', 'delimiter', 'header', 'names', 'index_col', 'usecols', 'dtype', 'na_values',
  'keep_default_na', 'na_filter', 'true_values', 'false_values', 'skiprows', 'encoding', 'quotechar', 'parse_dates',
  'compression', 'storage_options', 'dtype_backend',
]);


export const pandasLargeDataset: Rule = {
  meta: {
    code: 'FRG303',
    name: 'pandas-large-dataset',
    category: 'data',
    // Advice, not a defect: the trigger is the file's size when the code is analysed, and the
    // remedy (another library or engine) is a design choice for the user to weigh.
    severity: 'info',
    summary: 'pandas reads a large data file (by its size on disk, or in chunks) where Polars or the pyarrow engine cost less',
    messages: {
      large: '`{reader}` loads a {size} file into pandas: Polars (`{polars}`){pyarrow} does the same work with less CPU time and energy',
      chunked: '`{reader}` with `{option}` signals a file too large to load at once: Polars\' lazy `{polars}` streams such files through multithreaded native code instead of pandas chunks',
    },
    fixTitle: 'Read with `engine="pyarrow"`',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for `pd.read_csv`, `read_table`, `read_parquet`, `read_json`, `read_excel` and `read_feather` on a file whose size on disk is at or above `large-file-mb` (default 100 MB). The path must be a literal or resolve to one: a module constant, `os.path.join(...)`, `Path(...) / "x.csv"` or `+` of such strings, or an f-string whose interpolations are such names (`f"{DATA_DIR}/train.csv"`); it is looked up relative to the script\'s folder and to the working directory. Other f-strings, URLs and missing files are skipped. Also flags reads with `chunksize=` or `iterator=True`, which signal a file too large for memory. A chunked read of a file found on disk below `large-file-mb` shows the API rather than a file too large for memory: low confidence, kept back unless `confidence = "low"`.',
      whyBad:
        'pandas parses a CSV on one core and materialises every column eagerly, while Polars\' lazy scans parse on all cores, read only the columns and rows a query uses and can stream data larger than memory. On large inputs that is less CPU time and less memory for the same result. For CSV files, `engine="pyarrow"` keeps pandas and still parses with multiple threads.',
      evidence:
        'Polars used about 8× less energy than pandas on large synthetic DataFrames and about 63 % of pandas\' energy on large TPC-H queries, with no significant difference on small frames (Nahrstedt et al., "An Empirical Study on the Energy Usage and Performance of Pandas and Polars Data Processing", EASE 2024, DOI 10.1145/3661167.3661203).',
      example: 'df = pd.read_csv("data/events.csv")  # 2.4 GB\nmonthly = df[df["country"] == "DE"].groupby("month")["amount"].sum()',
      useInstead:
        'monthly = (\n    pl.scan_csv("data/events.csv")\n    .filter(pl.col("country") == "DE")\n    .group_by("month")\n    .agg(pl.col("amount").sum())\n    .collect()\n)\n\n# or, keeping pandas\ndf = pd.read_csv("data/events.csv", engine="pyarrow")',
      fixSafety:
        'The fix adds `engine="pyarrow"` to `read_csv`/`read_table` (only when no option the pyarrow engine rejects is passed) and to `read_json(..., lines=True)`. It is unsafe: it needs `pyarrow` installed, and type inference differs in edge cases (dates, mixed columns, empty strings). No fix is offered for chunked reads, other readers or a move to Polars.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    const threshold = ctx.settings.largeFileMb * 1024 * 1024;
    return {
      call(call) {
        const reader = call.qualified ? READERS[call.qualified] : undefined;
        if (!reader) return;
        const engine = call.kwargs.get('engine');
        // `**options` may already choose the pyarrow engine.
        if (reader.pyarrow !== 'none' && ((engine?.kind === 'string' && engine.value === 'pyarrow') || call.hasSplat)) return;
        const chunked = chunkOption(call);
        const pathArg = model.arg(call, reader.pathKeyword, 0);
        const file = pathArg && literalPath(model, pathArg.node);
        const size = file === undefined ? undefined : fileSizeOnDisk(file, ctx.path, ctx.cwd);
        const large = size !== undefined && size >= threshold;
        if (!large && !chunked) return;
        const data = { reader: call.qualified!.slice('pandas.'.length), polars: reader.polars };
        if (large) {
          const fixable = !chunked && canUsePyarrow(model, call, reader);
          ctx.report({
            node: call.callee,
            messageId: 'large',
            data: { ...data, size: formatSize(size), pyarrow: reader.pyarrow === 'none' ? '' : ' (or `engine="pyarrow"`)' },
            fix: fixable ? { safety: 'unsafe', edits: [addKeyword(model, call, 'engine', '"pyarrow"')] } : undefined,
          });
        } else {
          // Chunks of a file found on disk under `large-file-mb` show the API, not a file too large for memory.
          ctx.report({ node: call.callee, messageId: 'chunked', data: { ...data, option: chunked! }, confidence: size !== undefined ? 'low' : undefined, why: 'the file on disk is smaller than `large-file-mb`' });
        }
      },
    };
  },
};

/** `chunksize=` (not `None`) or `iterator=True`, as shown in the message. */
function chunkOption(call: CallSite): string | undefined {
  const chunk = call.kwargs.get('chunksize');
  if (chunk && chunk.kind !== 'none') return 'chunksize=';
  const it = call.kwargs.get('iterator');
  return it?.kind === 'bool' && it.value ? 'iterator=True' : undefined;
}

function canUsePyarrow(model: ModuleModel, call: CallSite, reader: Reader): boolean {
  if (call.args.length > 1 || call.kwargs.has('engine')) return false;
  if (reader.pyarrow === 'json') {
    const lines = call.kwargs.get('lines');
    return lines?.kind === 'bool' && lines.value && [...call.kwargs.keys()].every((k) => k === 'lines' || k === reader.pathKeyword);
  }
  if (reader.pyarrow !== 'csv') return false;
  for (const [name, value] of call.kwargs) {
    if (!PYARROW_CSV_OPTIONS.has(name) || !pyarrowAccepts(name, value)) return false;
  }
  return true;
}

/** Values the pyarrow engine takes for options it supports only in part. */
function pyarrowAccepts(name: string, value: Value): boolean {
  switch (name) {
    case 'sep':
    case 'delimiter':
      // One character; longer separators are regular expressions, which need the Python engine.
      return value.kind === 'string' && value.value.length === 1;
    case 'skiprows':
      return value.kind === 'number';
    case 'usecols':
    case 'na_values':
      return value.kind === 'list' || value.kind === 'string';
    default:
      return true;
  }
}

/** The path a literal argument names: strings, constants, `os.path.join`, `Path(...) / "x"`, `+`. */
function literalPath(model: ModuleModel, node: SNode, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const n = unparen(node);
  switch (n.type) {
    case 'string':
    case 'concatenated_string': {
      const v = model.value(n);
      return v.kind === 'string' ? v.value : undefined;
    }
    case 'identifier':
    case 'attribute': {
      const v = model.resolve(model.value(n));
      return v.node === n ? undefined : literalPath(model, v.node, depth + 1);
    }
    case 'call': {
      const call = model.callSite(n);
      const joins = call.qualified === 'os.path.join' || call.qualified === 'pathlib.Path' || call.qualified === 'pathlib.PurePath';
      if (!joins || call.hasSplat || call.kwargs.size > 0 || call.args.length === 0) return undefined;
      const parts = call.args.map((a) => literalPath(model, a.node, depth + 1));
      return parts.every((p): p is string => p !== undefined) ? path.join(...parts) : undefined;
    }
    case 'binary_operator': {
      const op = child(n, 'operator');
      const left = child(n, 'left');
      const right = child(n, 'right');
      if (!op || !left || !right) return undefined;
      const a = literalPath(model, left, depth + 1);
      const b = literalPath(model, right, depth + 1);
      if (a === undefined || b === undefined) return undefined;
      if (model.text(op) === '/') return path.join(a, b);
      return model.text(op) === '+' ? a + b : undefined;
    }
    default:
      return undefined;
  }
}


function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1024) return `${(mb / 1024).toFixed(1)} GB`;
  return mb >= 10 ? `${Math.round(mb)} MB` : `${mb.toFixed(1)} MB`;
}
