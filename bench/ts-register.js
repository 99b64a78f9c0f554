/* global __dirname */
// Lets a benchmark child process run the TypeScript sources directly (node -r
// bench/ts-register.js bench/load/server.ts), compiling each file on load
// with the project's compiler options, file by file (as ts-jest does with
// isolatedModules). Used when the runner itself runs from source, e.g. in
// the quick-mode test; `npm run bench` runs the compiled dist/ instead.
// Compiled files are cached by content under node_modules/.cache, and the
// compiler is only loaded on a cache miss.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'thidua-ts-register');
const salt = [
  fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'),
  JSON.parse(fs.readFileSync(require.resolve('typescript/package.json'), 'utf8')).version,
].join('\n');

let compilerOptions;
function compile(source, filename) {
  const ts = require('typescript');
  if (!compilerOptions) {
    const configFile = path.join(root, 'tsconfig.json');
    const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
    compilerOptions = {
      ...options,
      module: ts.ModuleKind.CommonJS,
      sourceMap: false,
      inlineSourceMap: true,
      declaration: false,
      noEmit: false,
    };
  }
  return ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
}

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(salt).update(filename).update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = compile(source, filename);
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      fs.writeFileSync(`${cached}.${process.pid}`, output);
      fs.renameSync(`${cached}.${process.pid}`, cached);
    } catch {
      // A read-only tree just compiles every time.
    }
  }
  module._compile(output, filename);
};
