import type { OffsetRange } from '../../yaml/yamlAst';

/** MLflow's scalar `DataType` names (mlflow/types/schema.py). */
export const DATA_TYPES: readonly string[] = [
  'boolean',
  'integer',
  'long',
  'float',
  'double',
  'string',
  'binary',
  'datetime',
];

/** Types with structure: arrays, objects, maps, Spark ML vectors and "anything". */
export const COMPLEX_TYPES: readonly string[] = ['array', 'object', 'map', 'sparkml_vector', 'any'];

/** Every `type` a column spec may have. */
export const COLUMN_TYPES: readonly string[] = [...DATA_TYPES, ...COMPLEX_TYPES];

/** numpy dtype names a TensorSpec may use (sized flexible dtypes such as `<U10` are refused). */
export const NUMPY_DTYPES: readonly string[] = [
  'bool',
  'bool_',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float16',
  'float32',
  'float64',
  'float128',
  'longdouble',
  'half',
  'single',
  'double',
  'complex64',
  'complex128',
  'complex256',
  'object',
  'object_',
  'str',
  'str_',
  'unicode',
  'bytes',
  'bytes_',
  'int',
  'float',
  'complex',
  'byte',
  'ubyte',
  'short',
  'ushort',
  'intc',
  'uintc',
  'intp',
  'uintp',
  'longlong',
  'ulonglong',
];

const TIME_DTYPE = /^(datetime64|timedelta64)(\[(Y|M|W|D|h|m|s|ms|us|ns|ps|fs|as)\])?$/;

/** Whether a dtype name is one numpy knows and MLflow accepts. */
export function isKnownDtype(dtype: string): boolean {
  return NUMPY_DTYPES.includes(dtype) || TIME_DTYPE.test(dtype);
}

/** A finding inside signature JSON, located by offsets into the decoded JSON text. */
export interface SignatureProblem {
  readonly range: OffsetRange;
  readonly message: string;
  /** A replacement for the text inside `range`, when one is obvious. */
  readonly replacement?: string;
}
