/**
 * The part of the WebAssembly JavaScript API that forest-kernel.ts uses. Node has it as a global,
 * but @types/node does not declare it (TypeScript's lib.dom does, which this project does not load).
 */
declare namespace WebAssembly {
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- an opaque compiled module, made only to instantiate
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number });
    readonly buffer: ArrayBuffer;
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, Memory>>);
    readonly exports: Record<string, unknown>;
  }
}
