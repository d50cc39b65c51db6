// Loaded (`node --require`) before the mock runner, to make each child's start cheaper; the programs
// run as they would without it.
//
// - @pulumi/pulumi loads its function serialiser (runtime/closure) whatever the program, and with it
//   TypeScript and npm's @npmcli/arborist (pacote, sigstore, ...): 3,500 module loads instead of
//   2,200, about 0.9 s of each child's 2.5 s. A generated program never serialises a function (its
//   code ships as images), so those two are stand-ins that fail loudly if anything uses them.
// - Pulumi gives each of its promises the stack where it was made (`debuggablePromise`), a captured
//   and formatted stack each, about 0.3 s a child; only its leak report reads them. A failing program
//   reports its error's message without a stack.
import Module from "node:module";

Error.stackTraceLimit = 0;

const STAND_INS: readonly ((request: string) => boolean)[] = [(request) => request === "@npmcli/arborist", (request) => request.endsWith("/typescript-shim")];

interface ModuleLoader {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

const loader = Module as unknown as ModuleLoader;
const load = loader._load.bind(loader);
loader._load = (request, parent, isMain) => (STAND_INS.some((test) => test(request)) ? standIn(request) : load(request, parent, isMain));

function standIn(request: string): object {
  return new Proxy(
    {},
    {
      get(_, key) {
        // CommonJS interop asks whether a module is an ES module; anything else is a use.
        if (key === "__esModule") return false;
        throw new Error(`${request} is not loaded under the mock runner (test/render/mock-preload.ts): the program used its ${String(key)}`);
      },
    },
  );
}
