/**
 * The error a code location loads with when its image is "broken": shaped like the `PythonError`
 * Dagster+ reports for an import failure, with a two-link `errorChain` (one explicit cause, one
 * exception raised while handling another).
 */

export interface PythonErrorData {
  __typename: "PythonError";
  message: string;
  className: string | null;
  stack: string[];
  cause: PythonErrorData | null;
  causes: PythonErrorData[];
  errorChain: { message: string; isExplicitLink: boolean; error: PythonErrorData }[];
}

export const MISSING_MODULE = "broken_pkg";

const frame = (file: string, line: number, fn: string, code: string): string =>
  `  File "${file}", line ${line}, in ${fn}\n    ${code}\n`;

function plain(className: string, message: string, stack: string[]): PythonErrorData {
  return { __typename: "PythonError", message, className, stack, cause: null, causes: [], errorChain: [] };
}

/** The load error of a location whose code source is `target` (a module, package or file). */
export function importError(target: string): PythonErrorData {
  const site = "/usr/local/lib/python3.11/site-packages";
  const moduleNotFound = plain("ModuleNotFoundError", `ModuleNotFoundError: No module named '${MISSING_MODULE}'\n`, [
    frame(`${site}/dagster/_core/code_pointer.py`, 135, "load_python_module", "return importlib.import_module(module_name)"),
    frame("/usr/local/lib/python3.11/importlib/__init__.py", 126, "import_module", "return _bootstrap._gcd_import(name[level:], package, level)"),
    frame(`/opt/dagster/app/${target.replace(/\./g, "/")}`, 3, "<module>", `import ${MISSING_MODULE}`),
  ]);
  const keyError = plain("KeyError", `KeyError: '${MISSING_MODULE}'\n`, [
    frame(`${site}/dagster/_core/code_pointer.py`, 128, "load_python_module", "module = sys.modules[module_name]"),
  ]);
  const message =
    `dagster._core.errors.DagsterImportError: Encountered ImportError: \`No module named '${MISSING_MODULE}'\` ` +
    `while importing module ${target}. Local modules were resolved using the working directory \`/opt/dagster/app\`. ` +
    "If another working directory should be used, please explicitly specify the appropriate path using the " +
    "`-d` or `--working-directory` for CLI based targets or the `working_directory` configuration option for " +
    "workspace targets.\n";
  return {
    __typename: "PythonError",
    message,
    className: "DagsterImportError",
    stack: [
      frame(`${site}/dagster/_grpc/server.py`, 420, "__init__", "self._loaded_repositories = LoadedRepositories("),
      frame(`${site}/dagster/_grpc/server.py`, 242, "__init__", "loadable_targets = get_loadable_targets("),
      frame(`${site}/dagster/_core/code_pointer.py`, 140, "load_python_module", "raise DagsterImportError("),
    ],
    cause: moduleNotFound,
    causes: [moduleNotFound],
    errorChain: [
      { message: moduleNotFound.message, isExplicitLink: true, error: moduleNotFound },
      { message: keyError.message, isExplicitLink: false, error: keyError },
    ],
  };
}
